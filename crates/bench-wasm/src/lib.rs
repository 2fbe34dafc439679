//! The analysis as a wasm module for the benchmark scripts (`scripts/bench-node.mjs`, `scripts/bench-browser.mjs`):
//! the generated clusters of the criterion benchmarks, the whole analysis, and the size of the linear memory. Built
//! with the page's release profile (opt-level "z"), so its timings are the page's; it is not part of the page.

use talos_ext_analyzer::{analyze, Input, Options};
use wasm_bindgen::prelude::*;

#[allow(dead_code)] // the generators are also used by the benchmarks and tests
#[path = "../../analyzer/benches/support/cluster_gen.rs"]
mod cluster_gen;

/// `talosctl get extensions -o yaml` of `nodes` generated nodes (the criterion benchmark's input).
#[wasm_bindgen]
pub fn cluster_yaml(nodes: usize) -> String {
    cluster_gen::yaml(nodes)
}

/// The same cluster as a `talosctl get extensions` table.
#[wasm_bindgen]
pub fn cluster_table(nodes: usize) -> String {
    cluster_gen::table(nodes)
}

/// Analyses one pasted text as the page does and returns the number of findings.
#[wasm_bindgen]
pub fn analyze_paste(text: &str) -> usize {
    analyze(&[Input::text("paste", text)], &Options::default())
        .findings
        .len()
}

/// The number of extensions on all nodes of the report (to check that the input was read).
#[wasm_bindgen]
pub fn extensions_seen(text: &str) -> usize {
    analyze(&[Input::text("paste", text)], &Options::default())
        .nodes
        .iter()
        .map(|n| n.extensions.len())
        .sum()
}

/// The size of the wasm linear memory in bytes: it only grows, so after an analysis it is the peak so far.
#[wasm_bindgen]
pub fn memory_bytes() -> usize {
    #[cfg(target_arch = "wasm32")]
    {
        core::arch::wasm32::memory_size(0) * 65536
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0
    }
}
