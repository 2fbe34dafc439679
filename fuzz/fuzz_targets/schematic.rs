//! Image Factory schematics: YAML tree → `Schematic::from_tree` → canonical YAML and ID. A schematic that decodes
//! must decode again, to the same ID, from its own canonical YAML (the ID is what the user compares).
#![no_main]

use libfuzzer_sys::fuzz_target;
use talos_ext_analyzer::read::paste::clean_lines;
use talos_ext_analyzer::schematic::Schematic;
use talos_ext_analyzer::yaml::{parse, Item, Limits};

fn documents(text: &str) -> Vec<talos_ext_analyzer::tree::Node<'_>> {
    let (lines, _) = clean_lines(text);
    parse(&lines, 0, &Limits::default())
        .into_iter()
        .filter_map(|item| match item {
            Item::Document(root) => Some(root),
            Item::Error(_) => None,
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for root in documents(&text) {
        let Ok(schematic) = Schematic::from_tree(&root) else {
            continue;
        };
        let canonical = schematic.canonical_yaml();
        let id = schematic.id();
        let again: Vec<_> = documents(&canonical);
        assert_eq!(again.len(), 1, "canonical YAML is one document:\n{canonical}");
        let reread = Schematic::from_tree(&again[0])
            .unwrap_or_else(|e| panic!("canonical YAML does not decode ({e}):\n{canonical}"));
        assert_eq!(reread.id(), id, "ID changes through canonical YAML:\n{canonical}");
    }
});
