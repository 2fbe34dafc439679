//! Wording shared by the rules' messages.

use crate::rules::planning::Keep;
use crate::rules::Context;

/// `v0.1.1 and v0.1.4`; `(no version)` where none is known.
pub fn version_list(versions: &[String]) -> String {
    if versions.is_empty() {
        return "(no version)".to_string();
    }
    let refs: Vec<&str> = versions.iter().map(String::as_str).collect();
    crate::fix::join_names(&refs)
}

/// "on `<node>`" or "on the node" where the input does not name it.
pub fn on_node(node: Option<&str>) -> String {
    match node {
        Some(n) => format!("on {n}"),
        None => "on the node".to_string(),
    }
}

/// The sentence that says which version to keep and why.
pub fn keep_sentence(ctx: &Context, name: &str, keep: &Keep, talos: Option<&str>) -> String {
    match (&keep.shipped_by, &keep.version, talos) {
        (Some(t), Some(v), _) => format!(" Talos {t} ships {name} {v}: keep that one."),
        // Not "the catalog has no {name}": that reads as if the release did not ship it.
        (None, Some(v), Some(t)) if ctx.catalog.is_newer_than_catalog(t) => format!(
            " Talos {t} is newer than the catalog (it knows releases up to {}), so the fix keeps the highest \
             version, {v}.",
            ctx.catalog.newest_release().unwrap_or("none")
        ),
        (None, Some(v), Some(t)) => {
            format!(" The catalog has no {name} for Talos {t}, so the fix keeps the highest version, {v}.")
        }
        (None, Some(v), None) => {
            format!(" The Talos release is unknown, so the fix keeps the highest version, {v}.")
        }
        _ => String::new(),
    }
}
