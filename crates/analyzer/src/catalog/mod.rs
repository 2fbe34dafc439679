//! The official extensions per Talos release, embedded in a compact form (`talos-ext catalog embed` writes it from
//! `fixtures/official-extensions.json`; [`encode`] documents the format of `catalog.txt`: a name table, a
//! constraint table, per release the changes against the previous release, and the start of each image digest
//! where the source has one). Decoded once, on first use; malformed records are skipped, never a panic.

mod encode;

pub use encode::{compare_tags, encode, EncodeError, DIGEST_PREFIX_LEN};

use std::sync::OnceLock;

use crate::version;

/// One official extension as a Talos release ships it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogEntry<'a> {
    pub name: &'a str,
    pub version: &'a str,
    /// `>= v1.1.0`.
    pub talos_constraint: &'a str,
    /// The first [`DIGEST_PREFIX_LEN`] hex digits of the image's `sha256` digest as this release publishes it
    /// (`ghcr.io/siderolabs/extensions:<release>`), where the catalog's source had one. The same tag is rebuilt
    /// for each release: only the digest tells the builds apart.
    pub digest_prefix: Option<&'a str>,
}

impl CatalogEntry<'_> {
    /// `ghcr.io/siderolabs/<name>:<version>`.
    pub fn image(&self) -> String {
        format!("ghcr.io/siderolabs/{}:{}", self.name, self.version)
    }
}

const DATA: &str = include_str!("catalog.txt");

/// One release: its tag and its extensions sorted by name (indices into the catalog's tables).
#[derive(Debug)]
struct Release {
    tag: &'static str,
    /// (name, version, constraint) indices, sorted by name.
    entries: Vec<(u16, u32, u16)>,
    /// (name index, digest prefix), sorted by name; empty for a release whose source had no digests.
    digests: Vec<(u16, &'static str)>,
}

/// The embedded catalog.
#[derive(Debug)]
pub struct Catalog {
    names: Vec<&'static str>,
    constraints: Vec<&'static str>,
    versions: Vec<Box<str>>,
    /// Oldest first.
    releases: Vec<Release>,
    /// By name index: is the extension built per release ([`Catalog::is_built_per_release`])? Decided once here:
    /// the rules ask it of every installed extension.
    per_release: Vec<bool>,
    /// [`Catalog::newest_release`], decided once: every lookup of a release the catalog lacks asks it.
    newest: Option<&'static str>,
}

static EMBEDDED: OnceLock<Catalog> = OnceLock::new();

impl Catalog {
    pub fn embedded() -> &'static Catalog {
        EMBEDDED.get_or_init(|| Catalog::decode(DATA))
    }

    /// Decodes the text form ([`encode`]'s output); records that do not parse are skipped. The embedded catalog
    /// is [`Catalog::embedded`]; this is for checking a catalog before it is embedded.
    pub fn decode(data: &'static str) -> Catalog {
        let mut catalog = Catalog {
            names: Vec::new(),
            constraints: Vec::new(),
            versions: Vec::new(),
            releases: Vec::new(),
            per_release: Vec::new(),
            newest: None,
        };
        // Current state by name index: (version index, constraint index).
        let mut state: Vec<Option<(u32, u16)>> = Vec::new();
        let mut version_ids: crate::hash::Map<String, u32> = crate::hash::Map::default();
        for line in data.lines() {
            let mut fields = line.split('\t');
            match fields.next() {
                Some("N") => {
                    catalog.names = fields.collect();
                    state = vec![None; catalog.names.len()];
                }
                Some("C") => catalog.constraints = fields.collect(),
                Some("R") => {
                    let Some(tag) = fields.next() else { continue };
                    for op in fields {
                        if let Some(index) = op.strip_suffix('-') {
                            if let Some(slot) =
                                index.parse::<usize>().ok().and_then(|i| state.get_mut(i))
                            {
                                *slot = None;
                            }
                            continue;
                        }
                        let Some((index, value)) = op.split_once('=') else {
                            continue;
                        };
                        let Some(i) = index.parse::<usize>().ok().filter(|&i| i < state.len())
                        else {
                            continue;
                        };
                        let (text, constraint) = match value.split_once('~') {
                            Some((v, c)) => (v, c.parse::<u16>().ok()),
                            None => (value, None),
                        };
                        let constraint = constraint
                            .or_else(|| state.get(i).copied().flatten().map(|(_, c)| c))
                            .unwrap_or(0);
                        if usize::from(constraint) >= catalog.constraints.len() {
                            continue;
                        }
                        let text = text.replace('@', tag);
                        let next_id = catalog.versions.len() as u32;
                        let id = *version_ids.entry(text).or_insert_with_key(|t| {
                            catalog.versions.push(t.as_str().into());
                            next_id
                        });
                        if let Some(slot) = state.get_mut(i) {
                            *slot = Some((id, constraint));
                        }
                    }
                    let entries = state
                        .iter()
                        .enumerate()
                        .filter_map(|(i, s)| s.map(|(v, c)| (i as u16, v, c)))
                        .collect();
                    catalog.releases.push(Release {
                        tag,
                        entries,
                        digests: Vec::new(),
                    });
                }
                // `D<TAB>tag<TAB><name index>=<hex>…`: the digests of a release already read.
                Some("D") => {
                    let Some(tag) = fields.next() else { continue };
                    let names = catalog.names.len();
                    let Some(release) = catalog.releases.iter_mut().find(|r| r.tag == tag) else {
                        continue;
                    };
                    release.digests = fields
                        .filter_map(|op| {
                            let (index, hex) = op.split_once('=')?;
                            let index = index
                                .parse::<u16>()
                                .ok()
                                .filter(|&i| usize::from(i) < names)?;
                            let valid =
                                !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit());
                            valid.then_some((index, hex))
                        })
                        .collect();
                    crate::sort::sort_by_key(&mut release.digests, |d| d.0);
                }
                _ => {}
            }
        }
        catalog.newest = catalog
            .releases
            .iter()
            .map(|r| r.tag)
            .max_by(|a, b| version::compare(a, b));
        catalog.per_release = (0..catalog.names.len())
            .map(|i| catalog.built_per_release(i as u16))
            .collect();
        catalog
    }

    fn entry(
        &self,
        release: &Release,
        (name, version, constraint): (u16, u32, u16),
    ) -> CatalogEntry<'_> {
        let digest_prefix = release
            .digests
            .binary_search_by_key(&name, |d| d.0)
            .ok()
            .and_then(|at| release.digests.get(at))
            .map(|d| d.1);
        CatalogEntry {
            digest_prefix,
            name: self.names.get(usize::from(name)).copied().unwrap_or(""),
            version: self.versions.get(version as usize).map_or("", |v| v),
            talos_constraint: self
                .constraints
                .get(usize::from(constraint))
                .copied()
                .unwrap_or(""),
        }
    }

    fn release(&self, tag: &str) -> Option<&Release> {
        self.releases.iter().find(|r| r.tag == tag)
    }

    /// Every release tag, oldest first.
    pub fn releases(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.releases.iter().map(|r| r.tag)
    }

    /// The newest release the catalog knows (`v1.13.9`): the catalog's age. `None` for an empty catalog.
    pub fn newest_release(&self) -> Option<&'static str> {
        self.newest
    }

    /// Is `talos_version` newer than every release the catalog knows (`v1.14.2`, `v1.13.10`, `v1.14.0-beta.0`
    /// with a catalog up to `v1.13.9`)? Such a release may ship versions, builds and names the catalog has never
    /// seen, so nothing is judged against it. A prerelease counts as the release it builds towards. A later patch
    /// of an older minor (`v1.9.7` while the catalog has `v1.9.6` and newer minors) is not: its minor's newest
    /// release stands in for it ([`Catalog::release_for`]).
    pub fn is_newer_than_catalog(&self, talos_version: &str) -> bool {
        let Some(newest) = self.newest_release() else {
            return false;
        };
        version::normalize_talos(talos_version)
            .and_then(|v| version::talos_release(&v))
            .is_some_and(|release| version::compare(&release, newest).is_gt())
    }

    /// The extensions a release ships (exact tag), sorted by name; empty for an unknown tag.
    pub fn release_entries(&self, tag: &str) -> impl Iterator<Item = CatalogEntry<'_>> + '_ {
        let release = self.release(tag);
        let entries = release.map_or(&[][..], |r| &r.entries[..]);
        entries
            .iter()
            .filter_map(move |&e| release.map(|r| self.entry(r, e)))
    }

    /// The catalog release used for a Talos version: the exact tag, else the nearest earlier patch release of the
    /// same minor (`v1.9.7` → `v1.9.6`); `None` for an unknown minor. A prerelease or development build
    /// (`v1.10.0-beta.0`, `v1.6.0-alpha.1-9-gaf706ee`) that is not itself a catalog tag uses the release it builds
    /// towards ([`version::talos_release`]: `v1.10.0`, `v1.6.0`): it leads to that release, while the catalog's
    /// release before it (for a `.0`, the previous minor's last) is older still. `None` for a release newer than
    /// the catalog ([`Catalog::is_newer_than_catalog`]): the catalog's newest release does not stand in for it.
    pub fn release_for(&self, talos_version: &str) -> Option<&str> {
        let exact = version::normalize_talos(talos_version)?;
        if let Some(r) = self.release(&exact) {
            return Some(r.tag);
        }
        if self.is_newer_than_catalog(&exact) {
            return None;
        }
        let wanted = version::talos_release(&exact)?;
        if let Some(r) = self.release(&wanted) {
            return Some(r.tag);
        }
        let wanted_minor = version::talos_minor(&wanted)?;
        self.releases
            .iter()
            .filter(|r| {
                version::talos_minor(r.tag) == Some(wanted_minor)
                    && version::compare(r.tag, &wanted).is_lt()
            })
            .max_by(|a, b| version::compare(a.tag, b.tag))
            .map(|r| r.tag)
    }

    /// The extension `name` as the release for `talos_version` ships it. `None` for a prerelease or development build
    /// the catalog has no tag for: the catalog lists the versions releases ship, and a prerelease ships others (a
    /// kernel module built for `v1.10.0-beta.0`, not for `v1.10.0`), so no version can be asked of it. Whether
    /// such a build ships a name at all is [`Catalog::ships`].
    pub fn lookup(&self, talos_version: &str, name: &str) -> Option<CatalogEntry<'_>> {
        let tag = self.release_for(talos_version)?;
        if version::is_talos_prerelease(talos_version)
            && version::normalize_talos(talos_version).as_deref() != Some(tag)
        {
            return None;
        }
        self.entry_in(tag, name)
    }

    /// Does the release for `talos_version` ([`Catalog::release_for`], prereleases included) ship an extension
    /// named `name`?
    pub fn ships(&self, talos_version: &str, name: &str) -> bool {
        self.release_for(talos_version)
            .is_some_and(|tag| self.entry_in(tag, name).is_some())
    }

    /// `name` in the release with this exact tag.
    fn entry_in(&self, tag: &str, name: &str) -> Option<CatalogEntry<'_>> {
        let release = self.release(tag)?;
        let index = self.name_index(name)?;
        let at = release.entries.binary_search_by_key(&index, |e| e.0).ok()?;
        release.entries.get(at).map(|&e| self.entry(release, e))
    }

    /// The first and the last release that ship `name`, for saying since or until when an official extension is
    /// one (`nvidia-container-toolkit`: v1.0.0 and v1.7.7). `None` for a name no release ships.
    pub fn shipped_from_to(&self, name: &str) -> Option<(&'static str, &'static str)> {
        let index = self.name_index(name)?;
        let mut shipping = self
            .releases
            .iter()
            .filter(|r| r.entries.binary_search_by_key(&index, |e| e.0).is_ok())
            .map(|r| r.tag);
        let first = shipping.next()?;
        Some((first, shipping.next_back().unwrap_or(first)))
    }

    /// Is `tag` the newest catalog release of its minor (`v1.7.7` of v1.7)? "Up to Talos v1.7" then says it.
    pub fn is_last_of_minor(&self, tag: &str) -> bool {
        self.releases
            .iter()
            .filter(|r| version::talos_minor(r.tag) == version::talos_minor(tag))
            .max_by(|a, b| version::compare(a.tag, b.tag))
            .is_some_and(|r| r.tag == tag)
    }

    fn name_index(&self, name: &str) -> Option<u16> {
        self.names.binary_search(&name).ok().map(|i| i as u16)
    }

    /// Is `name` an official extension in any release?
    pub fn is_official(&self, name: &str) -> bool {
        self.name_index(name).is_some()
    }

    /// Is `name` built for each Talos release (kernel modules: `drbd 9.2.12-v1.9.2`)? True when every release that
    /// ships it ships a version ending in `-<that release>`. Extensions whose suffix is their own version
    /// (`nvidia-container-toolkit 535.129.03-v1.13.0`) or only sometimes the release (`gvisor`) are not.
    pub fn is_built_per_release(&self, name: &str) -> bool {
        self.name_index(name)
            .and_then(|i| self.per_release.get(usize::from(i)))
            .is_some_and(|&b| b)
    }

    /// [`Catalog::is_built_per_release`] of the name at `index`, from the releases.
    fn built_per_release(&self, index: u16) -> bool {
        let mut shipped = false;
        for release in &self.releases {
            let Ok(at) = release.entries.binary_search_by_key(&index, |e| e.0) else {
                continue;
            };
            let Some(&e) = release.entries.get(at) else {
                continue;
            };
            let entry = self.entry(release, e);
            let built_for_it = entry
                .version
                .strip_suffix(release.tag)
                .is_some_and(|rest| rest.ends_with('-'));
            if !built_for_it {
                return false;
            }
            shipped = true;
        }
        shipped
    }

    /// Every official extension name, sorted.
    pub fn names(&self) -> &[&'static str] {
        &self.names
    }

    /// The releases that ship version `version` of extension `name`, oldest first (for advice such as "v0.1.4 is
    /// what Talos v1.3.0–v1.7.7 ship").
    pub fn releases_shipping(&self, name: &str, version: &str) -> Vec<&'static str> {
        let Some(index) = self.name_index(name) else {
            return Vec::new();
        };
        self.releases
            .iter()
            .filter(|r| {
                r.entries
                    .binary_search_by_key(&index, |e| e.0)
                    .ok()
                    .and_then(|at| r.entries.get(at))
                    .is_some_and(|&(_, v, _)| {
                        self.versions
                            .get(v as usize)
                            .is_some_and(|t| &**t == version)
                    })
            })
            .map(|r| r.tag)
            .collect()
    }

    /// The new name of a renamed official extension (`i915-ucode` → `i915`): the old name's last release is
    /// followed by the new name's first, with the same build (`gasket 09385d4-v1.7.1` → `gasket-driver
    /// 09385d4-v1.7.2`). A name that stops without a successor (`mellanox-ofed`) has none.
    pub fn renamed(&self, name: &str) -> Option<&'static str> {
        match name {
            "i915-ucode" => Some("i915"),
            "amdgpu-firmware" => Some("amdgpu"),
            "xe-guest-utilities" => Some("xen-guest-agent"),
            "nvidia-container-toolkit" => Some("nvidia-container-toolkit-lts"),
            "nvidia-fabricmanager" => Some("nvidia-fabricmanager-lts"),
            "nvidia-open-gpu-kernel-modules" => Some("nvidia-open-gpu-kernel-modules-lts"),
            "nonfree-kmod-nvidia" => Some("nonfree-kmod-nvidia-lts"),
            "gasket" => Some("gasket-driver"),
            "usb-modem" => Some("usb-modem-drivers"),
            "v4l-uvc" => Some("v4l-uvc-drivers"),
            _ => None,
        }
    }

    /// The old name of a renamed official extension (`i915` → `i915-ucode`), the reverse of
    /// [`Catalog::renamed`].
    pub fn renamed_from(&self, name: &str) -> Option<&'static str> {
        self.names
            .iter()
            .copied()
            .find(|&old| self.renamed(old) == Some(name))
    }
}

#[cfg(test)]
mod tests;
