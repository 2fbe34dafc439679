//! The embedded catalog answers exactly what `fixtures/official-extensions.json` says.

use super::*;
use proptest::prelude::*;
use std::cmp::Ordering;

fn fixture() -> serde_json::Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/official-extensions.json"
    );
    let text = std::fs::read_to_string(path).expect("fixtures/official-extensions.json");
    serde_json::from_str(&text).expect("valid JSON")
}

#[test]
fn embedded_form_matches_the_json_for_every_release_and_extension() {
    let json = fixture();
    let releases = json["releases"].as_object().expect("releases");
    let catalog = Catalog::embedded();
    let mut tags: Vec<&str> = catalog.releases().collect();
    let mut json_tags: Vec<&str> = releases.keys().map(String::as_str).collect();
    // At least the releases up to v1.13.9 (103); a refreshed catalog has more, and the JSON says how many.
    assert!(tags.len() >= 103, "{}", tags.len());
    tags.sort_unstable();
    json_tags.sort_unstable();
    assert_eq!(tags, json_tags);
    let mut checked = 0;
    for (tag, extensions) in releases {
        let extensions = extensions.as_object().expect("extensions");
        let entries: Vec<CatalogEntry> = catalog.release_entries(tag).collect();
        assert_eq!(entries.len(), extensions.len(), "{tag}");
        for (name, e) in extensions {
            let entry = catalog
                .lookup(tag, name)
                .unwrap_or_else(|| panic!("{tag} {name}"));
            assert_eq!(entry.name, name);
            assert_eq!(
                entry.version,
                e["version"].as_str().unwrap(),
                "{tag} {name}"
            );
            assert_eq!(
                entry.talos_constraint,
                e["talos_constraint"].as_str().unwrap(),
                "{tag} {name}"
            );
            assert_eq!(entry.image(), e["image"].as_str().unwrap(), "{tag} {name}");
            assert!(entries.contains(&entry));
            assert!(catalog.is_official(name));
            assert!(catalog
                .releases_shipping(name, entry.version)
                .contains(&tag.as_str()));
            checked += 1;
        }
    }
    let total: usize = catalog
        .releases()
        .map(|t| catalog.release_entries(t).count())
        .sum();
    assert_eq!(total, checked);
}

#[test]
fn releases_are_oldest_first() {
    let tags: Vec<&str> = Catalog::embedded().releases().collect();
    assert!(tags
        .windows(2)
        .all(|w| crate::version::compare(w[0], w[1]).is_lt()));
    assert_eq!(tags.first(), Some(&"v1.0.0"));
}

#[test]
fn iscsi_tools_history() {
    let c = Catalog::embedded();
    let version = |talos: &str| c.lookup(talos, "iscsi-tools").map(|e| e.version);
    assert_eq!(version("v1.2.0"), Some("v0.1.1"));
    assert_eq!(version("1.3.0"), Some("v0.1.4"));
    assert_eq!(version("v1.7.7"), Some("v0.1.4"));
    assert_eq!(version("v1.8.1"), Some("v0.1.5"));
    assert_eq!(version("v1.9.6"), Some("v0.1.6"));
    assert_eq!(version("v1.10.0"), Some("v0.2.0"));
    assert_eq!(version("v1.0.0"), None);
    let shipping = c.releases_shipping("iscsi-tools", "v0.1.4");
    assert_eq!(shipping.first(), Some(&"v1.3.0"));
    assert_eq!(shipping.last(), Some(&"v1.7.7"));
    assert!(c.releases_shipping("iscsi-tools", "v9.9.9").is_empty());
    assert!(c.releases_shipping("no-such", "v0.1.4").is_empty());
}

#[test]
fn release_for_falls_back_to_an_earlier_patch_of_the_same_minor() {
    let c = Catalog::embedded();
    assert_eq!(c.release_for("v1.9.6"), Some("v1.9.6"));
    assert_eq!(c.release_for("v1.9.7"), Some("v1.9.6"));
    // And what the node runs is compared with what that release ships.
    assert_eq!(
        c.lookup("v1.9.7", "iscsi-tools").map(|e| e.version),
        Some("v0.1.6")
    );
    // Newer than the catalog's newest release: unknown (not its minor's newest).
    assert_eq!(c.release_for("1.13.20"), None);
    assert_eq!(c.release_for("v1.1.3"), None);
    assert_eq!(c.release_for("v1.14.0"), None);
    assert_eq!(c.release_for("latest"), None);
}

#[test]
fn prereleases_and_development_builds_use_the_release_they_build_towards() {
    let c = Catalog::embedded();
    // Not the previous minor's last release, and not "unknown".
    assert_eq!(c.release_for("v1.10.0-alpha.1"), Some("v1.10.0"));
    assert_eq!(c.release_for("v1.10.0-beta.0"), Some("v1.10.0"));
    assert_eq!(c.release_for("v1.9.0-rc.1"), Some("v1.9.0"));
    assert_eq!(c.release_for("v1.6.0-alpha.1-9-gaf706ee"), Some("v1.6.0"));
    assert_eq!(c.release_for("1.9.0-alpha.1-9-gaf706ee"), Some("v1.9.0"));
    // A prerelease of a patch release builds towards that patch release.
    assert_eq!(c.release_for("v1.10.1-beta.0"), Some("v1.10.1"));
    // A build after a release's tag descends from it.
    assert_eq!(c.release_for("v1.9.2-3-g1a2b3c4-dirty"), Some("v1.9.2"));
    // Towards a patch release newer than the catalog: unknown, as that release is.
    assert_eq!(c.release_for("v1.13.10-beta.0"), None);
    // Towards a minor the catalog does not know.
    assert_eq!(c.release_for("v1.14.0-alpha.1"), None);
}

#[test]
fn a_prerelease_ships_names_but_no_known_versions() {
    let c = Catalog::embedded();
    // The catalog's versions are the release's: a module built for the beta is another build.
    assert!(c.lookup("v1.10.0-beta.0", "drbd").is_none());
    assert!(c
        .lookup("v1.6.0-alpha.1-9-gaf706ee", "iscsi-tools")
        .is_none());
    assert!(c.lookup("v1.10.0", "drbd").is_some());
    assert!(c.ships("v1.10.0-beta.0", "drbd"));
    assert!(c.ships(
        "v1.9.0-alpha.1-9-gaf706ee",
        "nvidia-open-gpu-kernel-modules-lts"
    ));
    assert!(!c.ships(
        "v1.9.0-alpha.1-9-gaf706ee",
        "nvidia-open-gpu-kernel-modules"
    ));
    assert!(c.ships("v1.7.0-beta.0", "nvidia-open-gpu-kernel-modules"));
    assert!(!c.ships("v1.14.0-alpha.1", "drbd"));
    assert!(!c.ships("latest", "drbd"));
}

#[test]
fn when_a_name_was_shipped() {
    let c = Catalog::embedded();
    assert_eq!(
        c.shipped_from_to("nvidia-container-toolkit"),
        Some(("v1.0.0", "v1.7.7"))
    );
    assert_eq!(c.shipped_from_to("gasket"), Some(("v1.3.0", "v1.7.1")));
    assert_eq!(c.shipped_from_to("i915").map(|r| r.0), Some("v1.9.0"));
    assert_eq!(c.shipped_from_to("no-such"), None);
    assert!(c.is_last_of_minor("v1.7.7"));
    assert!(!c.is_last_of_minor("v1.7.1"));
    assert!(c.is_last_of_minor("v1.0.0"));
    assert!(!c.is_last_of_minor("v1.7.8"));
}

#[test]
fn every_name_that_stops_being_shipped_is_renamed_or_dropped() {
    // When the catalog gains a release that no longer ships a name, decide whether it was renamed (then
    // `Catalog::renamed` names the successor) or dropped: unknown-extension says which.
    const DROPPED: [&str; 1] = ["mellanox-ofed"];
    let c = Catalog::embedded();
    let newest = c.releases().last().unwrap();
    for name in c.names() {
        let (_, last) = c.shipped_from_to(name).unwrap();
        if last == newest {
            assert!(c.renamed(name).is_none(), "{name} is still shipped");
            continue;
        }
        let new = c.renamed(name);
        assert!(
            new.is_some() != DROPPED.contains(name),
            "{name}: last shipped in {last}; renamed or dropped?"
        );
        if let Some(new) = new {
            assert_eq!(c.renamed_from(new), Some(*name));
            assert_eq!(c.shipped_from_to(new).map(|r| r.1), Some(newest), "{new}");
        }
    }
    assert_eq!(c.renamed_from("iscsi-tools"), None);
}

#[test]
fn official_names_and_renames() {
    let c = Catalog::embedded();
    assert!(c.is_official("iscsi-tools"));
    assert!(!c.is_official("siderolabs/iscsi-tools"));
    assert!(!c.is_official("my-extension"));
    assert!(c.names().windows(2).all(|w| w[0] < w[1]));
    // Every rename goes from a name that stops being shipped to one shipped from then on.
    for old in c.names() {
        let Some(new) = c.renamed(old) else { continue };
        let last_old = c
            .releases()
            .filter(|t| c.lookup(t, old).is_some())
            .last()
            .unwrap();
        let first_new = c.releases().find(|t| c.lookup(t, new).is_some()).unwrap();
        assert!(
            crate::version::compare(last_old, first_new).is_lt(),
            "{old} → {new}"
        );
    }
    assert_eq!(c.renamed("i915-ucode"), Some("i915"));
    assert_eq!(c.renamed("iscsi-tools"), None);
}

#[test]
fn kernel_module_versions_carry_their_release() {
    let c = Catalog::embedded();
    let drbd = c.lookup("v1.9.2", "drbd").unwrap();
    assert_eq!(crate::version::talos_suffix(drbd.version), Some("v1.9.2"));
}

#[test]
fn built_per_release_means_kernel_modules_only() {
    let c = Catalog::embedded();
    for kmod in ["drbd", "zfs", "i915", "nvidia-open-gpu-kernel-modules-lts"] {
        assert!(c.is_built_per_release(kmod), "{kmod}");
    }
    // Its suffix is the toolkit's own version; gvisor's is the release only in some releases.
    for other in [
        "nvidia-container-toolkit",
        "gvisor",
        "iscsi-tools",
        "not-an-extension",
    ] {
        assert!(!c.is_built_per_release(other), "{other}");
    }
}

proptest! {
    /// Damaged data decodes to something (possibly empty) without panicking.
    #[test]
    fn damaged_data_never_panics(cut in 0usize..DATA.len(), noise in "[\\t0-9=~@R\\n-]{0,40}") {
        let mut text = String::from(DATA.get(..cut).unwrap_or(""));
        text.push_str(&noise);
        text.push_str(DATA.get(cut..).unwrap_or(""));
        let leaked: &'static str = Box::leak(text.into_boxed_str());
        let c = Catalog::decode(leaked);
        for tag in c.releases() {
            for e in c.release_entries(tag) {
                let _ = (e.name, e.version, e.talos_constraint);
            }
        }
        let _ = c.lookup("v1.9.2", "drbd");
    }
}

#[test]
fn the_embedded_file_is_what_encode_writes_from_the_json() {
    // Catches a fixture edited without `talos-ext catalog embed`, and an encoder that drifts from the file.
    let text = encode(&fixture()).expect("the fixture encodes");
    assert!(
        text == DATA,
        "catalog.txt is stale: run `talos-ext catalog embed`"
    );
}

#[test]
fn digests_round_trip_as_prefixes_and_bad_sources_are_refused() {
    let hex = "0123456789abcdef".repeat(4);
    let source = serde_json::json!({"releases": {
        "v1.0.0": {"a": {"version": "v1", "talos_constraint": ">= v1.0.0", "image": "ghcr.io/siderolabs/a:v1"}},
        "v1.0.1": {
            "a": {"version": "v1", "talos_constraint": ">= v1.0.0", "image": "ghcr.io/siderolabs/a:v1",
                  "digest": format!("sha256:{hex}")},
            "b": {"version": "2-v1.0.1", "talos_constraint": ">= v1.0.0", "image": "ghcr.io/siderolabs/b:2-v1.0.1"}
        }
    }});
    let text: &'static str = Box::leak(encode(&source).expect("encodes").into_boxed_str());
    assert!(text.contains("D\tv1.0.1\t0=0123456789abcdef\n"), "{text}");
    let c = Catalog::decode(text);
    assert_eq!(c.newest_release(), Some("v1.0.1"));
    let a = c.lookup("v1.0.1", "a").expect("a");
    assert_eq!(a.digest_prefix, Some("0123456789abcdef"));
    assert_eq!(c.lookup("v1.0.0", "a").and_then(|e| e.digest_prefix), None);
    assert_eq!(
        c.lookup("v1.0.1", "b")
            .map(|e| (e.version, e.digest_prefix)),
        Some(("2-v1.0.1", None))
    );

    let broken = |edit: fn(&mut serde_json::Value)| {
        let mut s = source.clone();
        edit(&mut s);
        // As `talos-ext catalog embed` prints it.
        encode(&s).expect_err("refused").to_string()
    };
    assert!(
        broken(|s| s["releases"]["v1.0.1"]["a"]["digest"] = "sha256:12".into()).contains("digest")
    );
    assert!(
        broken(|s| s["releases"]["v1.0.1"]["a"]["image"] = "ghcr.io/x/a:v1".into())
            .contains("image")
    );
    assert!(broken(|s| s["releases"]["1.0.2"] = serde_json::json!({})).contains("vX.Y.Z"));
    // A dash with no prerelease after it.
    assert!(broken(|s| s["releases"]["v1.0.2-"] = serde_json::json!({})).contains("vX.Y.Z"));
    // A sign is no digit, though Rust's integer parser takes it.
    assert!(broken(|s| s["releases"]["v1.+0.2"] = serde_json::json!({})).contains("vX.Y.Z"));
    assert!(
        broken(|s| s["releases"]["v1.0.1"]["a"]["version"] = "v1@x".into())
            .contains("cannot be stored")
    );
    // A trailing `-` would read back as a removal.
    assert!(
        broken(|s| s["releases"]["v1.0.1"]["a"]["version"] = "v1-".into())
            .contains("cannot be stored")
    );
}

#[test]
fn releases_newer_than_the_catalog_are_not_stood_in_for() {
    let c = Catalog::embedded();
    let newest = c.newest_release().expect("a release");
    assert_eq!(Some(newest), c.releases().last());
    assert!(!c.is_newer_than_catalog(newest));
    // The next patch, the next minor and a prerelease of either: newer than anything the catalog has seen.
    let (minor, patch) = newest.rsplit_once('.').expect("vX.Y.Z");
    let next_patch = format!("{minor}.{}", patch.parse::<u32>().expect("patch") + 1);
    let (major, minor) = minor.split_once('.').expect("vX.Y");
    let next_minor = format!("{major}.{}.0", minor.parse::<u32>().expect("minor") + 1);
    for newer in [
        next_patch.clone(),
        next_minor.clone(),
        format!("{next_minor}-beta.0"),
    ] {
        assert!(c.is_newer_than_catalog(&newer), "{newer}");
        assert_eq!(c.release_for(&newer), None, "{newer}");
        assert!(c.lookup(&newer, "iscsi-tools").is_none(), "{newer}");
        assert!(!c.ships(&newer, "iscsi-tools"), "{newer}");
    }
    // A later patch of an older minor still uses its minor's newest release.
    assert!(!c.is_newer_than_catalog("v1.9.7"));
    assert!(!c.is_newer_than_catalog("latest"));
}

#[test]
fn damaged_records_are_skipped_and_the_rest_kept() {
    // A catalog checked before it is embedded (`Catalog::decode`): an entry past the name table, a digest that is
    // not hex and one that is empty are dropped; what is sound stays.
    let text = "talos-ext-catalog\t1\nN\ta\tb\tc\nC\t>= v1.0.0\nR\tv1.0.0\t0=v1\t1=v2\t2=v3\t3=v9\nD\tv1.0.0\t0=abcd\t1=zz\t2=\n";
    let c = Catalog::decode(text);
    let entries: Vec<_> = c
        .release_entries("v1.0.0")
        .map(|e| (e.name, e.version, e.talos_constraint, e.digest_prefix))
        .collect();
    assert_eq!(
        entries,
        [
            ("a", "v1", ">= v1.0.0", Some("abcd")),
            ("b", "v2", ">= v1.0.0", None),
            ("c", "v3", ">= v1.0.0", None),
        ]
    );
}

#[test]
fn a_prerelease_tag_encodes_before_its_release() {
    assert_eq!(compare_tags("v1.10.0-beta.0", "v1.10.0"), Ordering::Less);
    assert_eq!(compare_tags("v1.9.9", "v1.10.0-alpha.1"), Ordering::Less);
    let source = serde_json::json!({"releases": {"v1.0.0": {}, "v1.0.0-beta.0": {}}});
    let text: &'static str = Box::leak(
        encode(&source)
            .expect("a prerelease is a release tag")
            .into_boxed_str(),
    );
    let c = Catalog::decode(text);
    assert_eq!(
        c.releases().collect::<Vec<_>>(),
        ["v1.0.0-beta.0", "v1.0.0"]
    );
}
