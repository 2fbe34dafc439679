//! Facts about one image, installer or extension that several rules ask.

use crate::image_ref::ImageRef;
use crate::observation::{ExtensionObservation, InstallerContext, InstallerObservation, Origin};
use crate::rules::Context;

/// Is this the plain installer (`ghcr.io/siderolabs/installer`), which carries no extensions?
pub fn is_plain_installer(image: &ImageRef) -> bool {
    image.registry.as_deref() == Some("ghcr.io") && image.repository == "siderolabs/installer"
}

/// Does this installer put the plain one on the node (an upgrade without `--image` falls back to it)? Mentions
/// in prose install nothing.
pub fn installs_plain(i: &InstallerObservation) -> bool {
    match &i.image {
        None => i.context == InstallerContext::UpgradeCommand,
        Some(image) => i.context != InstallerContext::Mention && is_plain_installer(image),
    }
}

/// An image from the official extension namespace (`ghcr.io/siderolabs/<name>`).
pub fn is_siderolabs_image(image: &ImageRef) -> bool {
    image.registry.as_deref() == Some("ghcr.io")
        && image
            .repository
            .strip_prefix("siderolabs/")
            .is_some_and(|r| !r.contains('/'))
}

/// Can this extension go into an Image Factory schematic?
pub fn is_official(ctx: &Context, e: &ExtensionObservation) -> bool {
    match &e.image {
        Some(image) => is_siderolabs_image(image),
        None => e.origin == Origin::Schematic || ctx.catalog.is_official(&e.name),
    }
}

/// A legacy extension ID (`000.ghcr.io-…`): the extension came from `.machine.install.extensions`.
pub fn is_legacy_id(id: &str) -> bool {
    id.split_once('.').is_some_and(|(n, rest)| {
        !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && !rest.is_empty()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_ids() {
        assert!(is_legacy_id("000.ghcr.io-siderolabs-iscsi-tools-v0.1.1"));
        assert!(!is_legacy_id("0"));
        assert!(!is_legacy_id("modules.dep"));
    }

    #[test]
    fn plain_installer_is_siderolabs_own_on_ghcr() {
        let plain = |r: &str| is_plain_installer(&ImageRef::parse(r).unwrap());
        assert!(plain("ghcr.io/siderolabs/installer:v1.9.5"));
        // An installer built with imager and pushed under one's own name carries its extensions.
        assert!(!plain("ghcr.io/acme/installer:v1.9.5"));
        assert!(!plain(
            "registry.example.com/siderolabs/installer-custom:v1.9.5"
        ));
    }
}
