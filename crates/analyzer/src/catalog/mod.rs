//! The official extensions per Talos release, embedded in a compact form (see `scripts/gen-catalog.py`).
//!
//! INTERFACE (filled in by the catalog work): other modules rely on exactly these signatures.

/// One official extension as a Talos release ships it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogEntry<'a> {
    pub name: &'a str,
    pub version: &'a str,
    /// `>= v1.1.0`.
    pub talos_constraint: &'a str,
}

impl CatalogEntry<'_> {
    /// `ghcr.io/siderolabs/<name>:<version>`.
    pub fn image(&self) -> String {
        format!("ghcr.io/siderolabs/{}:{}", self.name, self.version)
    }
}

/// The embedded catalog.
pub struct Catalog;

impl Catalog {
    pub fn embedded() -> &'static Catalog {
        &Catalog
    }

    /// The catalog release used for a Talos version: the exact tag, else the nearest earlier patch release of the
    /// same minor (`v1.9.7` → `v1.9.6`); `None` for an unknown minor.
    pub fn release_for(&self, talos_version: &str) -> Option<&str> {
        let _ = talos_version;
        None
    }

    /// The extension `name` as the release for `talos_version` ships it.
    pub fn lookup(&self, talos_version: &str, name: &str) -> Option<CatalogEntry<'_>> {
        let _ = (talos_version, name);
        None
    }

    /// Is `name` an official extension in any release?
    pub fn is_official(&self, name: &str) -> bool {
        let _ = name;
        false
    }

    /// The new name of a renamed official extension (`i915-ucode` → `i915`).
    pub fn renamed(&self, name: &str) -> Option<&'static str> {
        match name {
            "i915-ucode" => Some("i915"),
            "amdgpu-firmware" => Some("amdgpu"),
            "xe-guest-utilities" => Some("xen-guest-agent"),
            _ => None,
        }
    }
}
