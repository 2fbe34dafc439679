//! `.github/workflows/pages.yml` cannot run here, so its shape is checked: it parses as YAML (with the analyzer's
//! own reader), builds with the project's bootstrap and release build in that order, publishes `dist/` and deploys
//! it, with the permissions GitHub Pages needs; and the scripts it calls exist.

mod common;

use common::root;
use talos_ext_analyzer::text::CleanLine;
use talos_ext_analyzer::tree::Node;
use talos_ext_analyzer::yaml::{self, Item, Limits};

fn workflow() -> Node<'static> {
    let text =
        std::fs::read_to_string(root().join(".github/workflows/pages.yml")).expect("pages.yml");
    let mut offset = 0u32;
    let lines: Vec<CleanLine> = text
        .split('\n')
        .enumerate()
        .map(|(i, line)| {
            let clean = CleanLine::plain(line.to_string(), i as u32 + 1, offset);
            offset += line.len() as u32 + 1;
            clean
        })
        .collect();
    let mut items = yaml::parse(&lines, 0, &Limits::default());
    assert_eq!(items.len(), 1, "one document: {items:?}");
    match items.remove(0) {
        Item::Document(root) => root,
        Item::Error(e) => panic!("pages.yml does not parse: {e:?}"),
    }
}

fn text<'a>(node: &'a Node, path: &[&str]) -> Option<&'a str> {
    node.path(path).and_then(Node::as_str)
}

/// The index of the first step whose `key` contains `needle`.
fn step(steps: &[Node], key: &str, needle: &str) -> usize {
    steps
        .iter()
        .position(|s| text(s, &[key]).is_some_and(|v| v.contains(needle)))
        .unwrap_or_else(|| panic!("no step with {key} containing {needle:?}"))
}

#[test]
fn the_pages_workflow_builds_with_the_project_s_scripts_and_deploys_dist() {
    let w = workflow();
    let branches = w
        .path(&["on", "push", "branches"])
        .and_then(Node::as_sequence);
    assert!(
        branches.is_some_and(|b| b.iter().any(|n| n.as_str() == Some("main"))),
        "runs on pushes to main"
    );
    assert_eq!(text(&w, &["permissions", "pages"]), Some("write"));
    assert_eq!(text(&w, &["permissions", "id-token"]), Some("write"));

    let build = w
        .path(&["jobs", "build", "steps"])
        .and_then(Node::as_sequence)
        .expect("build steps");
    let checkout = step(build, "uses", "actions/checkout@");
    let bootstrap = step(build, "run", "scripts/bootstrap.sh");
    let release = step(build, "run", "trunk build --release");
    let upload = step(build, "uses", "actions/upload-pages-artifact@");
    assert!(
        checkout < bootstrap && bootstrap < release && release < upload,
        "steps out of order"
    );
    assert!(
        text(&build[release], &["run"]).is_some_and(|r| r.contains(". scripts/env.sh")),
        "the build runs in the scripts' environment (PATH, path remapping)"
    );
    assert_eq!(text(&build[upload], &["with", "path"]), Some("dist"));

    assert_eq!(text(&w, &["jobs", "deploy", "needs"]), Some("build"));
    assert_eq!(
        text(&w, &["jobs", "deploy", "environment", "name"]),
        Some("github-pages")
    );
    let deploy = w
        .path(&["jobs", "deploy", "steps"])
        .and_then(Node::as_sequence)
        .expect("deploy steps");
    step(deploy, "uses", "actions/deploy-pages@");

    for script in ["scripts/bootstrap.sh", "scripts/env.sh", "scripts/size.mjs"] {
        assert!(root().join(script).is_file(), "{script} is gone");
    }
}
