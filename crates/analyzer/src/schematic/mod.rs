//! Image Factory schematics: the strict model, the canonical YAML Image Factory hashes, and the schematic ID.
//!
//! INTERFACE (filled in by the schematic work): other modules rely on exactly these signatures.

use crate::span::Span;
use crate::tree::Node;

/// A schematic as Image Factory decodes it (unknown fields are an error).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Schematic {
    /// `customization.systemExtensions.officialExtensions`, in the given order.
    pub official_extensions: Vec<String>,
}

/// Why a schematic cannot be decoded: where, and what was expected.
#[derive(Debug, Clone, PartialEq)]
pub struct SchematicError {
    pub span: Span,
    pub message: String,
}

impl Schematic {
    /// Decodes a schematic strictly from a document tree (YAML or JSON).
    pub fn from_tree(node: &Node) -> Result<Schematic, SchematicError> {
        let _ = node;
        Ok(Schematic::default())
    }

    /// A schematic with just these official extensions (`siderolabs/<name>`), as a fix would generate it: sorted
    /// and deduplicated.
    pub fn with_extensions<I: IntoIterator<Item = String>>(names: I) -> Schematic {
        let mut official_extensions: Vec<String> = names.into_iter().collect();
        official_extensions.sort();
        official_extensions.dedup();
        Schematic {
            official_extensions,
        }
    }

    /// The canonical YAML Image Factory hashes (Go yaml style, 4-space indent).
    pub fn canonical_yaml(&self) -> String {
        String::new()
    }

    /// The schematic ID: lowercase hex SHA-256 of [`Schematic::canonical_yaml`].
    pub fn id(&self) -> String {
        String::new()
    }
}
