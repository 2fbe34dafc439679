//! Container image references (`ghcr.io/siderolabs/iscsi-tools:v0.1.4`, `factory.talos.dev/installer/<id>:v1.9.2`).

use serde::{Serialize, Serializer};

/// A parsed image reference. An empty tag (`repo:`) is `Some("")`, a missing one `None`: both cannot be pulled
/// from siderolabs registries and rules report them, so they must not be confused with each other.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImageRef {
    /// `ghcr.io`, `factory.talos.dev`; `None` for a reference with no registry part (Docker Hub).
    pub registry: Option<String>,
    /// The path after the registry: `siderolabs/iscsi-tools`, `installer/<id>`.
    pub repository: String,
    pub tag: Option<String>,
    /// `sha256:<hex>`.
    pub digest: Option<String>,
}

/// Why a text is not an image reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageRefError {
    Empty,
    /// A character no reference may contain.
    BadCharacter(char),
    /// `repo@` with nothing, or a digest not of the form `algo:hex`.
    BadDigest,
    /// An empty path component (`ghcr.io//x`, a trailing `/`).
    EmptyComponent,
}

impl core::fmt::Display for ImageRefError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ImageRefError::Empty => f.write_str("an empty image reference"),
            // Not `{c:?}`: Debug formatting brings `escape_debug` and its Unicode tables into the page's wasm.
            ImageRefError::BadCharacter(' ') => {
                f.write_str("a space, which no image reference contains")
            }
            ImageRefError::BadCharacter(c) if c.is_ascii_graphic() => {
                write!(f, "the character '{c}', which no image reference contains")
            }
            ImageRefError::BadCharacter(c) => write!(
                f,
                "the character U+{:04X}, which no image reference contains",
                u32::from(*c)
            ),
            ImageRefError::BadDigest => {
                f.write_str("a digest that is not of the form sha256:<hex>")
            }
            ImageRefError::EmptyComponent => f.write_str("an empty path component"),
        }
    }
}

impl ImageRef {
    /// Parses `[registry/]path[:tag][@digest]`. The first component is a registry when it contains `.` or `:` or
    /// is `localhost` (Docker's rule).
    pub fn parse(text: &str) -> Result<ImageRef, ImageRefError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(ImageRefError::Empty);
        }
        if let Some(c) = text.chars().find(|c| {
            !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/' | ':' | '@'))
        }) {
            return Err(ImageRefError::BadCharacter(c));
        }
        let (name_tag, digest) = match text.split_once('@') {
            Some((n, d)) => {
                let ok = d.split_once(':').is_some_and(|(a, h)| {
                    !a.is_empty() && !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit())
                });
                if !ok {
                    return Err(ImageRefError::BadDigest);
                }
                (n, Some(d.to_string()))
            }
            None => (text, None),
        };
        let (registry, rest) = match name_tag.split_once('/') {
            Some((first, rest))
                if first.contains('.') || first.contains(':') || first == "localhost" =>
            {
                (Some(first.to_string()), rest)
            }
            _ => (None, name_tag),
        };
        let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
        let (repository, tag) = match rest[last_slash..].find(':') {
            Some(i) => (
                &rest[..last_slash + i],
                Some(rest[last_slash + i + 1..].to_string()),
            ),
            None => (rest, None),
        };
        if repository.is_empty() || repository.split('/').any(str::is_empty) {
            return Err(ImageRefError::EmptyComponent);
        }
        Ok(ImageRef {
            registry,
            repository: repository.to_string(),
            tag,
            digest,
        })
    }

    /// The last path component: the extension's manifest name for official images (`iscsi-tools`).
    pub fn name(&self) -> &str {
        self.repository
            .rsplit('/')
            .next()
            .unwrap_or(&self.repository)
    }

    /// The tag, when present and not empty.
    pub fn tag_str(&self) -> Option<&str> {
        self.tag.as_deref().filter(|t| !t.is_empty())
    }

    /// Reads the image back from a legacy extension ID (`000.ghcr.io-siderolabs-iscsi-tools-v0.1.1`), knowing
    /// the manifest name. Talos writes these IDs by replacing `/` and `:` with `-`, which loses information, so the
    /// registry path is restored only for known prefixes; otherwise the first `-` is taken as the `/`.
    pub fn from_legacy_id(id: &str, name: &str) -> Option<ImageRef> {
        let (index, body) = id.split_once('.')?;
        if index.is_empty() || !index.bytes().all(|b| b.is_ascii_digit()) || name.is_empty() {
            return None;
        }
        let (body, digest) = match body.split_once("@sha256-") {
            Some((b, hex)) => (b, Some(format!("sha256:{hex}"))),
            None => (body, None),
        };
        let marker = format!("-{name}");
        let at = body.rfind(&marker)?;
        let prefix = &body[..at];
        let after = &body[at + marker.len()..];
        let tag = match after.strip_prefix('-') {
            Some(t) if !t.is_empty() => Some(t.to_string()),
            _ if after.is_empty() => None,
            _ => return None,
        };
        let path = [
            ("ghcr.io-siderolabs", "ghcr.io/siderolabs"),
            ("ghcr.io-talos-systems", "ghcr.io/talos-systems"),
            ("docker.io-library", "docker.io/library"),
        ]
        .iter()
        .find(|(legacy, _)| *legacy == prefix)
        .map(|(_, real)| real.to_string())
        .or_else(|| prefix.split_once('-').map(|(a, b)| format!("{a}/{b}")))
        .unwrap_or_else(|| prefix.to_string());
        ImageRef::parse(&format!("{path}/{name}"))
            .ok()
            .map(|mut r| {
                r.tag = tag;
                r.digest = digest;
                r
            })
    }
}

impl core::fmt::Display for ImageRef {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if let Some(r) = &self.registry {
            write!(f, "{r}/")?;
        }
        f.write_str(&self.repository)?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

impl Serialize for ImageRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_character_is_named_readably() {
        let message = |c| ImageRefError::BadCharacter(c).to_string();
        assert_eq!(message(' '), "a space, which no image reference contains");
        assert_eq!(
            message('"'),
            "the character '\"', which no image reference contains"
        );
        assert_eq!(
            message('\t'),
            "the character U+0009, which no image reference contains"
        );
        assert_eq!(
            message('é'),
            "the character U+00E9, which no image reference contains"
        );
    }

    #[test]
    fn parses_official_extension() {
        let r = ImageRef::parse("ghcr.io/siderolabs/iscsi-tools:v0.1.4").unwrap();
        assert_eq!(r.registry.as_deref(), Some("ghcr.io"));
        assert_eq!(r.repository, "siderolabs/iscsi-tools");
        assert_eq!(r.tag.as_deref(), Some("v0.1.4"));
        assert_eq!(r.name(), "iscsi-tools");
        assert_eq!(r.to_string(), "ghcr.io/siderolabs/iscsi-tools:v0.1.4");
    }

    #[test]
    fn keeps_empty_and_missing_tags_apart() {
        assert_eq!(
            ImageRef::parse("ghcr.io/siderolabs/gvisor:")
                .unwrap()
                .tag
                .as_deref(),
            Some("")
        );
        assert_eq!(
            ImageRef::parse("ghcr.io/siderolabs/gvisor").unwrap().tag,
            None
        );
    }

    #[test]
    fn registry_with_port_is_not_a_tag() {
        let r = ImageRef::parse("localhost:5000/ext/gvisor").unwrap();
        assert_eq!(r.registry.as_deref(), Some("localhost:5000"));
        assert_eq!(r.tag, None);
    }

    #[test]
    fn a_first_component_is_a_registry_only_with_a_dot_a_port_or_localhost() {
        // Docker Hub's short form: `siderolabs` is the namespace, not a registry.
        let r = ImageRef::parse("siderolabs/iscsi-tools:v0.1.6").unwrap();
        assert_eq!(r.registry, None);
        assert_eq!(r.repository, "siderolabs/iscsi-tools");
        let r = ImageRef::parse("localhost/my-ext:v1").unwrap();
        assert_eq!(r.registry.as_deref(), Some("localhost"));
        assert_eq!(r.repository, "my-ext");
    }

    #[test]
    fn digest() {
        let r = ImageRef::parse("ghcr.io/siderolabs/gvisor:v1@sha256:abc123").unwrap();
        assert_eq!(r.digest.as_deref(), Some("sha256:abc123"));
        assert_eq!(
            ImageRef::parse("ghcr.io/x@sha256:zz"),
            Err(ImageRefError::BadDigest)
        );
    }

    #[test]
    fn rejects_garbage() {
        assert_eq!(ImageRef::parse(""), Err(ImageRefError::Empty));
        assert_eq!(
            ImageRef::parse("a b"),
            Err(ImageRefError::BadCharacter(' '))
        );
        assert_eq!(
            ImageRef::parse("ghcr.io//x"),
            Err(ImageRefError::EmptyComponent)
        );
    }

    #[test]
    fn legacy_ids() {
        let r =
            ImageRef::from_legacy_id("000.ghcr.io-siderolabs-iscsi-tools-v0.1.1", "iscsi-tools")
                .unwrap();
        assert_eq!(r.to_string(), "ghcr.io/siderolabs/iscsi-tools:v0.1.1");
        let r = ImageRef::from_legacy_id(
            "001.ghcr.io-talos-systems-intel-ucode-54b831d",
            "intel-ucode",
        )
        .unwrap();
        assert_eq!(r.to_string(), "ghcr.io/talos-systems/intel-ucode:54b831d");
        let r =
            ImageRef::from_legacy_id("000.ghcr.io-siderolabs-gvisor-v1.0.0@sha256-ab12", "gvisor")
                .unwrap();
        assert_eq!(
            r.to_string(),
            "ghcr.io/siderolabs/gvisor:v1.0.0@sha256:ab12"
        );
        assert_eq!(ImageRef::from_legacy_id("0", "gvisor"), None);
        // Listed without a tag (`image: ghcr.io/siderolabs/gvisor`): the image, with no tag made up.
        let r = ImageRef::from_legacy_id("000.ghcr.io-siderolabs-gvisor", "gvisor").unwrap();
        assert_eq!(r.to_string(), "ghcr.io/siderolabs/gvisor");
        // Not Talos's form (a numeric index, a dot, the image with `/` and `:` as `-`): no image is made up.
        for (id, name) in [
            ("x00.ghcr.io-siderolabs-gvisor-v1.0.0", "gvisor"),
            (".ghcr.io-siderolabs-gvisor-v1.0.0", "gvisor"),
            ("000.ghcr.io-siderolabs-gvisor-v1.0.0", ""),
            // A dash after the name and no tag.
            ("000.ghcr.io-siderolabs-gvisor-", "gvisor"),
        ] {
            assert_eq!(ImageRef::from_legacy_id(id, name), None, "{id} {name:?}");
        }
        assert_eq!(
            ImageRef::from_legacy_id("000.ghcr.io-siderolabs-other-v1", "gvisor"),
            None
        );
    }
}
