//! Image Factory schematics: the strict model, the canonical YAML Image Factory hashes, and the schematic ID.
