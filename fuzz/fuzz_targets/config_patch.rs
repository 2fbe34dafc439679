//! Machine configs and patches: the fuzz input is put under a prefix that makes the document recognisable (a
//! config, a strategic patch, a JSON patch, talhelper, Omni), so the recognisers' deeper paths are reached.
#![no_main]

use libfuzzer_sys::fuzz_target;
use talos_ext_analyzer::read::paste::clean_lines;
use talos_ext_analyzer::read::structured::{read_json, read_yaml};
use talos_ext_analyzer::read::{Block, Sink};

const PREFIXES: &[&str] = &[
    "",
    "version: v1alpha1\nmachine:\n  install:\n",
    "version: v1alpha1\nmachine:\n  install:\n    extensions:\n",
    "machine:\n  install:\n    image: ",
    "machine:\n",
    "- op: add\n  path: /machine/install/extensions\n  value:\n",
    "nodes:\n  - hostname: cp1\n    schematic:\n",
    "kind: Cluster\nname: c\npatches:\n  - name: p\n    inline:\n",
    "apiVersion: v1alpha1\nkind: ExtensionServiceConfig\nname: nut-client\n",
    "customization:\n  systemExtensions:\n",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let mut text = String::from(PREFIXES[usize::from(selector) % PREFIXES.len()]);
    text.push_str(&String::from_utf8_lossy(rest));
    let (lines, _) = clean_lines(&text);
    let block = Block {
        lines: &lines,
        node_hint: None,
    };
    let mut sink = Sink::default();
    sink.begin_input("patch.yaml");
    if selector & 0x80 == 0 {
        read_yaml(&mut sink, block);
    } else {
        read_json(&mut sink, block);
    }
});
