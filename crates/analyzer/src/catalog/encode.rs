//! Writes the compact text form of the catalog (`catalog.txt`) from its source, `fixtures/official-extensions.json`
//! (`talos-ext catalog embed` calls it; a test checks that the embedded file is what it writes).
//!
//! Format (UTF-8 text, one record per line, fields separated by a tab):
//!
//! ```text
//! talos-ext-catalog<TAB>1
//! N<TAB>name0<TAB>name1 ...                 extension names, sorted; referred to by index
//! C<TAB>constraint0<TAB>constraint1 ...     compatibility constraints, by index
//! R<TAB>tag<TAB>op<TAB>op ...               one release, oldest first, as changes against the previous one
//! D<TAB>tag<TAB><name index>=<hex> ...      the digests of the release just before, where the source has them
//! ```
//!
//! An op is `<name index>=<version>` (added, or version changed; constraint unchanged or 0 for a new entry),
//! `<name index>=<version>~<constraint index>` (constraint set), or `<name index>-` (removed). In a version, `@`
//! stands for the release's own tag (`9.2.12-@` in release v1.9.2 is `9.2.12-v1.9.2`). Images are not stored:
//! every image is `ghcr.io/siderolabs/<name>:<version>` (checked here). A digest is stored as the first
//! [`DIGEST_PREFIX_LEN`] hex digits of its `sha256`: enough to tell one build of a tag from another (a chance match
//! is one in 2^64), a quarter of the bytes of the whole digest in the page. Digests are per release, not changes:
//! the same tag is rebuilt for each release.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde_json::Value;

/// Hex digits of a digest the embedded catalog keeps.
pub const DIGEST_PREFIX_LEN: usize = 16;

/// Why the source cannot be encoded: what and where, in one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodeError(pub String);

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EncodeError {}

fn fail<T>(message: String) -> Result<T, EncodeError> {
    Err(EncodeError(message))
}

/// `(major, minor, patch, is release, prerelease)` of a release tag `vX.Y.Z[-pre]`: a prerelease sorts before
/// its release.
fn tag_key(tag: &str) -> Result<(u64, u64, u64, bool, &str), EncodeError> {
    let bare = tag.strip_prefix('v').unwrap_or("");
    let (core, pre) = match bare.split_once('-') {
        Some((core, pre)) if !pre.is_empty() => (core, Some(pre)),
        Some(_) => return fail(format!("release tag {tag:?} is not vX.Y.Z")),
        None => (bare, None),
    };
    let numbers: Vec<Option<u64>> = core
        .split('.')
        .map(|n| {
            (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                .then(|| n.parse().ok())
                .flatten()
        })
        .collect();
    match numbers.as_slice() {
        [Some(major), Some(minor), Some(patch)] => {
            Ok((*major, *minor, *patch, pre.is_none(), pre.unwrap_or("")))
        }
        _ => fail(format!("release tag {tag:?} is not vX.Y.Z")),
    }
}

/// Orders release tags `vX.Y.Z[-pre]` oldest first, a prerelease before its release (the catalog source's order).
pub fn compare_tags(a: &str, b: &str) -> Ordering {
    match (tag_key(a), tag_key(b)) {
        (Ok(a), Ok(b)) => a.cmp(&b),
        _ => a.cmp(b),
    }
}

/// A text the format can hold: no separator, and for a version no `~`, no `@` and no trailing `-`.
fn check_text(text: &str, what: &str) -> Result<(), EncodeError> {
    let bad: &[char] = if what == "version" {
        &['\t', '\n', '\r', '~', '@']
    } else {
        &['\t', '\n', '\r']
    };
    if text.is_empty() || text.contains(bad) || (what == "version" && text.ends_with('-')) {
        return fail(format!("{what} {text:?} cannot be stored"));
    }
    Ok(())
}

/// One extension of one release, as the source has it.
struct Entry<'a> {
    version: &'a str,
    constraint: &'a str,
    /// The hex of `sha256:<hex>`.
    digest: Option<&'a str>,
}

fn field<'a>(entry: &'a Value, key: &str, tag: &str, name: &str) -> Result<&'a str, EncodeError> {
    match entry.get(key).and_then(Value::as_str) {
        Some(text) => Ok(text),
        None => fail(format!("{tag} {name}: no {key}")),
    }
}

fn read_entry<'a>(tag: &str, name: &'a str, entry: &'a Value) -> Result<Entry<'a>, EncodeError> {
    let version = field(entry, "version", tag, name)?;
    check_text(version, "version")?;
    let image = field(entry, "image", tag, name)?;
    if image != format!("ghcr.io/siderolabs/{name}:{version}") {
        return fail(format!(
            "{tag} {name}: image {image:?} is not ghcr.io/siderolabs/<name>:<version>"
        ));
    }
    let digest = match entry.get("digest") {
        None | Some(Value::Null) => None,
        Some(value) => {
            let hex = value
                .as_str()
                .and_then(|d| d.strip_prefix("sha256:"))
                .filter(|h| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()));
            match hex {
                Some(hex) => Some(hex),
                None => {
                    return fail(format!(
                        "{tag} {name}: digest {value} is not sha256:<64 hex digits>"
                    ))
                }
            }
        }
    };
    Ok(Entry {
        version,
        constraint: field(entry, "talos_constraint", tag, name)?,
        digest,
    })
}

/// The text form of the catalog whose source is `source` (`{"releases": {tag: {name: entry}}}`).
pub fn encode(source: &Value) -> Result<String, EncodeError> {
    let Some(releases) = source.get("releases").and_then(Value::as_object) else {
        return fail("no \"releases\" object".to_string());
    };
    let mut tags: Vec<&str> = Vec::with_capacity(releases.len());
    for tag in releases.keys() {
        tag_key(tag)?;
        tags.push(tag);
    }
    tags.sort_by(|a, b| compare_tags(a, b));
    let mut parsed: Vec<(&str, BTreeMap<&str, Entry>)> = Vec::with_capacity(tags.len());
    for &tag in &tags {
        let Some(extensions) = releases.get(tag).and_then(Value::as_object) else {
            return fail(format!("{tag}: not an object"));
        };
        let mut entries = BTreeMap::new();
        for (name, entry) in extensions {
            check_text(name, "name")?;
            entries.insert(name.as_str(), read_entry(tag, name, entry)?);
        }
        parsed.push((tag, entries));
    }
    let names: BTreeSet<&str> = parsed.iter().flat_map(|(_, r)| r.keys().copied()).collect();
    let constraints: BTreeSet<&str> = parsed
        .iter()
        .flat_map(|(_, r)| r.values().map(|e| e.constraint))
        .collect();
    for constraint in &constraints {
        check_text(constraint, "constraint")?;
    }
    let name_index: BTreeMap<&str, usize> =
        names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let constraint_index: BTreeMap<&str, usize> = constraints
        .iter()
        .enumerate()
        .map(|(i, c)| (*c, i))
        .collect();

    let mut lines = vec!["talos-ext-catalog\t1".to_string()];
    lines.push(
        std::iter::once("N")
            .chain(names.iter().copied())
            .collect::<Vec<_>>()
            .join("\t"),
    );
    lines.push(
        std::iter::once("C")
            .chain(constraints.iter().copied())
            .collect::<Vec<_>>()
            .join("\t"),
    );
    let mut previous: BTreeMap<&str, (&str, usize)> = BTreeMap::new();
    for (tag, entries) in &parsed {
        let current: BTreeMap<&str, (&str, usize)> = entries
            .iter()
            .map(|(name, e)| (*name, (e.version, constraint_index[e.constraint])))
            .collect();
        let mut record = vec!["R".to_string(), tag.to_string()];
        for name in &names {
            let i = name_index[name];
            match (previous.get(name), current.get(name)) {
                (Some(_), None) => record.push(format!("{i}-")),
                (None, None) => {}
                (before, Some(after)) if before == Some(after) => {}
                (before, Some(&(version, constraint))) => {
                    let old_constraint = before.map_or(0, |b| b.1);
                    let mut op = format!("{i}={}", version.replace(tag, "@"));
                    if constraint != old_constraint {
                        op.push_str(&format!("~{constraint}"));
                    }
                    record.push(op);
                }
            }
        }
        lines.push(record.join("\t"));
        let digests: Vec<String> = entries
            .iter()
            .filter_map(|(name, e)| {
                let hex = e.digest?.get(..DIGEST_PREFIX_LEN)?;
                Some(format!("{}={}", name_index[name], hex.to_ascii_lowercase()))
            })
            .collect();
        if !digests.is_empty() {
            lines.push(format!("D\t{tag}\t{}", digests.join("\t")));
        }
        previous = current;
    }
    let mut text = lines.join("\n");
    text.push('\n');
    Ok(text)
}
