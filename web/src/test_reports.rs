//! The reports the web crate's tests read: the analysis of every fixture of the repository (with and without a
//! Talos version) and of every example.

use talos_ext_analyzer::{analyze, Input, Options, Report};

/// Every file under `dir`, sorted.
fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The report of every fixture of the repository (with and without a Talos version) and of every example.
pub fn reports() -> Vec<Report> {
    let mut paths = Vec::new();
    files(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures")),
        &mut paths,
    );
    let mut out = Vec::new();
    for path in paths {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        for talos in [None, Some("v1.9.2".to_owned())] {
            let input = Input::bytes(name.to_string(), bytes.clone());
            out.push(analyze(
                &[input],
                &Options {
                    talos_version: talos,
                },
            ));
        }
    }
    for example in crate::state::examples::EXAMPLES {
        let inputs: Vec<Input> = example
            .inputs
            .iter()
            .map(|(name, text)| Input::text(*name, *text))
            .collect();
        out.push(analyze(&inputs, &Options::default()));
    }
    out
}
