//! Whitespace-separated words of a line, with their character positions (for spans), and small text predicates
//! the layout readers share.

/// One word of a line: its text and its character range (0-based, end exclusive) in the line's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Splits on runs of whitespace (never on column offsets).
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None; // (byte, char)
    let mut chars = 0usize;
    for (byte, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some((b, ch)) = start.take() {
                out.push(Word {
                    text: &text[b..byte],
                    start: ch,
                    end: chars,
                });
            }
        } else if start.is_none() {
            start = Some((byte, chars));
        }
        chars += 1;
    }
    if let Some((b, ch)) = start {
        out.push(Word {
            text: &text[b..],
            start: ch,
            end: chars,
        });
    }
    out
}

/// Is this a 64-character lowercase hex string (a schematic ID)?
pub fn is_schematic_id(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The number of characters in `text[..byte]` (`byte` must be a char boundary; clamped otherwise).
pub fn char_index(text: &str, byte: usize) -> usize {
    text.get(..byte)
        .map_or_else(|| text.chars().count(), |s| s.chars().count())
}

/// A Talos version with a leading `v` (`1.9.2` → `v1.9.2`); `None` when the text is not one.
pub fn talos_version(text: &str) -> Option<String> {
    if let Some(v) = crate::version::normalize_talos(text) {
        return Some(v);
    }
    let bare = text.strip_prefix('v').unwrap_or(text);
    let mut parts = bare.splitn(2, '-');
    let core = parts.next().unwrap_or("");
    let numbers: Vec<&str> = core.split('.').collect();
    let ok = (2..=3).contains(&numbers.len())
        && numbers
            .iter()
            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    ok.then(|| format!("v{bare}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_with_positions() {
        let w = words("  a\tbc  é d ");
        let got: Vec<(&str, usize, usize)> = w.iter().map(|w| (w.text, w.start, w.end)).collect();
        assert_eq!(got, [("a", 2, 3), ("bc", 4, 6), ("é", 8, 9), ("d", 10, 11)]);
        assert!(words("   ").is_empty());
    }

    #[test]
    fn schematic_ids() {
        assert!(is_schematic_id(
            "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba"
        ));
        assert!(!is_schematic_id(
            "376567988AD370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba"
        ));
        assert!(!is_schematic_id("37656798"));
    }

    #[test]
    fn talos_versions() {
        assert_eq!(talos_version("v1.9.2").as_deref(), Some("v1.9.2"));
        assert_eq!(talos_version("1.4.0").as_deref(), Some("v1.4.0"));
        assert_eq!(
            talos_version("v1.10.0-alpha.1").as_deref(),
            Some("v1.10.0-alpha.1")
        );
        assert_eq!(talos_version("latest"), None);
        // Two numbers name a release line; a part that is empty or not a number, or a fourth part, is no version.
        assert_eq!(talos_version("v1.9").as_deref(), Some("v1.9"));
        assert_eq!(talos_version("1.10-beta").as_deref(), Some("v1.10-beta"));
        for text in ["v1.x.2", "v1..2", "v1.9.2.1", "v1", "v.9.2", "v1.9.2x"] {
            assert_eq!(talos_version(text), None, "{text}");
        }
    }
}
