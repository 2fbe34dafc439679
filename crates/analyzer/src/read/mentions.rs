//! Installer references in running text (prose, command lines): Image Factory installers
//! (`factory.talos.dev/[<platform>-]installer[-secureboot]/<id>:<tag>`), the plain `ghcr.io/siderolabs/installer`,
//! Image Factory asset URLs (`https://factory.talos.dev/image/<id>/<version>/metal-amd64.raw.xz`), and
//! `talosctl upgrade` commands.

use super::command::Talosctl;
use super::words::{is_schematic_id, talos_version};
use super::Sink;
use crate::image_ref::ImageRef;
use crate::observation::{InstallerContext, InstallerObservation};
use crate::span::Span;
use crate::text::{span_in_line, CleanLine};

/// One reference found in a line (character range, 0-based, end exclusive).
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub start: usize,
    pub end: usize,
    /// `None` for an asset URL (an ISO or disk image is not an installer image).
    pub image: Option<ImageRef>,
    pub schematic_id: Option<String>,
    pub talos_version: Option<String>,
}

const NEEDLES: [&str; 2] = ["factory.talos.dev/", "ghcr.io/siderolabs/installer"];

/// The longest reference or URL looked at (longer runs are not references).
const MAX_REFERENCE: usize = 600;

fn is_ref_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'/' | b':' | b'@')
}

/// Finds every installer reference in a line, in order. Linear in the line's length.
pub fn scan(text: &str) -> Vec<Reference> {
    let bytes = text.as_bytes();
    let mut hits: Vec<usize> = NEEDLES
        .iter()
        .flat_map(|n| text.match_indices(n).map(|(i, _)| i))
        .collect();
    crate::sort::sort(&mut hits);
    let mut out = Vec::new();
    let mut covered = 0usize; // bytes before this are inside an earlier token
    let (mut cursor_byte, mut cursor_char) = (0usize, 0usize);
    for hit in hits {
        if hit < covered {
            continue;
        }
        let mut start = hit;
        while start > covered && hit - start < 16 && is_ref_byte(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = hit;
        while end < bytes.len() && end - hit < MAX_REFERENCE && is_ref_byte(bytes[end]) {
            end += 1;
        }
        covered = end;
        // Only ASCII was walked over, so these are char boundaries. Sentence punctuation after a reference is not
        // part of it.
        let token = text[start..end].trim_end_matches(['.', ',', ':', ';']);
        let Some(mut reference) = classify(token) else {
            continue;
        };
        cursor_char += text[cursor_byte..start].chars().count();
        cursor_byte = start;
        reference.start = cursor_char;
        reference.end = cursor_char + token.len();
        out.push(reference);
    }
    out
}

/// Reads one token as a reference.
fn classify(token: &str) -> Option<Reference> {
    let rest = token
        .strip_prefix("https://")
        .or_else(|| token.strip_prefix("http://"))
        .unwrap_or(token);
    let asset = rest
        .strip_prefix("factory.talos.dev/image/")
        .or_else(|| rest.strip_prefix("pxe.factory.talos.dev/pxe/"));
    if let Some(path) = asset {
        let mut parts = path.split('/');
        let id = parts.next().filter(|id| is_schematic_id(id))?;
        return Some(Reference {
            start: 0,
            end: 0,
            image: None,
            schematic_id: Some(id.to_string()),
            talos_version: parts.next().and_then(talos_version),
        });
    }
    if !(rest.starts_with("factory.talos.dev/") || rest.starts_with("ghcr.io/siderolabs/installer"))
    {
        return None;
    }
    let image = ImageRef::parse(rest).ok()?;
    let (schematic_id, talos_version) = describe(&image);
    let plain =
        image.registry.as_deref() == Some("ghcr.io") && image.repository == "siderolabs/installer";
    if schematic_id.is_none() && !plain {
        return None;
    }
    Some(Reference {
        start: 0,
        end: 0,
        image: Some(image),
        schematic_id,
        talos_version,
    })
}

/// The schematic ID of an Image Factory installer image (`factory.talos.dev/[<platform>-]installer[-secureboot]/<id>`)
/// and the Talos version its tag names.
pub fn describe(image: &ImageRef) -> (Option<String>, Option<String>) {
    let version = image.tag_str().and_then(talos_version);
    if image.registry.as_deref() != Some("factory.talos.dev") {
        return (None, version);
    }
    let id = image.repository.split_once('/').and_then(|(kind, id)| {
        let kind = kind.strip_suffix("-secureboot").unwrap_or(kind);
        let installer = kind == "installer" || kind.ends_with("-installer");
        (installer && is_schematic_id(id)).then(|| id.to_string())
    });
    (id, version)
}

/// Records a reference found in running text.
pub fn record_mention(sink: &mut Sink, line: &CleanLine, reference: &Reference) {
    let span = span_in_line(sink.input, line, reference.start, reference.end);
    record(
        sink,
        None,
        reference.image.clone(),
        reference.schematic_id.clone(),
        reference.talos_version.clone(),
        InstallerContext::Mention,
        span,
    );
}

/// Records a `talosctl upgrade` command: one installer observation per node it names (one with no node when it
/// names none). `image` is `None` when `--image` is missing. An `--image` that cannot be read is an error. An
/// upgrade that builds its installer from parts (`--talos-version`, `--schematic`; a newer talosctl) and the node's
/// own schematic is not recorded: which installer it lands on is not in the command.
pub fn record_upgrade(sink: &mut Sink, command: &Talosctl, span: Span) {
    let image = match command.image.as_deref() {
        None if command.builds_installer => return,
        None => None,
        Some(text) => match ImageRef::parse(text) {
            Ok(image) => Some(image),
            Err(e) => {
                // Placeholders (`$IMAGE`, `<installer>`, `${IMG}`) are templates, not mistakes.
                if !text.contains(['$', '<', '{']) {
                    sink.error(
                        span.line,
                        span.column,
                        format!("expected an installer image after --image, found `{text}` ({e})"),
                    );
                }
                return;
            }
        },
    };
    let (schematic_id, version) = image.as_ref().map(describe).unwrap_or_default();
    let nodes: Vec<Option<String>> = if command.nodes.is_empty() {
        vec![None]
    } else {
        command.nodes.iter().cloned().map(Some).collect()
    };
    for node in nodes {
        record(
            sink,
            node,
            image.clone(),
            schematic_id.clone(),
            version.clone(),
            InstallerContext::UpgradeCommand,
            span,
        );
    }
}

fn record(
    sink: &mut Sink,
    node: Option<String>,
    image: Option<ImageRef>,
    schematic_id: Option<String>,
    talos_version: Option<String>,
    context: InstallerContext,
    span: Span,
) {
    sink.installer(
        InstallerObservation {
            node,
            image,
            schematic_id,
            talos_version,
            context,
            span,
        },
        None,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "613e1592b2da41ae5e265e8789429f22e121aab91cb4deb6bc3c0b6262961245";

    #[test]
    fn factory_installers() {
        for (text, id) in [
            (
                format!("use factory.talos.dev/installer/{ID}:v1.9.2."),
                Some(ID),
            ),
            (
                format!("`factory.talos.dev/installer-secureboot/{ID}:v1.9.2`"),
                Some(ID),
            ),
            (
                format!("factory.talos.dev/metal-installer-secureboot/{ID}:v1.10.0"),
                Some(ID),
            ),
            (
                format!("factory.talos.dev/aws-installer/{ID}:v1.10.0"),
                Some(ID),
            ),
            (
                "é ghcr.io/siderolabs/installer:v1.9.2, then".to_string(),
                None,
            ),
        ] {
            let refs = scan(&text);
            assert_eq!(refs.len(), 1, "{text}");
            let r = &refs[0];
            assert_eq!(r.schematic_id.as_deref(), id, "{text}");
            assert!(
                r.talos_version
                    .as_deref()
                    .is_some_and(|v| v.starts_with("v1.")),
                "{text}"
            );
            let chars: Vec<char> = text.chars().collect();
            let got: String = chars[r.start..r.end].iter().collect();
            assert_eq!(got, r.image.as_ref().unwrap().to_string());
        }
    }

    #[test]
    fn asset_urls() {
        let text =
            format!("see [here](https://factory.talos.dev/image/{ID}/v1.9.2/metal-amd64.raw.xz)");
        let refs = scan(&text);
        assert_eq!(refs.len(), 1);
        assert_eq!(
            (
                refs[0].schematic_id.as_deref(),
                refs[0].talos_version.as_deref()
            ),
            (Some(ID), Some("v1.9.2"))
        );
        assert_eq!(refs[0].image, None);
        assert_eq!(refs[0].start, 11);
    }

    /// Only an installer path (`installer`, `<platform>-installer`, `-secureboot`) with a 64-character ID names a
    /// schematic; another Image Factory path or a word where the ID goes does not.
    #[test]
    fn describe_names_a_schematic_only_for_an_installer_with_an_id() {
        let id = "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba";
        for (reference, schematic) in [
            (format!("factory.talos.dev/installer/{id}:v1.9.2"), true),
            (
                format!("factory.talos.dev/metal-installer-secureboot/{id}:v1.9.2"),
                true,
            ),
            (format!("factory.talos.dev/metal-iso/{id}:v1.9.2"), false),
            (
                "factory.talos.dev/installer/latest:v1.9.2".to_string(),
                false,
            ),
        ] {
            let image = ImageRef::parse(&reference).unwrap();
            let (found, version) = describe(&image);
            assert_eq!(found.is_some(), schematic, "{reference}");
            assert_eq!(version.as_deref(), Some("v1.9.2"), "{reference}");
        }
    }

    #[test]
    fn not_references() {
        assert!(scan("factory.talos.dev/installer/<schematic-id>:v1.9.2").is_empty());
        assert!(scan("ghcr.io/siderolabs/installer-base:v1").is_empty());
        assert!(scan("https://factory.talos.dev/?arch=amd64").is_empty());
        assert!(scan("ghcr.io/siderolabs/iscsi-tools:v0.1.4").is_empty());
    }
}
