//! Support bundles, with zips built here by a minimal writer (stored and deflated entries).

use super::*;

/// One entry to write: name, data, deflate?, and an optional lie about the inflated size.
struct Spec<'a> {
    name: &'a [u8],
    data: &'a [u8],
    deflate: bool,
    declared_size: Option<u32>,
    method: Option<u16>,
}

fn file<'a>(name: &'a str, data: &'a [u8], deflate: bool) -> Spec<'a> {
    Spec {
        name: name.as_bytes(),
        data,
        deflate,
        declared_size: None,
        method: None,
    }
}

/// A zip as `zip`/Go's `archive/zip` write it: local headers and data, the central directory, the end record.
fn zip(specs: &[Spec]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for spec in specs {
        let body = if spec.deflate {
            miniz_oxide::deflate::compress_to_vec(
                spec.data,
                if spec.data.len() > 1 << 20 { 1 } else { 6 },
            )
        } else {
            spec.data.to_vec()
        };
        let method = spec.method.unwrap_or(if spec.deflate { 8 } else { 0 });
        let crc = crc32(spec.data);
        let size = spec.declared_size.unwrap_or(spec.data.len() as u32);
        let offset = out.len() as u32;
        let common = |v: &mut Vec<u8>| {
            v.extend_from_slice(&20u16.to_le_bytes()); // version needed
            v.extend_from_slice(&0u16.to_le_bytes()); // flags
            v.extend_from_slice(&method.to_le_bytes());
            v.extend_from_slice(&[0, 0, 0x21, 0]); // time, date
            v.extend_from_slice(&crc.to_le_bytes());
            v.extend_from_slice(&(body.len() as u32).to_le_bytes());
            v.extend_from_slice(&size.to_le_bytes());
            v.extend_from_slice(&(spec.name.len() as u16).to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes()); // extra length
        };
        out.extend_from_slice(&LOCAL_SIGNATURE.to_le_bytes());
        common(&mut out);
        out.extend_from_slice(spec.name);
        out.extend_from_slice(&body);
        central.extend_from_slice(&CENTRAL_SIGNATURE.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // version made by
        common(&mut central);
        central.extend_from_slice(&[0; 8]); // comment length, disk, internal and external attributes
        central.extend_from_slice(&[0; 2]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(spec.name);
    }
    let central_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&EOCD_SIGNATURE.to_le_bytes());
    out.extend_from_slice(&[0; 4]); // disk numbers
    out.extend_from_slice(&(specs.len() as u16).to_le_bytes());
    out.extend_from_slice(&(specs.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // comment length
    out
}

const STATUS: &str =
    "metadata:\n    namespace: runtime\n    type: ExtensionStatuses.runtime.talos.dev\n    id: 0\n\
spec:\n    image: 0.sqsh\n    metadata:\n        name: iscsi-tools\n        version: v0.1.6\n";
const SUMMARY: &str =
    "Client:\n\tTag:         v1.9.2\nServer:\n\tNODE:        10.0.0.2\n\tTag:         v1.9.2\n";

/// Reads a zip, recording what the text reader is given: (input name, node, text).
fn read(bytes: &[u8]) -> (Sink, Vec<(String, String, String)>) {
    let mut sink = Sink::default();
    sink.begin_input("support.zip");
    let mut seen = Vec::new();
    read_zip_with(&mut sink, "support.zip", bytes, &mut |sink, text, node| {
        let name = sink
            .inputs
            .get(sink.input)
            .map(|i| i.name.clone())
            .unwrap_or_default();
        seen.push((name, node.to_string(), text.to_string()));
    });
    (sink, seen)
}

fn messages(sink: &Sink) -> Vec<&str> {
    sink.errors.iter().map(|e| e.message.as_str()).collect()
}

#[test]
fn two_node_bundle() {
    let bytes = zip(&[
        file(
            "10.0.0.2/resources/extensionstatuses.runtime.talos.dev.yaml",
            STATUS.as_bytes(),
            true,
        ),
        file("10.0.0.2/summary", SUMMARY.as_bytes(), false),
        file("10.0.0.2/dmesg.log", &[0xff; 100], true),
        file(
            "10.0.0.3/resources/extensionstatuses.runtime.talos.dev.yaml",
            STATUS.as_bytes(),
            false,
        ),
        file("10.0.0.3/summary", SUMMARY.as_bytes(), true),
        file("cluster/", b"", false),
    ]);
    assert!(is_zip(&bytes));
    let (sink, seen) = read(&bytes);
    assert_eq!(messages(&sink), Vec::<&str>::new());
    let names: Vec<(&str, &str)> = seen
        .iter()
        .map(|(i, n, _)| (i.as_str(), n.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            (
                "support.zip!10.0.0.2/resources/extensionstatuses.runtime.talos.dev.yaml",
                "10.0.0.2"
            ),
            ("support.zip!10.0.0.2/summary", "10.0.0.2"),
            (
                "support.zip!10.0.0.3/resources/extensionstatuses.runtime.talos.dev.yaml",
                "10.0.0.3"
            ),
            ("support.zip!10.0.0.3/summary", "10.0.0.3"),
        ]
    );
    assert_eq!(seen[0].2, STATUS);
    assert_eq!(seen[3].2, SUMMARY);
    assert_eq!(sink.inputs.len(), 5);
    assert_eq!(sink.input, 0);
    assert_eq!(sink.inputs[0].fragments.len(), 1);
    assert_eq!(sink.inputs[0].fragments[0].format, Format::SupportBundle);
}

#[test]
fn truncated_zip() {
    let bytes = zip(&[file("n/summary", SUMMARY.as_bytes(), true)]);
    for cut in [bytes.len() - 1, bytes.len() / 2, 10, 0] {
        let (sink, seen) = read(&bytes[..cut]);
        assert!(seen.is_empty());
        assert_eq!(sink.errors.len(), 1, "{cut}");
        assert!(
            messages(&sink)[0].contains("truncated"),
            "{:?}",
            messages(&sink)
        );
    }
    // The end record intact but the data cut away.
    let mut damaged = bytes.clone();
    damaged[40] ^= 0xff;
    let (sink, seen) = read(&damaged);
    assert!(seen.is_empty());
    assert!(
        messages(&sink)
            .iter()
            .any(|m| m.contains("damaged") || m.contains("CRC")),
        "{:?}",
        messages(&sink)
    );
}

#[test]
fn zip_bomb_is_refused_quickly() {
    // 80 MiB of zeros deflate to a few hundred KiB; declared honestly it is refused before inflating.
    let zeros = vec![0u8; 80 << 20];
    let honest = zip(&[file("n/summary", &zeros, true)]);
    let lying = zip(&[Spec {
        declared_size: Some(10),
        ..file("n/summary", &zeros, true)
    }]);
    let start = std::time::Instant::now();
    let (sink, seen) = read(&honest);
    assert!(seen.is_empty());
    assert!(
        messages(&sink)[0].contains("more than the 33554432 allowed per entry"),
        "{:?}",
        messages(&sink)
    );
    // Declared as 10 bytes: inflation stops at the declared size.
    let (sink, seen) = read(&lying);
    assert!(seen.is_empty());
    assert!(
        messages(&sink)[0].contains("past its declared size"),
        "{:?}",
        messages(&sink)
    );
    assert!(start.elapsed().as_millis() < 500, "{:?}", start.elapsed());
}

#[test]
fn absurd_and_unsafe_names_are_skipped() {
    let long = "a/".repeat(2100) + "summary";
    let bytes = zip(&[
        file("../etc/summary", b"x", false),
        file("/abs/summary", b"x", false),
        file("C:/x/summary", b"x", false),
        Spec {
            name: b"n\0/summary",
            ..file("", b"x", false)
        },
        Spec {
            name: b"\xff/summary",
            ..file("", b"x", false)
        },
        file(&long, b"x", false),
        file("ok/summary", SUMMARY.as_bytes(), false),
    ]);
    let (sink, seen) = read(&bytes);
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].1, "ok");
    let m = messages(&sink);
    assert_eq!(m.len(), 6, "{m:?}");
    assert_eq!(m.iter().filter(|m| m.contains("an unsafe path")).count(), 3);
    assert!(m.iter().any(|m| m.contains("NUL")));
    assert!(m.iter().any(|m| m.contains("not UTF-8")));
    assert!(m.iter().any(|m| m.contains("a name of 4207 bytes")));
}

#[test]
fn other_methods_and_non_text_are_errors_naming_the_entry() {
    let bytes = zip(&[
        Spec {
            method: Some(12),
            ..file("n/summary", b"x", false)
        },
        file("m/summary", &[0xff, 0xfe], false),
    ]);
    let (sink, seen) = read(&bytes);
    assert!(seen.is_empty());
    let m = messages(&sink);
    assert!(
        m.iter()
            .any(|m| m.contains("`n/summary` uses compression method 12")),
        "{m:?}"
    );
    assert!(
        m.iter().any(|m| m.contains("`m/summary` is not UTF-8")),
        "{m:?}"
    );
}

#[test]
fn too_many_entries() {
    let names: Vec<String> = (0..10_001).map(|i| format!("f{i}")).collect();
    let specs: Vec<Spec> = names.iter().map(|n| file(n, b"", false)).collect();
    let (sink, _) = read(&zip(&specs));
    assert!(
        messages(&sink)[0].contains("more than the 10000"),
        "{:?}",
        messages(&sink)
    );
}

#[test]
fn not_a_bundle() {
    let (sink, _) = read(&zip(&[file("readme.txt", b"hello", false)]));
    assert!(messages(&sink)[0].contains("is it a `talosctl support` bundle"));
}

#[test]
fn age_and_crc() {
    assert!(is_age(b"age-encryption.org/v1\n-> X25519 abc\n"));
    assert!(is_age(b"-----BEGIN AGE ENCRYPTED FILE-----\n"));
    assert!(!is_age(b"PK\x03\x04"));
    assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
}

#[test]
fn classify_entries() {
    assert_eq!(classify("10.0.0.2/summary"), Some(("10.0.0.2", true)));
    assert_eq!(
        classify("bundle/cp-1/resources/extensionstatuses.runtime.talos.dev.yaml"),
        Some(("cp-1", false))
    );
    assert_eq!(classify("summary"), None);
    assert_eq!(classify("/summary"), None);
    assert_eq!(
        classify("resources/extensionstatuses.runtime.talos.dev.yaml"),
        None
    );
    assert_eq!(classify("n/resources/other.yaml"), None);
}

/// Through the real text reader: each node's statuses become installed extensions of that node.
#[test]
fn bundle_statuses_reach_the_observations() {
    let bytes = zip(&[
        file(
            "10.0.0.2/resources/extensionstatuses.runtime.talos.dev.yaml",
            STATUS.as_bytes(),
            true,
        ),
        file(
            "10.0.0.3/resources/extensionstatuses.runtime.talos.dev.yaml",
            STATUS.as_bytes(),
            false,
        ),
        // No NODE line: the folder names the node.
        file(
            "10.0.0.3/summary",
            b"Server:\n\tTag:         v1.9.2\n",
            false,
        ),
    ]);
    let mut sink = Sink::default();
    sink.begin_input("support.zip");
    read_zip(&mut sink, "support.zip", &bytes);
    let versions: Vec<(Option<&str>, &str)> = sink
        .observations
        .talos_versions
        .iter()
        .map(|v| (v.node.as_deref(), v.version.as_str()))
        .collect();
    assert_eq!(versions, [(Some("10.0.0.3"), "v1.9.2")]);
    let mut seen: Vec<(Option<&str>, &str, Option<&str>)> = sink
        .observations
        .extensions
        .iter()
        .map(|e| (e.node.as_deref(), e.name.as_str(), e.version.as_deref()))
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            (Some("10.0.0.2"), "iscsi-tools", Some("v0.1.6")),
            (Some("10.0.0.3"), "iscsi-tools", Some("v0.1.6"))
        ]
    );
}
