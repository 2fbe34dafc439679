//! Counting words shared by the renderers and the rules' messages: `1 error`/`2 errors`, `twice`.

/// `singular` for one, else `plural`: `Input`/`Inputs`.
pub fn plural_word<'a>(n: usize, singular: &'a str, plural: &'a str) -> &'a str {
    if n == 1 {
        singular
    } else {
        plural
    }
}

/// `1 error`, `2 errors`.
pub fn count_of(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", plural_word(n, singular, plural))
}

/// "twice", "three times", "4 times".
pub fn times(n: usize) -> String {
    match n {
        2 => "twice".to_string(),
        3 => "three times".to_string(),
        _ => format!("{n} times"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        assert_eq!(count_of(1, "error", "errors"), "1 error");
        assert_eq!(count_of(0, "error", "errors"), "0 errors");
        assert_eq!(plural_word(2, "Input", "Inputs"), "Inputs");
        assert_eq!(times(2), "twice");
        assert_eq!(times(3), "three times");
        assert_eq!(times(5), "5 times");
    }
}
