//! Installer image references and Image Factory URLs: which schematic and Talos version a node installs.
//!
//! Forms read:
//! - `ghcr.io/siderolabs/installer:v1.9.2` (the plain installer: no schematic, no extensions);
//! - `factory.talos.dev/installer/<id>:v1.9.2`, `factory.talos.dev/installer-secureboot/<id>:v1.9.2`;
//! - from Talos 1.10 `factory.talos.dev/<platform>-installer[-secureboot]/<id>:v1.9.2` (`metal-installer`);
//! - `https://factory.talos.dev/image/<id>/<version>/<file>` (`metal-amd64-secureboot.iso`, `nocloud-arm64.raw.xz`)
//!   and `https://factory.talos.dev/pxe/<id>/<version>/<platform>-<arch>`.
//!
//! Any registry host is accepted for the factory forms (self-hosted Image Factory instances use the same paths).

use crate::image_ref::ImageRef;

/// What an installer reference or Image Factory URL says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstallerRef {
    /// The schematic ID (64 lowercase hex); `None` for the plain `siderolabs/installer`.
    pub schematic_id: Option<String>,
    /// The Talos version (the tag, or the URL's version segment), as written.
    pub talos_version: Option<String>,
    pub secureboot: bool,
    /// `metal`, `aws`, `nocloud`, … when the reference names one.
    pub platform: Option<String>,
}

/// Is this a schematic ID: 64 lowercase hexadecimal digits?
pub fn is_schematic_id(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Reads an installer image reference; `None` when it is not an installer.
pub fn parse_installer(image: &ImageRef) -> Option<InstallerRef> {
    let talos_version = image.tag_str().map(str::to_string);
    let (first, rest) = match image.repository.split_once('/') {
        Some(parts) => parts,
        None => (image.repository.as_str(), ""),
    };
    // The plain installer: `ghcr.io/siderolabs/installer`, `siderolabs/installer`.
    if rest == "installer" && (first == "siderolabs" || first == "talos-systems") {
        return Some(InstallerRef {
            schematic_id: None,
            talos_version,
            secureboot: false,
            platform: None,
        });
    }
    if !is_schematic_id(rest) {
        return None;
    }
    let (kind, secureboot) = match first.strip_suffix("-secureboot") {
        Some(kind) => (kind, true),
        None => (first, false),
    };
    let platform = if kind == "installer" {
        None
    } else {
        let platform = kind.strip_suffix("-installer")?;
        if platform.is_empty()
            || !platform
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return None;
        }
        Some(platform.to_string())
    };
    Some(InstallerRef {
        schematic_id: Some(rest.to_string()),
        talos_version,
        secureboot,
        platform,
    })
}

/// Reads an Image Factory download URL (`https://factory.talos.dev/image/<id>/<version>/<file>`); `None` when the
/// text is not one. Trailing punctuation of running text (`).,;'"`) is ignored.
pub fn parse_factory_url(text: &str) -> Option<InstallerRef> {
    let text = text
        .trim()
        .trim_end_matches([')', ',', ';', '"', '\'', '>', ']', '.']);
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .unwrap_or(text);
    let path = rest.split(['?', '#']).next().unwrap_or(rest);
    let mut parts = path.split('/');
    let host = parts.next()?;
    if host.is_empty() || !host.contains('.') {
        return None;
    }
    let kind = parts.next()?;
    if kind != "image" && kind != "pxe" {
        return None;
    }
    let id = parts.next()?;
    let version = parts.next()?;
    let file = parts.next()?;
    if !is_schematic_id(id) || version.is_empty() || file.is_empty() || parts.next().is_some() {
        return None;
    }
    let (platform, secureboot) = platform_of_file(file);
    Some(InstallerRef {
        schematic_id: Some(id.to_string()),
        talos_version: Some(version.to_string()),
        secureboot,
        platform: platform.map(str::to_string),
    })
}

/// `metal-amd64-secureboot.iso` → (`metal`, true); `kernel-amd64` → (None, false): the platform is what precedes
/// the architecture, unless it is an asset kind (kernel, initramfs, installer, cmdline prefix).
fn platform_of_file(file: &str) -> (Option<&str>, bool) {
    let secureboot = file.contains("-secureboot");
    let file = file.strip_prefix("cmdline-").unwrap_or(file);
    let arch_at = ["-amd64", "-arm64"]
        .iter()
        .filter_map(|a| file.find(a))
        .min();
    let platform = arch_at.map(|at| &file[..at]).filter(|p| {
        !p.is_empty() && !matches!(*p, "kernel" | "initramfs" | "installer" | "installer-base")
    });
    (platform, secureboot)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "613e1592b2da41ae5e265e8789429f22e121aab91cb4deb6bc3c0b6262961245";

    fn installer(text: &str) -> Option<InstallerRef> {
        parse_installer(&ImageRef::parse(text).ok()?)
    }

    fn expected(
        id: Option<&str>,
        v: &str,
        secureboot: bool,
        platform: Option<&str>,
    ) -> Option<InstallerRef> {
        Some(InstallerRef {
            schematic_id: id.map(str::to_string),
            talos_version: Some(v.to_string()),
            secureboot,
            platform: platform.map(str::to_string),
        })
    }

    #[test]
    fn installer_forms() {
        assert_eq!(
            installer(&format!("factory.talos.dev/installer/{ID}:v1.9.2")),
            expected(Some(ID), "v1.9.2", false, None)
        );
        assert_eq!(
            installer(&format!(
                "factory.talos.dev/installer-secureboot/{ID}:v1.9.2"
            )),
            expected(Some(ID), "v1.9.2", true, None)
        );
        assert_eq!(
            installer(&format!("factory.talos.dev/metal-installer/{ID}:v1.10.0")),
            expected(Some(ID), "v1.10.0", false, Some("metal"))
        );
        assert_eq!(
            installer(&format!(
                "factory.talos.dev/aws-installer-secureboot/{ID}:v1.10.0"
            )),
            expected(Some(ID), "v1.10.0", true, Some("aws"))
        );
        assert_eq!(
            installer("ghcr.io/siderolabs/installer:v1.9.2"),
            expected(None, "v1.9.2", false, None)
        );
        // Talos's images were published under `talos-systems` before `siderolabs`.
        assert_eq!(
            installer("ghcr.io/talos-systems/installer:v0.14.0"),
            expected(None, "v0.14.0", false, None)
        );
        // A platform's name may hold `-` and `_`.
        for platform in ["digital-ocean", "my_cloud"] {
            assert_eq!(
                installer(&format!(
                    "factory.talos.dev/{platform}-installer/{ID}:v1.10.0"
                )),
                expected(Some(ID), "v1.10.0", false, Some(platform))
            );
        }
        let untagged = installer(&format!("factory.talos.dev/installer/{ID}")).unwrap();
        assert_eq!(untagged.talos_version, None);
    }

    #[test]
    fn not_installers() {
        assert_eq!(installer("ghcr.io/siderolabs/iscsi-tools:v0.1.4"), None);
        assert_eq!(installer("factory.talos.dev/installer/abc:v1.9.2"), None);
        assert_eq!(
            installer(&format!(
                "factory.talos.dev/installer/{}:v1.9.2",
                ID.to_uppercase()
            )),
            None
        );
        assert_eq!(
            installer(&format!("factory.talos.dev/metal/{ID}:v1.9.2")),
            None
        );
        assert_eq!(
            installer(&format!("factory.talos.dev/-installer/{ID}:v1.9.2")),
            None
        );
        // Someone else's image named `installer`, a platform with a character no platform has.
        assert_eq!(installer("ghcr.io/example/installer:v1.9.2"), None);
        assert_eq!(
            installer(&format!("factory.talos.dev/my.cloud-installer/{ID}:v1.9.2")),
            None
        );
    }

    #[test]
    fn factory_urls() {
        assert_eq!(
            parse_factory_url(&format!(
                "https://factory.talos.dev/image/{ID}/v1.9.2/metal-amd64.iso"
            )),
            expected(Some(ID), "v1.9.2", false, Some("metal"))
        );
        assert_eq!(
            parse_factory_url(&format!(
                "https://factory.talos.dev/image/{ID}/v1.9.2/metal-amd64-secureboot.iso)."
            )),
            expected(Some(ID), "v1.9.2", true, Some("metal"))
        );
        assert_eq!(
            parse_factory_url(&format!(
                "factory.talos.dev/image/{ID}/v1.10.1/nocloud-arm64.raw.xz"
            )),
            expected(Some(ID), "v1.10.1", false, Some("nocloud"))
        );
        assert_eq!(
            parse_factory_url(&format!(
                "https://factory.talos.dev/image/{ID}/v1.9.2/kernel-amd64"
            )),
            expected(Some(ID), "v1.9.2", false, None)
        );
        assert_eq!(
            parse_factory_url(&format!(
                "https://factory.talos.dev/pxe/{ID}/v1.9.2/metal-amd64"
            )),
            expected(Some(ID), "v1.9.2", false, Some("metal"))
        );
        assert_eq!(parse_factory_url("https://factory.talos.dev/"), None);
        assert_eq!(
            parse_factory_url(&format!("https://factory.talos.dev/image/{ID}/v1.9.2")),
            None
        );
        assert_eq!(parse_factory_url("https://example.com/image/x/v1/y"), None);
        // A host without a dot, an empty version or file, a path that goes on past the file.
        for url in [
            format!("factory/image/{ID}/v1.9.2/metal-amd64.iso"),
            format!("https://factory.talos.dev/image/{ID}//metal-amd64.iso"),
            format!("https://factory.talos.dev/image/{ID}/v1.9.2/"),
            format!("https://factory.talos.dev/image/{ID}/v1.9.2/metal-amd64.iso/x"),
        ] {
            assert_eq!(parse_factory_url(&url), None, "{url}");
        }
        assert_eq!(parse_factory_url(""), None);
    }
}
