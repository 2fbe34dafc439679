//! Dropped or picked files become session inputs: text files as text (line breaks as a textarea holds them, so
//! spans and the editor agree), anything else (a support-bundle zip, an `.age` file, invalid UTF-8) as bytes.
//! Files over the analyzer's budget are refused before they are read.

use std::rc::Rc;

use js_sys::Uint8Array;
use talos_ext_analyzer::MAX_INPUT_BYTES;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FileList};

use crate::model::session::{SessionContent, SessionInput};

/// What reading a list of files gave.
#[derive(Default)]
pub struct ReadFiles {
    pub inputs: Vec<SessionInput>,
    /// One message per file refused or unreadable.
    pub refused: Vec<String>,
}

/// The files of a list, in order.
pub fn files_of(list: &FileList) -> Vec<File> {
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// Reads `files`; oversize ones are refused without reading a byte.
pub async fn read_files(files: Vec<File>) -> ReadFiles {
    let mut out = ReadFiles::default();
    for file in files {
        let name = file.name();
        let size = file.size();
        if size > MAX_INPUT_BYTES as f64 {
            out.refused.push(oversize_message(&name, size));
            continue;
        }
        match JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => out.inputs.push(SessionInput {
                content: classify(&name, Uint8Array::new(&buffer).to_vec()),
                name,
            }),
            Err(_) => out.refused.push(format!("{name}: could not be read.")),
        }
    }
    out
}

/// The message for an input over the budget.
pub fn oversize_message(name: &str, size: f64) -> String {
    format!(
        "{name} is {}; the limit is {} per input. It was not read.",
        human_size(size),
        limit_text()
    )
}

/// The per-input limit as the UI states it (`64 MiB`).
pub fn limit_text() -> String {
    format!("{} MiB", MAX_INPUT_BYTES >> 20)
}

/// Text when it is UTF-8 without NUL bytes and not a zip or an age file; bytes otherwise.
pub fn classify(name: &str, bytes: Vec<u8>) -> SessionContent {
    let lower = name.to_ascii_lowercase();
    let binary_name = lower.ends_with(".zip") || lower.ends_with(".age") || lower.ends_with(".gz");
    if binary_name || bytes.starts_with(b"PK\x03\x04") || bytes.contains(&0) {
        return SessionContent::Bytes(Rc::from(bytes));
    }
    match String::from_utf8(bytes) {
        Ok(text) => SessionContent::Text(Rc::from(normalise_line_breaks(&text))),
        Err(e) => SessionContent::Bytes(Rc::from(e.into_bytes())),
    }
}

/// CRLF and lone CR become LF, as in a textarea's value.
pub fn normalise_line_breaks(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// `512 B`, `3.1 KB`, `3.1 MB` (decimal units, one decimal, halves rounded up). Integer arithmetic: formatting an
/// `f64` would pull core's float formatting (about 15 KB of wasm) into the page for this one label.
pub fn human_size(bytes: f64) -> String {
    // A file's size is a whole number of bytes; `as` saturates (and maps NaN to 0).
    let bytes = bytes as u64;
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let (unit_bytes, unit) = if bytes < 1_000_000 {
        (1_000, "KB")
    } else {
        (1_000_000, "MB")
    };
    let tenths = bytes.saturating_add(unit_bytes / 20) / (unit_bytes / 10);
    format!("{}.{} {unit}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_text(content: &SessionContent, expected: &str) -> bool {
        matches!(content, SessionContent::Text(t) if &**t == expected)
    }

    #[test]
    fn text_is_text_with_textarea_line_breaks() {
        assert!(is_text(
            &classify("a.txt", b"a\r\nb\rc\n".to_vec()),
            "a\nb\nc\n"
        ));
        assert!(is_text(&classify("a.yaml", "é".as_bytes().to_vec()), "é"));
    }

    #[test]
    fn zips_age_files_nul_bytes_and_invalid_utf8_are_bytes() {
        for (name, bytes) in [
            ("bundle.zip", &b"hello"[..]),
            ("x.age", b"age-encryption.org/v1"),
            ("x", b"PK\x03\x04rest"),
            ("x.txt", b"a\0b"),
            ("x.txt", b"\xff\xfe"),
        ] {
            assert!(
                matches!(classify(name, bytes.to_vec()), SessionContent::Bytes(b) if &*b == bytes),
                "{name}"
            );
        }
    }

    #[test]
    fn sizes_read_like_people_write_them() {
        assert_eq!(human_size(512.0), "512 B");
        assert_eq!(human_size(3_100.0), "3.1 KB");
        assert_eq!(human_size(3_140_000.0), "3.1 MB");
        assert_eq!(human_size(999.0), "999 B");
        assert_eq!(human_size(999_949.0), "999.9 KB");
        assert_eq!(human_size(999_950.0), "1000.0 KB");
        assert_eq!(human_size(1_000.0), "1.0 KB");
        assert_eq!(human_size(-1.0), "0 B");
        assert_eq!(limit_text(), "64 MiB");
        assert!(
            oversize_message("big.txt", 70e6).contains("big.txt is 70.0 MB; the limit is 64 MiB")
        );
    }
}
