//! `talos-ext catalog add` (a release into `fixtures/official-extensions.json`) and `talos-ext catalog embed`
//! (that file into the analyzer's `catalog.txt`): refreshing the catalog for a new Talos release, by a maintainer.

use std::path::Path;
use std::process::ExitCode;

use serde_json::Value;
use talos_ext_analyzer::catalog;

use crate::args::CatalogCommand;
use crate::catalog::{json_layout, manifests, merge, published};

pub fn run(command: &CatalogCommand) -> ExitCode {
    let result = match command {
        CatalogCommand::Add {
            release,
            descriptions,
            extensions,
            catalog,
            replace,
        } => add(
            release,
            descriptions,
            extensions.as_deref(),
            catalog,
            *replace,
        ),
        CatalogCommand::Embed { catalog, out } => embed(catalog, out),
    };
    match result {
        Ok(said) => {
            super::print(&said);
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("talos-ext: {message}");
            ExitCode::from(2)
        }
    }
}

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
}

fn write(path: &str, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {path}: {e}"))
}

fn read_source(path: &str) -> Result<Value, String> {
    serde_json::from_str(&read(path)?).map_err(|e| format!("{path}: {e}"))
}

fn add(
    release: &str,
    descriptions: &str,
    extensions: Option<&str>,
    catalog_path: &str,
    replace: bool,
) -> Result<String, String> {
    let list = published::read(&read(descriptions)?).map_err(|e| format!("{descriptions}: {e}"))?;
    let constraints = match extensions {
        Some(dir) => manifests::read_checkout(Path::new(dir))?,
        None => Default::default(),
    };
    let mut source = read_source(catalog_path)?;
    let added = merge::add_release(&mut source, release, &list.images, &constraints, replace)?;
    // Refuse what the embedded form could not hold before the file is touched.
    catalog::encode(&source).map_err(|e| format!("{release}: {e}"))?;
    write(catalog_path, &json_layout::to_text(&source))?;
    let mut said = format!(
        "{catalog_path}: {release} added with {} extensions ({} constraints from the previous release)\n",
        added.extensions, added.constraints_carried
    );
    for (what, names) in [("new", &added.new_names), ("dropped", &added.dropped_names)] {
        if !names.is_empty() {
            said.push_str(&format!("  {what}: {}\n", names.join(", ")));
        }
    }
    for skipped in &list.skipped {
        said.push_str(&format!(
            "  skipped (not an official extension image): {skipped}\n"
        ));
    }
    said.push_str("Next: talos-ext catalog embed\n");
    Ok(said)
}

fn embed(catalog_path: &str, out: &str) -> Result<String, String> {
    let source = read_source(catalog_path)?;
    let text = catalog::encode(&source).map_err(|e| format!("{catalog_path}: {e}"))?;
    write(out, &text)?;
    let releases = catalog::Catalog::decode(Box::leak(text.clone().into_boxed_str()));
    Ok(format!(
        "{out}: {} bytes, releases up to {}\n",
        text.len(),
        releases.newest_release().unwrap_or("none")
    ))
}
