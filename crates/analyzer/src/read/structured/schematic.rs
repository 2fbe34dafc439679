//! Image Factory schematics (`customization:` and/or `overlay:`, YAML or JSON): the computed ID and the official
//! extensions they ask for.

use crate::observation::{
    DocumentId, ExtensionObservation, Origin, Role, SchematicObservation, SchematicOrigin,
};
use crate::read::Sink;
use crate::schematic::Schematic;
use crate::span::Span;
use crate::tree::Node;

/// Is this mapping a schematic (top-level `customization:` or `overlay:`)?
pub(crate) fn is_schematic(root: &Node) -> bool {
    root.get("customization").is_some() || root.get("overlay").is_some()
}

/// Where a schematic was found and for whom.
pub(crate) struct Target<'a> {
    pub node: Option<String>,
    pub role: Option<Role>,
    pub talos_version: Option<&'a str>,
}

/// Decodes a schematic strictly; records its ID and one extension observation per official extension, or an error
/// at the place the decoder names. Returns whether it decoded.
pub(crate) fn read_schematic(
    sink: &mut Sink,
    schematic: &Node,
    target: Target,
    document: DocumentId,
) -> bool {
    let decoded = match Schematic::from_tree(schematic) {
        Ok(decoded) => decoded,
        Err(e) => {
            sink.error(e.span.line, e.span.column, e.message);
            return false;
        }
    };
    let items = schematic
        .path(&["customization", "systemExtensions", "officialExtensions"])
        .and_then(Node::as_sequence)
        .unwrap_or_default();
    for (i, official) in decoded.official_extensions.iter().enumerate() {
        let span = item_span(items, i, official).unwrap_or(schematic.span);
        sink.observations.extensions.push(ExtensionObservation {
            node: target.node.clone(),
            name: official
                .strip_prefix("siderolabs/")
                .unwrap_or(official)
                .to_string(),
            version: None,
            image: None,
            id: None,
            origin: Origin::Schematic,
            talos_version: target.talos_version.map(str::to_string),
            document,
            spans: vec![span],
        });
    }
    sink.observations.schematics.push(SchematicObservation {
        node: target.node,
        id: decoded.id(),
        official_extensions: decoded.official_extensions,
        origin: SchematicOrigin::Computed,
        role: target.role,
        document,
        span: schematic.span,
    });
    true
}

/// The span of the `i`-th list item when it says `name`.
fn item_span(items: &[Node], i: usize, name: &str) -> Option<Span> {
    items
        .get(i)
        .filter(|n| n.as_str() == Some(name))
        .map(|n| n.span)
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::read;
    use crate::model::Format;
    use crate::observation::SchematicOrigin;

    #[test]
    fn yaml_and_json_schematics_are_computed() {
        for (text, json) in [
            ("customization:\n  systemExtensions:\n    officialExtensions:\n      - siderolabs/gvisor\n", false),
            (r#"{"customization": {"systemExtensions": {"officialExtensions": ["siderolabs/gvisor"]}}}"#, true),
            ("overlay:\n  image: siderolabs/sbc-raspberrypi\n  name: rpi_generic\n", false),
        ] {
            let sink = read(text, json, None);
            assert_eq!(sink.observations.schematics[0].origin, SchematicOrigin::Computed, "{text}");
            assert_eq!(sink.inputs[0].fragments[0].format, Format::Schematic);
            // Each official extension the decoder returns is one observation, named without `siderolabs/`.
            let names: Vec<_> = sink.observations.schematics[0]
                .official_extensions
                .iter()
                .map(|n| n.trim_start_matches("siderolabs/").to_string())
                .collect();
            let observed: Vec<_> = sink.observations.extensions.iter().map(|e| e.name.clone()).collect();
            assert_eq!(names, observed);
        }
    }
}
