//! Maps parser positions (line and character column of the joined block text) back to the original input through
//! the block's [`CleanLine`]s.

use crate::span::Span;
use crate::text::CleanLine;

/// The lines one parse runs over: `lines[first..]` joined with `\n`, so parser line `n` (1-based) is
/// `lines[first + n - 1]`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Positions<'a> {
    pub lines: &'a [CleanLine<'a>],
    pub first: usize,
    pub input: usize,
}

/// A position in the joined text: 1-based line, 0-based character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Point {
    pub line: usize,
    pub col: usize,
}

impl<'a> Positions<'a> {
    /// The clean line under parser line `line` (clamped to the block).
    fn clean(&self, line: usize) -> Option<&'a CleanLine<'a>> {
        let index = (self.first + line.max(1) - 1).min(self.lines.len().saturating_sub(1));
        self.lines.get(index)
    }

    /// The original line and column of a point.
    pub fn original(&self, point: Point) -> (u32, u32) {
        match self.clean(point.line) {
            Some(line) => (line.line, line.column(point.col)),
            None => (1, 1),
        }
    }

    /// The span from `start` to the last non-blank character before `end` (exclusive); a span of one character at
    /// `start` when there is none.
    pub fn span(&self, start: Point, end: Point) -> Span {
        let (line, column) = self.original(start);
        let (end_line, end_column) = match self.last_before(start, end) {
            Some(p) => self.original(p),
            None => (line, column),
        };
        Span {
            input: self.input,
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// The last non-blank character at or after `start` and before `end`.
    fn last_before(&self, start: Point, end: Point) -> Option<Point> {
        if end <= start {
            return None;
        }
        let mut line = end.line;
        let mut limit = Some(end.col);
        loop {
            let text = self.clean(line).map_or("", |l| &*l.text);
            let from = if line == start.line { start.col } else { 0 };
            let last = text
                .chars()
                .take(limit.unwrap_or(usize::MAX))
                .enumerate()
                .skip(from)
                .filter(|(_, c)| !c.is_whitespace())
                .last();
            if let Some((col, _)) = last {
                return Some(Point { line, col });
            }
            if line <= start.line || line <= 1 {
                return None;
            }
            line -= 1;
            limit = None;
        }
    }
}
