//! Keeping the catalog current: what a new Talos release ships, read from the sources a maintainer has at hand
//! ([`published`]: the `descriptions.yaml` or `image-digests` of `ghcr.io/siderolabs/extensions:<release>`;
//! [`manifests`]: a checkout of siderolabs/extensions at the release's tag), merged into
//! `fixtures/official-extensions.json` ([`merge`]) in the layout that file has ([`json_layout`]).

pub mod json_layout;
pub mod manifests;
pub mod merge;
pub mod published;
