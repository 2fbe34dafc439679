//! Writes `fixtures/official-extensions.json` in the layout it has always had (Python's `json.dumps(indent=1)`,
//! ASCII only, no final newline), so that adding a release changes only that release's lines: `"about"` first,
//! releases oldest first, extensions by name, each entry's fields in the order `version`, `talos_constraint`,
//! `image`, `digest`.

use serde_json::{Map, Value};
use talos_ext_analyzer::catalog::compare_tags;

/// An entry's fields, in order; others follow by name.
const ENTRY_FIELDS: [&str; 4] = ["version", "talos_constraint", "image", "digest"];

/// A JSON string with every non-ASCII character escaped (`\u00e9`, surrogate pairs above U+FFFF).
fn string(text: &str) -> String {
    let json = serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string());
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

/// The keys of `object` in the order they are written at `depth` (0: the document, 1: releases, 2: a release,
/// 3: an entry).
fn ordered_keys(object: &Map<String, Value>, depth: usize) -> Vec<&String> {
    let mut keys: Vec<&String> = object.keys().collect();
    match depth {
        0 => keys.sort_by_key(|k| (k.as_str() != "about", k.as_str())),
        1 => keys.sort_by(|a, b| compare_tags(a, b)),
        3 => keys.sort_by_key(|k| {
            let rank = ENTRY_FIELDS.iter().position(|f| f == k);
            (rank.unwrap_or(ENTRY_FIELDS.len()), k.as_str())
        }),
        _ => keys.sort(),
    }
    keys
}

fn write(value: &Value, depth: usize, key_depth: usize, out: &mut String) {
    match value {
        Value::Object(object) if !object.is_empty() => {
            out.push('{');
            for (i, key) in ordered_keys(object, key_depth).into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push('\n');
                out.push_str(&" ".repeat(depth + 1));
                out.push_str(&string(key));
                out.push_str(": ");
                // `releases` is the only object below the document whose keys are tags.
                let next = if key_depth == 0 && key != "releases" {
                    usize::MAX
                } else {
                    key_depth.saturating_add(1)
                };
                write(&object[key.as_str()], depth + 1, next, out);
            }
            out.push('\n');
            out.push_str(&" ".repeat(depth));
            out.push('}');
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push('\n');
                out.push_str(&" ".repeat(depth + 1));
                write(item, depth + 1, usize::MAX, out);
            }
            out.push('\n');
            out.push_str(&" ".repeat(depth));
            out.push(']');
        }
        Value::String(text) => out.push_str(&string(text)),
        other => out.push_str(&other.to_string()),
    }
}

/// The catalog source as text.
pub fn to_text(source: &Value) -> String {
    let mut out = String::new();
    write(source, 0, 0, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_file_is_written_back_byte_for_byte() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../fixtures/official-extensions.json"
        );
        let text = std::fs::read_to_string(path).expect("fixtures/official-extensions.json");
        let value: Value = serde_json::from_str(&text).expect("JSON");
        assert!(to_text(&value) == text, "the layout differs");
    }

    #[test]
    fn order_and_escapes() {
        let value = serde_json::json!({"releases": {"v1.10.0": {}, "v1.9.0": {"b": {"image": "i", "version": "é"}}},
                                       "about": "x"});
        assert_eq!(
            to_text(&value),
            "{\n \"about\": \"x\",\n \"releases\": {\n  \"v1.9.0\": {\n   \"b\": {\n    \"version\": \"\\u00e9\",\n    \
             \"image\": \"i\"\n   }\n  },\n  \"v1.10.0\": {}\n }\n}"
        );
    }
}
