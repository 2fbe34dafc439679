//! Where something stands in the input the user gave: 1-based lines and columns (in characters).

use serde::{Deserialize, Serialize};

/// A range in one input, inclusive of both ends, 1-based. `end_column` is the column of the last character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// Index of the input in the analysed list.
    pub input: usize,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl Span {
    /// A span covering whole lines `line..=end_line` of `input` (columns from 1 to `end_column`).
    pub fn lines(input: usize, line: u32, end_line: u32, end_column: u32) -> Span {
        Span {
            input,
            line,
            column: 1,
            end_line,
            end_column,
        }
    }

    /// The smallest span covering both (they must be in the same input).
    pub fn cover(self, other: Span) -> Span {
        let (line, column) = (self.line, self.column).min((other.line, other.column));
        let (end_line, end_column) =
            (self.end_line, self.end_column).max((other.end_line, other.end_column));
        Span {
            input: self.input,
            line,
            column,
            end_line,
            end_column,
        }
    }
}
