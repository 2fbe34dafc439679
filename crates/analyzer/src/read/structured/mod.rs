//! Structured documents: YAML (through `saphyr-parser`) and JSON (through `serde_json`) read into a
//! [`crate::tree::Node`] tree, then recognised (ExtensionStatus, machine config, patch, schematic, talhelper, Omni,
//! `/etc/extensions.yaml`) and turned into observations.

use super::{Block, Sink};

/// Reads a block of YAML (one or more `---`-separated documents).
pub fn read_yaml(sink: &mut Sink, block: Block) {
    let _ = (sink, block);
}

/// Reads a block of JSON (one or more concatenated values, as `talosctl -o json` prints).
pub fn read_json(sink: &mut Sink, block: Block) {
    let _ = (sink, block);
}
