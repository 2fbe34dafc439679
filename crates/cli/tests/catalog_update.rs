//! Refreshing the catalog for a new release, end to end: `talos-ext catalog add` on the committed stand-ins for a
//! release's `descriptions.yaml` (or `image-digests`) and extensions checkout (`fixtures/catalog/`), then
//! `talos-ext catalog embed`, then an analysis judged by the catalog it wrote. Works on copies under the target
//! directory: the made-up release never reaches the real catalog.

mod common;

use std::path::{Path, PathBuf};

use common::{fixture, root, run};
use serde_json::Value;
use talos_ext_analyzer::catalog::Catalog;
use talos_ext_analyzer::{analyze, analyze_with_catalog, Input, Options, Report};

/// A fresh copy of the catalog's source, `name`d under the test's scratch directory.
fn scratch_copy(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("catalog-update");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join(name);
    std::fs::copy(root().join("fixtures/official-extensions.json"), &path).expect("copy");
    path
}

fn add(catalog: &Path, descriptions: &str) -> common::Run {
    run(&[
        "catalog",
        "add",
        "--release",
        "v1.14.0",
        "--descriptions",
        &fixture(descriptions),
        "--extensions",
        &fixture("catalog/extensions-v1.14.0"),
        "--catalog",
        &catalog.to_string_lossy(),
    ])
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("JSON")
}

/// A node on Talos v1.14.0 running iscsi-tools v0.2.0 (v1.13.9's), with a config that pins v1.14.0's tag to
/// another build.
fn node_on_v1_14_0() -> Vec<Input> {
    let state = "$ talosctl -n 10.0.0.2 version\nServer:\n\tNODE:        10.0.0.2\n\tTag:         v1.14.0\n\n\
                 $ talosctl -n 10.0.0.2 get extensions\n\
                 NODE       NAMESPACE   TYPE              ID   VERSION   NAME          VERSION\n\
                 10.0.0.2   runtime     ExtensionStatus   0    1         iscsi-tools   v0.2.0\n";
    let config = format!(
        "machine:\n  install:\n    image: ghcr.io/siderolabs/installer:v1.14.0\n    extensions:\n      - image: \
         ghcr.io/siderolabs/util-linux-tools:2.42.3@sha256:{}\n",
        "f".repeat(64)
    );
    vec![
        Input::text("state.txt", state),
        Input::text("config.yaml", config),
    ]
}

fn rules(report: &Report) -> Vec<(&'static str, String)> {
    report
        .findings
        .iter()
        .map(|f| (f.rule, f.message.clone()))
        .collect()
}

#[test]
fn a_new_release_from_descriptions_yaml_is_added_embedded_and_judged_by() {
    let catalog = scratch_copy("official-extensions.json");
    let before = read_json(&catalog);
    let added = add(&catalog, "catalog/descriptions-v1.14.0.yaml");
    assert_eq!(added.code, 0, "{}", added.stderr);
    assert!(
        added.stdout.contains("v1.14.0 added with 82 extensions"),
        "{}",
        added.stdout
    );
    assert!(
        added.stdout.contains("new: fixture-new-extension"),
        "{}",
        added.stdout
    );
    assert!(added.stdout.contains("dropped: youki"), "{}", added.stdout);

    // Only the release was added: every earlier release is as it was, and the file keeps its layout.
    let mut after = read_json(&catalog);
    let release = after["releases"]
        .as_object_mut()
        .and_then(|r| r.remove("v1.14.0"))
        .expect("v1.14.0 added");
    assert_eq!(after, before);
    assert_eq!(release["iscsi-tools"]["version"], "v0.2.1");
    assert_eq!(release["iscsi-tools"]["talos_constraint"], ">= v1.1.0");
    assert_eq!(
        release["fixture-new-extension"]["talos_constraint"],
        ">= v1.14.0"
    );
    // No manifest in the checkout: the constraint of the newest earlier release.
    assert_eq!(release["util-linux-tools"]["talos_constraint"], ">= v1.0.0");
    let digest = release["drbd"]["digest"].as_str().expect("a digest");
    assert!(
        digest.starts_with("sha256:") && digest.len() == 71,
        "{digest}"
    );
    let original =
        std::fs::read_to_string(root().join("fixtures/official-extensions.json")).expect("read");
    let written = std::fs::read_to_string(&catalog).expect("read");
    let earlier = original.trim_end_matches(['\n', ' ', '}']);
    assert!(
        written.starts_with(earlier),
        "the earlier releases' lines changed"
    );

    let embedded = catalog.with_file_name("catalog.txt");
    let embed = run(&[
        "catalog",
        "embed",
        "--catalog",
        &catalog.to_string_lossy(),
        "--out",
        &embedded.to_string_lossy(),
    ]);
    assert_eq!(embed.code, 0, "{}", embed.stderr);
    assert!(
        embed.stdout.contains("releases up to v1.14.0"),
        "{}",
        embed.stdout
    );
    let text: &'static str = Box::leak(
        std::fs::read_to_string(&embedded)
            .expect("read")
            .into_boxed_str(),
    );
    let refreshed: &'static Catalog = Box::leak(Box::new(Catalog::decode(text)));
    assert_eq!(refreshed.newest_release(), Some("v1.14.0"));
    let iscsi = refreshed.lookup("v1.14.0", "iscsi-tools").expect("shipped");
    assert_eq!(iscsi.version, "v0.2.1");
    assert_eq!(
        iscsi.digest_prefix,
        release["iscsi-tools"]["digest"]
            .as_str()
            .and_then(|d| d.get(7..23))
    );
    assert!(!refreshed.ships("v1.14.0", "youki"));

    // The embedded catalog does not know v1.14.0: one info finding, no version judgment.
    let options = Options::default();
    let today = analyze(&node_on_v1_14_0(), &options);
    let today_rules: Vec<&str> = today.findings.iter().map(|f| f.rule).collect();
    assert!(
        !today_rules.contains(&"catalog-version-mismatch"),
        "{:#?}",
        today.findings
    );
    assert!(
        today_rules.contains(&"catalog-out-of-date"),
        "{:#?}",
        today.findings
    );
    // The refreshed catalog knows it: the version check runs, and the digest check with it.
    let judged = analyze_with_catalog(&node_on_v1_14_0(), &options, refreshed);
    let judged = rules(&judged);
    assert!(
        !judged.iter().any(|(r, _)| *r == "catalog-out-of-date"),
        "{judged:#?}"
    );
    assert!(
        judged.contains(&(
            "catalog-version-mismatch",
            "iscsi-tools v0.2.0 runs on 10.0.0.2, but Talos v1.14.0 ships iscsi-tools v0.2.1."
                .to_string()
        )),
        "{judged:#?}"
    );
    assert!(
        judged.iter().any(|(r, m)| *r == "catalog-version-mismatch"
            && m.starts_with(
                "util-linux-tools 2.42.3 is pinned to digest sha256:ffffffffffffffff…"
            )),
        "{judged:#?}"
    );
}

#[test]
fn image_digests_give_the_same_release_as_descriptions_yaml() {
    let from_descriptions = scratch_copy("from-descriptions.json");
    let from_digests = scratch_copy("from-digests.json");
    assert_eq!(
        add(&from_descriptions, "catalog/descriptions-v1.14.0.yaml").code,
        0
    );
    assert_eq!(add(&from_digests, "catalog/image-digests-v1.14.0").code, 0);
    assert_eq!(
        std::fs::read_to_string(&from_descriptions).expect("read"),
        std::fs::read_to_string(&from_digests).expect("read")
    );
    // Adding it again is refused, and the file is left as it was.
    let again = add(&from_digests, "catalog/image-digests-v1.14.0");
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("already in the catalog"),
        "{}",
        again.stderr
    );
}

#[test]
fn a_new_extension_without_its_manifest_is_refused() {
    let catalog = scratch_copy("without-checkout.json");
    let before = std::fs::read_to_string(&catalog).expect("read");
    let result = run(&[
        "catalog",
        "add",
        "--release",
        "v1.14.0",
        "--descriptions",
        &fixture("catalog/descriptions-v1.14.0.yaml"),
        "--catalog",
        &catalog.to_string_lossy(),
    ]);
    assert_eq!(result.code, 2);
    assert!(
        result
            .stderr
            .contains("fixture-new-extension is new in v1.14.0"),
        "{}",
        result.stderr
    );
    assert_eq!(std::fs::read_to_string(&catalog).expect("read"), before);
}
