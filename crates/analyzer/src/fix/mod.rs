//! Fix builders: turn "these nodes should carry these extensions, once each" into the fix ladder of
//! `docs/talos-formats.md`, in its order:
//!
//! 1. an Image Factory schematic with the intended set (sorted, deduplicated) and its ID, then the
//!    `talosctl upgrade --image factory.talos.dev/installer/<id>:<talos-version>` command for each node;
//! 2. an RFC 6902 JSON patch for `.machine.install.extensions` (never a strategic merge, which appends), which
//!    only takes effect on the next upgrade;
//! 3. the reset (unsafe: it wipes STATE and EPHEMERAL);
//! 4. the verify command for every affected node.
//!
//! Rules decide what is wanted; this module only writes it down, so every rule's fixes read alike.

use crate::report::{Fix, FixKind, Safety};
use crate::schematic::Schematic;

/// Shown where the Talos version is unknown, so the user sees what to fill in.
pub const TALOS_PLACEHOLDER: &str = "<talos-version>";
/// Shown where the node is unknown.
pub const NODE_PLACEHOLDER: &str = "<node>";

/// One extension a node should carry, once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted {
    /// Manifest name (`iscsi-tools`).
    pub name: String,
    /// The version to keep, where known.
    pub version: Option<String>,
    /// The image to keep in `.machine.install.extensions` (`ghcr.io/siderolabs/iscsi-tools:v0.1.6`), where known.
    pub image: Option<String>,
    /// Official (`siderolabs/<name>`): it can go into an Image Factory schematic.
    pub official: bool,
}

/// What one node should end up with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodePlan {
    pub node: Option<String>,
    /// The Talos version to install (the node's, so that fixing extensions does not change Talos).
    pub talos_version: Option<String>,
    pub extensions: Vec<Wanted>,
    /// The Image Factory installer path the node uses (`installer-secureboot`, `metal-installer`); `None` for the
    /// plain `installer`. A secure-boot node must stay on a secure-boot installer.
    pub installer_path: Option<String>,
}

/// Which rungs of the ladder a finding calls for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    pub nodes: Vec<NodePlan>,
    /// The extensions come (also) from `.machine.install.extensions`: offer the JSON patches.
    pub config_patch: bool,
    /// The duplicate is on a running node: offer the reset as the last resort.
    pub reset: bool,
}

/// The whole ladder for a plan.
pub fn ladder(plan: &Plan) -> Vec<Fix> {
    let mut fixes = Vec::new();
    factory_fixes(plan, &mut fixes);
    custom_notes(plan, &mut fixes);
    if plan.config_patch {
        config_patches(plan, &mut fixes);
    }
    if plan.reset {
        fixes.push(reset(&node_names(plan)));
    }
    fixes.push(verify(&node_names(plan)));
    fixes
}

/// The schematic that carries exactly these official extensions (names without `siderolabs/`).
pub fn schematic_for<'a, I: IntoIterator<Item = &'a str>>(names: I) -> Schematic {
    Schematic::with_extensions(names.into_iter().map(|n| format!("siderolabs/{n}")))
}

/// `factory.talos.dev/<path>/<id>:<talos-version>` (`path` defaults to `installer`).
pub fn factory_installer(
    path: Option<&str>,
    schematic_id: &str,
    talos_version: Option<&str>,
) -> String {
    format!(
        "factory.talos.dev/{}/{schematic_id}:{}",
        path.unwrap_or("installer"),
        talos_version.unwrap_or(TALOS_PLACEHOLDER)
    )
}

/// `talosctl upgrade -n <node> --image <image>`.
pub fn upgrade_command(node: Option<&str>, image: &str) -> String {
    format!(
        "talosctl upgrade -n {} --image {image}",
        node.unwrap_or(NODE_PLACEHOLDER)
    )
}

/// A command fix that upgrades each node onto its image (one line per node).
pub fn upgrade_fix(lines: &[(Option<&str>, String)], title: String) -> Fix {
    let content = lines
        .iter()
        .map(|(node, image)| upgrade_command(*node, image) + "\n")
        .collect::<String>();
    Fix {
        kind: FixKind::Command,
        safety: Safety::Safe,
        title,
        content,
        schematic_id: None,
    }
}

/// The Image Factory rung: one schematic per distinct official set, then the upgrade commands onto it.
fn factory_fixes(plan: &Plan, fixes: &mut Vec<Fix>) {
    let mut sets: Vec<(Vec<&str>, Vec<&NodePlan>)> = Vec::new();
    for node in &plan.nodes {
        let mut names: Vec<&str> = node
            .extensions
            .iter()
            .filter(|w| w.official)
            .map(|w| w.name.as_str())
            .collect();
        crate::sort::sort_dedup(&mut names);
        if names.is_empty() {
            continue;
        }
        match sets.iter_mut().find(|(n, _)| *n == names) {
            Some((_, nodes)) => nodes.push(node),
            None => sets.push((names, vec![node])),
        }
    }
    for (names, nodes) in sets {
        let title = format!(
            "Build one installer that carries {} once",
            join_names(&names)
        );
        let fix = schematic_fix(title, &names);
        let id = fix.schematic_id.clone().unwrap_or_default();
        fixes.push(fix);
        let lines: Vec<(Option<&str>, String)> = nodes
            .iter()
            .map(|n| {
                (
                    n.node.as_deref(),
                    factory_installer(n.installer_path.as_deref(), &id, n.talos_version.as_deref()),
                )
            })
            .collect();
        let unknown = nodes.iter().any(|n| n.talos_version.is_none());
        let who = join_names(
            &nodes
                .iter()
                .map(|n| n.node.as_deref().unwrap_or(NODE_PLACEHOLDER))
                .collect::<Vec<_>>(),
        );
        let mut title = format!("Upgrade {who} onto that installer");
        if unknown {
            title.push_str(&format!(
                "; the Talos version is unknown: replace {TALOS_PLACEHOLDER} with the version the node runs"
            ));
        }
        fixes.push(upgrade_fix(&lines, title));
    }
}

/// The schematic that carries exactly these official extensions (names without `siderolabs/`), with its ID.
pub fn schematic_fix(title: String, names: &[&str]) -> Fix {
    let schematic = schematic_for(names.iter().copied());
    Fix {
        kind: FixKind::Schematic,
        safety: Safety::Safe,
        title,
        schematic_id: Some(schematic.id()),
        content: schematic.canonical_yaml(),
    }
}

/// Extensions from another registry cannot go into a factory schematic.
fn custom_notes(plan: &Plan, fixes: &mut Vec<Fix>) {
    let mut seen: Vec<&str> = Vec::new();
    for w in plan
        .nodes
        .iter()
        .flat_map(|n| &n.extensions)
        .filter(|w| !w.official)
    {
        if seen.contains(&w.name.as_str()) {
            continue;
        }
        seen.push(&w.name);
        let image = w.image.as_deref().unwrap_or(&w.name);
        fixes.push(Fix {
            kind: FixKind::Note,
            safety: Safety::Safe,
            title: format!("{} is not an official extension: an Image Factory schematic cannot carry it", w.name),
            content: format!(
                "Keep exactly one entry for {image} in .machine.install.extensions (Talos before v1.10), or build a \
                 custom installer that includes it with the Talos imager."
            ),
            schematic_id: None,
        });
    }
}

/// The JSON 6902 patches: one for the factory path (keep only what the factory cannot carry), one for staying on
/// `.machine.install.extensions` (one entry each).
fn config_patches(plan: &Plan, fixes: &mut Vec<Fix>) {
    let mut all: Vec<&Wanted> = Vec::new();
    for w in plan.nodes.iter().flat_map(|n| &n.extensions) {
        if !all.iter().any(|a| a.name == w.name) {
            all.push(w);
        }
    }
    crate::sort::sort_by(&mut all, |a, b| a.name.cmp(&b.name));
    let custom: Vec<&Wanted> = all.iter().copied().filter(|w| !w.official).collect();
    let any_official = all.iter().any(|w| w.official);
    let nodes = node_names(plan).join(",");
    let apply = format!(
        "apply it with `talosctl patch mc -n {nodes} --patch @patch.yaml`; extensions change only on the next \
         install or upgrade"
    );
    if any_official {
        let (content, what) = if custom.is_empty() {
            (
                "- op: remove\n  path: /machine/install/extensions\n".to_string(),
                "remove .machine.install.extensions",
            )
        } else {
            (
                replace_patch(&custom),
                "keep only the extensions the factory cannot carry in .machine.install.extensions",
            )
        };
        fixes.push(Fix {
            kind: FixKind::ConfigPatch,
            safety: Safety::Safe,
            title: format!("With the factory installer: {what} (a JSON patch; {apply})"),
            content,
            schematic_id: None,
        });
    }
    if custom.len() != all.len() || !any_official {
        fixes.push(Fix {
            kind: FixKind::ConfigPatch,
            safety: Safety::Safe,
            title: format!(
                "Or keep .machine.install.extensions with one entry per extension (a JSON patch, not a strategic \
                 merge, which appends; {apply})"
            ),
            content: replace_patch(&all),
            schematic_id: None,
        });
    }
}

/// `op: replace` of `/machine/install/extensions` with one image each.
pub fn replace_patch(wanted: &[&Wanted]) -> String {
    let mut out = String::from("- op: replace\n  path: /machine/install/extensions\n  value:\n");
    for w in wanted {
        let image = match (&w.image, &w.version) {
            (Some(i), _) => i.clone(),
            (None, Some(v)) if w.official => format!("ghcr.io/siderolabs/{}:{v}", w.name),
            _ => format!("<image of {}>", w.name),
        };
        out.push_str(&format!("    - image: {image}\n"));
    }
    out
}

/// The last resort: wipes STATE and EPHEMERAL.
pub fn reset(nodes: &[&str]) -> Fix {
    let content = nodes
        .iter()
        .map(|n| {
            format!(
                "talosctl reset -n {n} --graceful=false --reboot --system-labels-to-wipe=STATE \
                 --system-labels-to-wipe=EPHEMERAL\n"
            )
        })
        .collect();
    Fix {
        kind: FixKind::Command,
        safety: Safety::Unsafe,
        title: format!(
            "Last resort, destroys data: reset {} (wipes STATE and EPHEMERAL), then install once with one version \
             of each extension",
            join_names(nodes)
        ),
        content,
        schematic_id: None,
    }
}

/// `talosctl -n <nodes> get extensions`.
pub fn verify(nodes: &[&str]) -> Fix {
    let list = if nodes.is_empty() {
        NODE_PLACEHOLDER.to_string()
    } else {
        nodes.join(",")
    };
    Fix {
        kind: FixKind::Command,
        safety: Safety::Safe,
        title: "Verify: every extension once, at one version, on every affected node".to_string(),
        content: format!("talosctl -n {list} get extensions\n"),
        schematic_id: None,
    }
}

/// `talosctl -n <node> version`: which Talos release the node runs after an upgrade.
pub fn verify_version(node: &str) -> Fix {
    Fix {
        kind: FixKind::Command,
        safety: Safety::Safe,
        title: "Verify: the node runs the release the upgrade installs".to_string(),
        content: format!("talosctl -n {node} version\n"),
        schematic_id: None,
    }
}

/// A note fix.
pub fn note(title: impl Into<String>, content: impl Into<String>) -> Fix {
    Fix {
        kind: FixKind::Note,
        safety: Safety::Safe,
        title: title.into(),
        content: content.into(),
        schematic_id: None,
    }
}

fn node_names(plan: &Plan) -> Vec<&str> {
    let mut seen: crate::hash::Set<&str> = crate::hash::Set::default();
    plan.nodes
        .iter()
        .map(|n| n.node.as_deref().unwrap_or(NODE_PLACEHOLDER))
        .filter(|name| seen.insert(*name))
        .collect()
}

/// `a`, `a and b`, `a, b and c`.
pub fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

impl FixKind {
    /// The kind as the report's JSON and SARIF name it (`config-patch`).
    pub fn name(self) -> &'static str {
        match self {
            FixKind::ConfigPatch => "config-patch",
            FixKind::Schematic => "schematic",
            FixKind::Command => "command",
            FixKind::Note => "note",
        }
    }

    /// The kind in words, as the text and Markdown renderings say it (`config patch`).
    pub fn words(self) -> &'static str {
        match self {
            FixKind::ConfigPatch => "config patch",
            FixKind::Schematic => "schematic",
            FixKind::Command => "command",
            FixKind::Note => "note",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fix_kind_is_named_as_the_report_names_it() {
        for kind in [
            FixKind::ConfigPatch,
            FixKind::Schematic,
            FixKind::Command,
            FixKind::Note,
        ] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.name());
            assert_eq!(kind.words(), kind.name().replace('-', " "));
        }
    }

    fn wanted(name: &str, version: &str, official: bool) -> Wanted {
        Wanted {
            name: name.into(),
            version: Some(version.into()),
            image: None,
            official,
        }
    }

    fn plan(talos: Option<&str>) -> Plan {
        Plan {
            nodes: vec![NodePlan {
                node: Some("<control-plane-ip>".into()),
                talos_version: talos.map(Into::into),
                extensions: vec![wanted("iscsi-tools", "v0.1.6", true)],
                installer_path: None,
            }],
            config_patch: true,
            reset: true,
        }
    }

    #[test]
    fn ladder_order_and_safety() {
        let fixes = ladder(&plan(Some("v1.9.2")));
        let kinds: Vec<_> = fixes.iter().map(|f| (f.kind, f.safety)).collect();
        assert_eq!(
            kinds,
            vec![
                (FixKind::Schematic, Safety::Safe),
                (FixKind::Command, Safety::Safe),
                (FixKind::ConfigPatch, Safety::Safe),
                (FixKind::ConfigPatch, Safety::Safe),
                (FixKind::Command, Safety::Unsafe),
                (FixKind::Command, Safety::Safe),
            ]
        );
        let id = fixes[0].schematic_id.clone().unwrap_or_default();
        assert_eq!(
            fixes[1].content,
            format!("talosctl upgrade -n <control-plane-ip> --image factory.talos.dev/installer/{id}:v1.9.2\n")
        );
        assert_eq!(
            fixes[2].content,
            "- op: remove\n  path: /machine/install/extensions\n"
        );
        assert_eq!(
            fixes[3].content,
            "- op: replace\n  path: /machine/install/extensions\n  value:\n    - image: ghcr.io/siderolabs/iscsi-tools:v0.1.6\n"
        );
        assert!(fixes[4].title.contains("STATE and EPHEMERAL"));
        assert!(fixes[4]
            .content
            .contains("--system-labels-to-wipe=STATE --system-labels-to-wipe=EPHEMERAL"));
        assert_eq!(
            fixes[5].content,
            "talosctl -n <control-plane-ip> get extensions\n"
        );
    }

    #[test]
    fn secure_boot_nodes_stay_on_the_secure_boot_installer() {
        let mut p = plan(Some("v1.9.2"));
        p.nodes[0].installer_path = Some("installer-secureboot".into());
        let fixes = ladder(&p);
        assert!(fixes[1]
            .content
            .contains("--image factory.talos.dev/installer-secureboot/"));
    }

    #[test]
    fn unknown_talos_is_a_visible_placeholder() {
        let fixes = ladder(&plan(None));
        assert!(fixes[1].content.ends_with(":<talos-version>\n"));
        assert!(fixes[1].title.contains("<talos-version>"));
    }

    #[test]
    fn custom_extensions_get_a_note_not_a_schematic() {
        let mut p = plan(Some("v1.9.2"));
        p.nodes[0].extensions = vec![Wanted {
            name: "my-ext".into(),
            version: Some("v1".into()),
            image: Some("registry.example.com/my-ext:v1".into()),
            official: false,
        }];
        p.reset = false;
        let fixes = ladder(&p);
        let kinds: Vec<_> = fixes.iter().map(|f| f.kind).collect();
        assert_eq!(
            kinds,
            vec![FixKind::Note, FixKind::ConfigPatch, FixKind::Command]
        );
        assert!(fixes[1]
            .content
            .contains("- image: registry.example.com/my-ext:v1\n"));
    }

    #[test]
    fn the_patch_never_invents_a_siderolabs_image_for_a_third_party_extension() {
        let official = wanted("iscsi-tools", "v0.1.6", true);
        let custom = wanted("my-ext", "v1", false);
        assert_eq!(
            replace_patch(&[&official, &custom]),
            "- op: replace\n  path: /machine/install/extensions\n  value:\n    \
             - image: ghcr.io/siderolabs/iscsi-tools:v0.1.6\n    - image: <image of my-ext>\n"
        );
    }

    #[test]
    fn mixed_sets_keep_the_custom_entry_on_the_factory_path() {
        let mut p = plan(Some("v1.9.2"));
        p.nodes[0].extensions.push(Wanted {
            name: "my-ext".into(),
            version: Some("v1".into()),
            image: Some("registry.example.com/my-ext:v1".into()),
            official: false,
        });
        let fixes = ladder(&p);
        let patches: Vec<&Fix> = fixes
            .iter()
            .filter(|f| f.kind == FixKind::ConfigPatch)
            .collect();
        assert_eq!(patches.len(), 2);
        assert!(patches[0].content.starts_with("- op: replace"));
        assert!(!patches[0].content.contains("iscsi-tools"));
        assert!(patches[1].content.contains("iscsi-tools:v0.1.6"));
        assert!(patches[1].content.contains("my-ext:v1"));
    }

    #[test]
    fn nodes_sharing_a_set_share_one_schematic() {
        let mut p = plan(Some("v1.9.2"));
        let mut other = p.nodes[0].clone();
        other.node = Some("10.0.0.3".into());
        p.nodes.push(other);
        let fixes = ladder(&p);
        assert_eq!(
            fixes
                .iter()
                .filter(|f| f.kind == FixKind::Schematic)
                .count(),
            1
        );
        assert_eq!(fixes[1].content.lines().count(), 2);
        assert_eq!(
            fixes.last().map(|f| f.content.as_str()),
            Some("talosctl -n <control-plane-ip>,10.0.0.3 get extensions\n")
        );
    }

    #[test]
    fn the_seed_schematic_has_the_documented_id() {
        let fixes = ladder(&plan(Some("v1.9.2")));
        let id = "c9078f9419961640c712a8bf2bb9174933dfcf1da383fd8ea2b7dc21493f8bac";
        assert_eq!(fixes[0].schematic_id.as_deref(), Some(id));
        assert_eq!(
            fixes[0].content,
            "customization:\n    systemExtensions:\n        officialExtensions:\n            - siderolabs/iscsi-tools\n"
        );
        assert_eq!(
            fixes[1].content,
            format!("talosctl upgrade -n <control-plane-ip> --image factory.talos.dev/installer/{id}:v1.9.2\n")
        );
    }

    #[test]
    fn names_join_like_prose() {
        assert_eq!(join_names(&["a"]), "a");
        assert_eq!(join_names(&["a", "b"]), "a and b");
        assert_eq!(join_names(&["a", "b", "c"]), "a, b and c");
    }
}
