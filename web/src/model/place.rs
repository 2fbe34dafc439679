//! Where a finding or an input error was seen, in words: the label of its "Show in input" button.

use talos_ext_analyzer::Span;

/// "line 4" or "lines 4–6", with the input's name when there are several inputs.
pub fn place<N: AsRef<str>>(span: &Span, inputs: &[N]) -> String {
    let mut text = String::new();
    if inputs.len() > 1 {
        if let Some(name) = inputs.get(span.input) {
            text.push_str(name.as_ref());
            text.push_str(", ");
        }
    }
    text.push_str(if span.end_line > span.line {
        "lines "
    } else {
        "line "
    });
    text.push_str(&span.line.to_string());
    if span.end_line > span.line {
        text.push('–');
        text.push_str(&span.end_line.to_string());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_or_lines_named_by_input_when_there_are_several() {
        let one = Span::lines(0, 4, 4, 1);
        let more = Span::lines(1, 4, 6, 1);
        assert_eq!(place(&one, &["paste"]), "line 4");
        assert_eq!(place(&more, &["paste", "a.yaml"]), "a.yaml, lines 4–6");
        assert_eq!(
            place(&Span::lines(5, 2, 2, 1), &["paste", "a.yaml"]),
            "line 2"
        );
    }
}
