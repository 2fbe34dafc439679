//! Lenient versions as Talos extensions write them: `v0.1.4`, `20241210-v1.9.2`, `535.216.03-v1.17.2`, `2.40.2`,
//! `9.2.12-v1.9.2`, dates. Strict semver (`semver` crate) where the text is semver, an ordered fallback otherwise.
//!
//! The fallback follows semver's precedence rules generalised to any text (any number of release components,
//! leading zeros, letters), so that it agrees with semver wherever both apply; that agreement is what makes
//! [`compare`] a total order over all strings (checked by a property test).

use core::cmp::Ordering;

/// Orders two extension versions (the higher is "newer"); total and consistent for any two strings.
///
/// Versions of equal precedence (`v1.0.0` and `1.0.0`, or ones differing in build metadata) are ordered by their
/// text, so that only identical strings compare equal.
pub fn compare(a: &str, b: &str) -> Ordering {
    precedence(a, b).then_with(|| a.cmp(b))
}

/// Semver precedence where both are semver (with or without a leading `v`), the lenient fallback otherwise.
fn precedence(a: &str, b: &str) -> Ordering {
    let (sa, sb) = (strip_v(a), strip_v(b));
    match (semver::Version::parse(sa), semver::Version::parse(sb)) {
        (Ok(va), Ok(vb)) => va.cmp_precedence(&vb),
        _ => fallback_precedence(sa, sb),
    }
}

/// `v1.2.3` → `1.2.3` (only when a digit follows the `v`).
fn strip_v(text: &str) -> &str {
    match text.strip_prefix(['v', 'V']) {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => rest,
        _ => text,
    }
}

/// Semver's precedence rules over any text: the release part (before the first `-`) compares component by
/// component (split on `.`), a release with a suffix is older than one without, suffix identifiers compare like
/// semver prerelease identifiers; build metadata (after `+`) is ignored.
fn fallback_precedence(a: &str, b: &str) -> Ordering {
    let a = a.split_once('+').map_or(a, |(v, _)| v);
    let b = b.split_once('+').map_or(b, |(v, _)| v);
    let (ra, pa) = split_pre(a);
    let (rb, pb) = split_pre(b);
    compare_identifiers(ra, rb).then_with(|| match (pa, pb) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(x), Some(y)) => compare_identifiers(x, y),
    })
}

fn split_pre(text: &str) -> (&str, Option<&str>) {
    match text.split_once('-') {
        Some((release, pre)) => (release, Some(pre)),
        None => (text, None),
    }
}

/// Dot-separated identifiers: numeric ones compare numerically and sort before alphanumeric ones, which compare
/// as bytes; a shorter list that is a prefix of a longer one sorts first.
fn compare_identifiers(a: &str, b: &str) -> Ordering {
    let mut xs = a.split('.');
    let mut ys = b.split('.');
    loop {
        match (xs.next(), ys.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let order = compare_identifier(x, y);
                if order != Ordering::Equal {
                    return order;
                }
            }
        }
    }
}

fn compare_identifier(x: &str, y: &str) -> Ordering {
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match (numeric(x), numeric(y)) {
        (true, true) => {
            let x = x.trim_start_matches('0');
            let y = y.trim_start_matches('0');
            x.len().cmp(&y.len()).then_with(|| x.cmp(y))
        }
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) => x.cmp(y),
    }
}

/// The Talos release a kernel-module extension version names in its suffix (`9.2.12-v1.9.2` → `v1.9.2`).
pub fn talos_suffix(version: &str) -> Option<&str> {
    // The suffix is the last `-v` followed by `X.Y.Z` (and possibly a prerelease such as `-alpha.1`).
    let mut search = version;
    while let Some(at) = search.rfind("-v") {
        let candidate = &version[at + 2..];
        if is_talos_triple(candidate) {
            return Some(&version[at + 1..]);
        }
        search = &version[..at];
    }
    None
}

/// `1.9.2` or `1.10.0-alpha.1`: three numeric components, optionally a prerelease.
fn is_talos_triple(text: &str) -> bool {
    let release = text.split_once('-').map_or(text, |(r, _)| r);
    let mut parts = release.split('.');
    let ok = (0..3).all(|_| {
        parts
            .next()
            .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    });
    ok && parts.next().is_none()
}

/// Normalises a Talos version to `vX.Y.Z` (`1.9.2` → `v1.9.2`); `None` when it is not one. Prereleases
/// (`v1.10.0-alpha.1`) are kept; build metadata is not a Talos version.
pub fn normalize_talos(version: &str) -> Option<String> {
    let text = version.trim();
    let bare = text.strip_prefix('v').unwrap_or(text);
    let parsed = semver::Version::parse(bare).ok()?;
    if !parsed.build.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(bare.len() + 1);
    out.push('v');
    out.push_str(bare);
    Some(out)
}

/// The release a Talos version is, or builds towards, as `vX.Y.Z`: a prerelease (`v1.10.0-beta.0`) or a
/// development build (`v1.6.0-alpha.1-9-gaf706ee`, what `git describe` names a build between tags) counts as the
/// release of its `X.Y.Z` (`v1.10.0`, `v1.6.0`). The catalog has no entries for prereleases, and a node on one
/// must be judged against the release it leads to, not against an older one or none. `None` when the text is not
/// a Talos version.
pub fn talos_release(version: &str) -> Option<String> {
    let normalized = normalize_talos(version)?;
    let parsed = semver::Version::parse(normalized.get(1..)?).ok()?;
    Some(format!(
        "v{}.{}.{}",
        parsed.major, parsed.minor, parsed.patch
    ))
}

/// Is this Talos version something other than a release: a prerelease (`v1.10.0-beta.0`) or a development build
/// (`v1.9.0-alpha.1-9-gaf706ee`)? Text that is no Talos version is not one.
pub fn is_talos_prerelease(version: &str) -> bool {
    normalize_talos(version).is_some_and(|v| v.contains('-'))
}

/// The tag a development build descends from: `git describe` appends `-<commits>-g<hash>` and `-dirty` to the
/// nearest tag (`v1.9.0-alpha.1-9-gaf706ee` → `v1.9.0-alpha.1`, `v1.9.2-dirty` → `v1.9.2`). A build between tags
/// carries the kernel of that tag unless a later commit changed it, so its kernel modules are those of the tag.
/// Any other text is returned as it is.
pub fn talos_tag(version: &str) -> &str {
    let text = version.strip_suffix("-dirty").unwrap_or(version);
    let described = text.rsplit_once('-').and_then(|(rest, hash)| {
        let hex = hash.strip_prefix('g')?;
        let (tag, commits) = rest.rsplit_once('-')?;
        let is_hash = hex.len() >= 4 && hex.bytes().all(|b| b.is_ascii_hexdigit());
        let is_count = !commits.is_empty() && commits.bytes().all(|b| b.is_ascii_digit());
        (is_hash && is_count).then_some(tag)
    });
    described.unwrap_or(text)
}

/// `(major, minor)` of a Talos version (`v1.9.2` → `(1, 9)`).
pub fn talos_minor(version: &str) -> Option<(u64, u64)> {
    let v = version.trim().trim_start_matches('v');
    let mut parts = v.split(['.', '-', '+']);
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    Some((major, minor))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn minors() {
        assert_eq!(talos_minor("v1.10.3"), Some((1, 10)));
        assert_eq!(talos_minor("1.9.0-alpha.1"), Some((1, 9)));
        // A development build is judged as the minor it builds towards (deprecated-install-extensions' v1.10).
        assert_eq!(talos_minor("v1.10.0-alpha.1-9-gaf706ee"), Some((1, 10)));
        assert_eq!(talos_minor("latest"), None);
    }

    #[test]
    fn orders_extension_versions() {
        let ordered = [
            "v0.1.1",
            "v0.1.4",
            "v0.1.5",
            "v0.1.6",
            "v0.2.0",
            "1.7.0-v1.9.0",
            "2.40.2",
            "9.2.12-v1.9.2",
            "9.2.13-v1.10.0",
            "535.216.03-v1.17.2",
            "20220411",
            "20241210-v1.9.2",
            "20250109-v1.10.0",
            // A non-numeric release part sorts after every numeric one.
            "microcode-20210608-v1.0.0",
        ];
        for pair in ordered.windows(2) {
            assert_eq!(
                compare(pair[0], pair[1]),
                Ordering::Less,
                "{} < {}",
                pair[0],
                pair[1]
            );
            assert_eq!(
                compare(pair[1], pair[0]),
                Ordering::Greater,
                "{} > {}",
                pair[1],
                pair[0]
            );
        }
    }

    #[test]
    fn semver_rules() {
        assert_eq!(compare("v1.10.0-alpha.1", "v1.10.0"), Ordering::Less);
        assert_eq!(
            compare("v1.10.0-alpha.2", "v1.10.0-alpha.10"),
            Ordering::Less
        );
        assert_eq!(compare("v1.9.0", "v1.10.0"), Ordering::Less);
        // Same precedence, different text: ordered, never equal.
        assert_ne!(compare("v1.0.0", "1.0.0"), Ordering::Equal);
        assert_eq!(compare("v1.0.0", "v1.0.0"), Ordering::Equal);
        // Leading zeros (not semver) compare numerically.
        assert_eq!(precedence("535.216.03", "535.216.3"), Ordering::Equal);
        assert_eq!(precedence("535.216.03", "535.216.10"), Ordering::Less);
        // Not semver (two numbers): prerelease words still compare as words, not by their length.
        assert_eq!(
            precedence("535.216-beta", "535.216-alpha"),
            Ordering::Greater
        );
        // A `v` is a prefix only before a digit: `vault-2` is the word itself.
        assert_eq!(precedence("vault-2", "beta-2"), Ordering::Greater);
    }

    #[test]
    fn suffixes() {
        assert_eq!(talos_suffix("9.2.12-v1.9.2"), Some("v1.9.2"));
        assert_eq!(talos_suffix("20241210-v1.9.2"), Some("v1.9.2"));
        assert_eq!(talos_suffix("535.216.03-v1.17.2"), Some("v1.17.2"));
        assert_eq!(talos_suffix("microcode-20210608-v1.0.0"), Some("v1.0.0"));
        assert_eq!(talos_suffix("20220405.0-v1.0.0"), Some("v1.0.0"));
        assert_eq!(
            talos_suffix("1.2.3-v1.10.0-alpha.1"),
            Some("v1.10.0-alpha.1")
        );
        assert_eq!(talos_suffix("v0.1.4"), None);
        assert_eq!(talos_suffix("2.40.2"), None);
        assert_eq!(talos_suffix("20220411"), None);
        assert_eq!(talos_suffix("1-v1.9"), None);
        assert_eq!(talos_suffix("-v"), None);
        // A word starting with `v`, or a missing number, is no Talos release.
        assert_eq!(talos_suffix("12.5.0-vmware.1.2"), None);
        assert_eq!(talos_suffix("2-v1..2"), None);
    }

    #[test]
    fn normalizes_talos_versions() {
        assert_eq!(normalize_talos("1.9.2").as_deref(), Some("v1.9.2"));
        assert_eq!(normalize_talos("v1.9.2").as_deref(), Some("v1.9.2"));
        assert_eq!(
            normalize_talos(" v1.10.0-alpha.1 ").as_deref(),
            Some("v1.10.0-alpha.1")
        );
        assert_eq!(normalize_talos("1.9"), None);
        assert_eq!(normalize_talos("latest"), None);
        assert_eq!(normalize_talos("vv1.9.2"), None);
        assert_eq!(normalize_talos("v1.9.2+dirty"), None);
        assert_eq!(normalize_talos(""), None);
    }

    #[test]
    fn prereleases_and_development_builds_count_as_their_release() {
        let release = |v: &str| talos_release(v);
        assert_eq!(release("v1.9.2").as_deref(), Some("v1.9.2"));
        assert_eq!(release("1.10.0-beta.0").as_deref(), Some("v1.10.0"));
        assert_eq!(release("v1.9.0-rc.1").as_deref(), Some("v1.9.0"));
        assert_eq!(
            release("v1.6.0-alpha.1-9-gaf706ee").as_deref(),
            Some("v1.6.0")
        );
        assert_eq!(
            release("v1.9.2-3-g1a2b3c4-dirty").as_deref(),
            Some("v1.9.2")
        );
        assert_eq!(release("latest"), None);
        assert_eq!(release("v1.9"), None);

        assert!(!is_talos_prerelease("v1.9.2"));
        assert!(is_talos_prerelease("v1.10.0-beta.0"));
        assert!(is_talos_prerelease("v1.6.0-alpha.1-9-gaf706ee"));
        assert!(!is_talos_prerelease("latest"));
    }

    #[test]
    fn development_builds_descend_from_a_tag() {
        assert_eq!(talos_tag("v1.9.0-alpha.1-9-gaf706ee"), "v1.9.0-alpha.1");
        assert_eq!(talos_tag("v1.9.2-3-g1a2b3c4-dirty"), "v1.9.2");
        assert_eq!(talos_tag("v1.9.2-dirty"), "v1.9.2");
        // Tags themselves, and prerelease identifiers that only look like a count.
        assert_eq!(talos_tag("v1.9.2"), "v1.9.2");
        assert_eq!(talos_tag("v1.10.0-beta.0"), "v1.10.0-beta.0");
        assert_eq!(talos_tag("v1.10.0-alpha.1-gzz"), "v1.10.0-alpha.1-gzz");
        assert_eq!(talos_tag("v1.10.0-x-g1234"), "v1.10.0-x-g1234");
        // A hash is at least four hex digits.
        assert_eq!(talos_tag("v1.9.2-3-gab"), "v1.9.2-3-gab");
        assert_eq!(talos_tag("v1.9.2-3-gzzzzzz"), "v1.9.2-3-gzzzzzz");
        assert_eq!(talos_tag(""), "");
    }

    /// Strings that look like versions often enough to exercise every branch.
    fn version_text() -> impl Strategy<Value = String> {
        prop_oneof![
            "v?[0-9]{1,3}(\\.[0-9]{1,3}){0,3}(-[0-9a-z]{1,5}(\\.[0-9a-z]{1,3}){0,2})?(\\+[0-9a-z]{1,3})?",
            "[0-9a-zA-Z.+-]{0,12}",
            any::<String>(),
        ]
    }

    proptest! {
        #[test]
        fn total_order(a in version_text(), b in version_text(), c in version_text()) {
            prop_assert_eq!(compare(&a, &b), compare(&b, &a).reverse());
            prop_assert_eq!(compare(&a, &b) == Ordering::Equal, a == b);
            if compare(&a, &b) != Ordering::Greater && compare(&b, &c) != Ordering::Greater {
                prop_assert_ne!(compare(&a, &c), Ordering::Greater);
            }
        }

        /// The fallback agrees with semver wherever both apply: mixing the two keeps the order transitive.
        #[test]
        fn fallback_agrees_with_semver(
            a in "[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}(-[0-9a-z]{1,4}(\\.[0-9a-z]{1,3}){0,2})?",
            b in "[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}(-[0-9a-z]{1,4}(\\.[0-9a-z]{1,3}){0,2})?",
        ) {
            if let (Ok(va), Ok(vb)) = (semver::Version::parse(&a), semver::Version::parse(&b)) {
                prop_assert_eq!(fallback_precedence(&a, &b), va.cmp_precedence(&vb));
            }
        }

        #[test]
        fn suffix_never_panics(s in any::<String>()) {
            let _ = talos_suffix(&s);
            let _ = normalize_talos(&s);
            let _ = talos_release(&s);
            let _ = talos_tag(&s);
        }
    }
}
