//! The Talos compatibility of each extension, from a checkout of siderolabs/extensions at a release tag: every
//! `manifest.yaml` (or `manifest.yaml.tmpl`, the form newer tags keep) names the extension (`metadata.name`) and
//! the Talos releases it supports (`metadata.compatibility.talos.version: ">= v1.1.0"`). The image's files do not
//! carry that constraint. Read line by line: the manifests are small, fixed-shape YAML.

use std::collections::BTreeMap;
use std::path::Path;

/// Directories deeper than this are not searched (the manifests sit two levels down: `storage/drbd/`).
const MAX_DEPTH: usize = 6;

/// `(name, constraint)` of one manifest; `None` when it names no plain extension or no constraint.
pub fn read_manifest(text: &str) -> Option<(String, String)> {
    let mut name = None;
    let mut in_talos = false;
    let mut constraint = None;
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        let line = line.trim();
        let value = |key: &str| {
            line.strip_prefix(key)
                .map(|v| v.trim().trim_matches(|c| c == '"' || c == '\'').to_string())
        };
        if indent == 2 && name.is_none() {
            name = value("name:");
        }
        if line == "talos:" {
            in_talos = true;
        } else if in_talos {
            constraint = value("version:");
            in_talos = constraint.is_none() && !line.is_empty() && !line.contains(':');
        }
    }
    let name = name.filter(|n| !n.is_empty() && !n.contains(['{', '$', ' ']))?;
    let constraint = constraint.filter(|c| !c.is_empty())?;
    Some((name, constraint))
}

/// Every manifest under `checkout`: name → constraint. Two manifests that disagree about one name are an error.
pub fn read_checkout(checkout: &Path) -> Result<BTreeMap<String, String>, String> {
    let mut found = BTreeMap::new();
    walk(checkout, 0, &mut found)?;
    if found.is_empty() {
        return Err(format!(
            "{}: no manifest.yaml with metadata.name and compatibility.talos.version (is it a checkout of \
             siderolabs/extensions?)",
            checkout.display()
        ));
    }
    Ok(found)
}

fn walk(dir: &Path, depth: usize, found: &mut BTreeMap<String, String>) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let file_name = file_name.unwrap_or_default();
        if path.is_dir() {
            if depth < MAX_DEPTH && !file_name.starts_with('.') {
                walk(&path, depth + 1, found)?;
            }
            continue;
        }
        if file_name != "manifest.yaml" && file_name != "manifest.yaml.tmpl" {
            continue;
        }
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let Some((name, constraint)) = read_manifest(&text) else {
            continue;
        };
        match found.get(&name) {
            Some(seen) if *seen != constraint => {
                return Err(format!(
                    "{}: {name} needs Talos {constraint}, another manifest says {seen}",
                    path.display()
                ))
            }
            _ => {
                found.insert(name, constraint);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_gives_its_name_and_constraint() {
        let text = "version: v1alpha1\nmetadata:\n  name: drbd\n  version: \"{{ .VERSION }}\"\n  author: A\n  \
                    description: |\n    [extra] DRBD.\n  compatibility:\n    talos:\n      version: \">= v1.2.0\"\n";
        assert_eq!(
            read_manifest(text),
            Some(("drbd".to_string(), ">= v1.2.0".to_string()))
        );
        // The extension's own version is not the constraint, nor a templated name a name.
        assert_eq!(read_manifest("metadata:\n  name: x\n  version: v1\n"), None);
        assert_eq!(
            read_manifest("metadata:\n  name: \"{{ .NAME }}\"\n  compatibility:\n    talos:\n      version: \">= v1.0.0\"\n"),
            None
        );
    }
}
