//! Adds one release to the catalog source: the versions and digests the release publishes ([`super::published`]),
//! each with its Talos constraint from the release's manifests ([`super::manifests`]) or, for an extension a
//! manifest does not cover, from the newest earlier release that ships it. An extension new in the release with no
//! manifest is an error: guessing its constraint would put a wrong fact in the catalog.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};
use talos_ext_analyzer::catalog::compare_tags;

use super::published::Published;

/// What adding a release did, for the command to say.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Added {
    pub extensions: usize,
    /// Names the previous release did not ship.
    pub new_names: Vec<String>,
    /// Names the previous release shipped and this one does not.
    pub dropped_names: Vec<String>,
    /// Names whose constraint came from an earlier release, not a manifest.
    pub constraints_carried: usize,
}

/// Adds `tag` to `source` (`{"releases": {...}}`). `replace`: an existing release is replaced, else refused.
pub fn add_release(
    source: &mut Value,
    tag: &str,
    images: &[Published],
    constraints: &BTreeMap<String, String>,
    replace: bool,
) -> Result<Added, String> {
    let Some(releases) = source.get_mut("releases").and_then(Value::as_object_mut) else {
        return Err("the catalog has no \"releases\" object".to_string());
    };
    if releases.contains_key(tag) && !replace {
        return Err(format!(
            "{tag} is already in the catalog (--replace replaces it)"
        ));
    }
    // The newest release before this one: where carried constraints and the new/dropped names come from.
    let previous: Option<&Map<String, Value>> = releases
        .iter()
        .filter(|(t, _)| compare_tags(t, tag).is_lt())
        .max_by(|a, b| compare_tags(a.0, b.0))
        .and_then(|(_, r)| r.as_object());
    let carried_constraint = |name: &str| -> Option<String> {
        releases
            .iter()
            .filter(|(t, _)| compare_tags(t, tag).is_lt())
            .filter_map(|(t, r)| {
                let c = r.get(name)?.get("talos_constraint")?.as_str()?;
                Some((t, c))
            })
            .max_by(|a, b| compare_tags(a.0, b.0))
            .map(|(_, c)| c.to_string())
    };
    let mut added = Added::default();
    let mut release = Map::new();
    for image in images {
        let constraint = match constraints.get(&image.name) {
            Some(c) => c.clone(),
            None => {
                added.constraints_carried += 1;
                carried_constraint(&image.name).ok_or_else(|| {
                    format!(
                        "{} is new in {tag} and no manifest gives its Talos constraint: pass --extensions with a \
                         checkout of siderolabs/extensions at {tag}",
                        image.name
                    )
                })?
            }
        };
        if previous.is_some_and(|p| !p.contains_key(&image.name)) {
            added.new_names.push(image.name.clone());
        }
        release.insert(
            image.name.clone(),
            json!({
                "version": image.version,
                "talos_constraint": constraint,
                "image": format!("ghcr.io/siderolabs/{}:{}", image.name, image.version),
                "digest": image.digest,
            }),
        );
    }
    if let Some(previous) = previous {
        added.dropped_names = previous
            .keys()
            .filter(|n| !release.contains_key(n.as_str()))
            .cloned()
            .collect();
    }
    added.extensions = release.len();
    releases.insert(tag.to_string(), Value::Object(release));
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(name: &str, version: &str) -> Published {
        Published {
            name: name.into(),
            version: version.into(),
            digest: format!("sha256:{}", "0".repeat(64)),
        }
    }

    fn source() -> Value {
        json!({"about": "x", "releases": {
            "v1.9.0": {"a": {"version": "1", "talos_constraint": ">= v1.0.0", "image": "ghcr.io/siderolabs/a:1"}},
            "v1.10.0": {
                "a": {"version": "2", "talos_constraint": ">= v1.1.0", "image": "ghcr.io/siderolabs/a:2"},
                "gone": {"version": "1", "talos_constraint": ">= v1.0.0", "image": "ghcr.io/siderolabs/gone:1"}
            }
        }})
    }

    #[test]
    fn constraints_come_from_manifests_else_the_newest_earlier_release() {
        let mut s = source();
        let manifests = BTreeMap::from([("new".to_string(), ">= v1.11.0".to_string())]);
        let added = add_release(
            &mut s,
            "v1.11.0",
            &[image("a", "3"), image("new", "1")],
            &manifests,
            false,
        )
        .expect("added");
        assert_eq!(added.extensions, 2);
        assert_eq!(added.new_names, ["new"]);
        assert_eq!(added.dropped_names, ["gone"]);
        assert_eq!(added.constraints_carried, 1);
        let r = &s["releases"]["v1.11.0"];
        assert_eq!(
            r["a"]["talos_constraint"], ">= v1.1.0",
            "v1.10.0's, not v1.9.0's"
        );
        assert_eq!(r["new"]["talos_constraint"], ">= v1.11.0");
        assert_eq!(r["a"]["image"], "ghcr.io/siderolabs/a:3");
        assert_eq!(r["a"]["digest"], format!("sha256:{}", "0".repeat(64)));
    }

    #[test]
    fn a_new_name_without_a_manifest_or_an_existing_release_is_refused() {
        let mut s = source();
        let error = add_release(
            &mut s,
            "v1.11.0",
            &[image("new", "1")],
            &BTreeMap::new(),
            false,
        )
        .expect_err("no constraint");
        assert!(error.contains("--extensions"), "{error}");
        let error = add_release(
            &mut s,
            "v1.10.0",
            &[image("a", "2")],
            &BTreeMap::new(),
            false,
        )
        .expect_err("exists");
        assert!(error.contains("--replace"), "{error}");
        assert!(add_release(
            &mut s,
            "v1.10.0",
            &[image("a", "2")],
            &BTreeMap::new(),
            true
        )
        .is_ok());
    }
}
