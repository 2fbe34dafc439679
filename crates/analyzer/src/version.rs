//! Lenient versions as Talos extensions write them: `v0.1.4`, `20241210-v1.9.2`, `535.216.03-v1.17.2`, `2.40.2`,
//! `9.2.12-v1.9.2`, dates. Strict semver (`semver` crate) where the text is semver, an ordered fallback otherwise.
//!
//! INTERFACE (filled in by the version work): other modules rely on exactly these signatures.

use core::cmp::Ordering;

/// Orders two extension versions (the higher is "newer"); total and consistent for any two strings.
pub fn compare(a: &str, b: &str) -> Ordering {
    a.cmp(b)
}

/// The Talos release a kernel-module extension version names in its suffix (`9.2.12-v1.9.2` → `v1.9.2`).
pub fn talos_suffix(version: &str) -> Option<&str> {
    let _ = version;
    None
}

/// Normalises a Talos version to `vX.Y.Z` (`1.9.2` → `v1.9.2`); `None` when it is not one.
pub fn normalize_talos(version: &str) -> Option<String> {
    let _ = version;
    None
}
