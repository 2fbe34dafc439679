//! Support bundles, with zips built here by a minimal writer (stored and deflated entries).

use super::*;

/// One entry to write: name, data, deflate?, an optional lie about the inflated size, and what other zip writers
/// add (general-purpose flags, an extra field in both headers, a comment in the central directory).
struct Spec<'a> {
    name: &'a [u8],
    data: &'a [u8],
    deflate: bool,
    declared_size: Option<u32>,
    method: Option<u16>,
    flags: u16,
    extra: &'a [u8],
    comment: &'a [u8],
}

fn file<'a>(name: &'a str, data: &'a [u8], deflate: bool) -> Spec<'a> {
    Spec {
        name: name.as_bytes(),
        data,
        deflate,
        declared_size: None,
        method: None,
        flags: 0,
        extra: b"",
        comment: b"",
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
            v.extend_from_slice(&spec.flags.to_le_bytes());
            v.extend_from_slice(&method.to_le_bytes());
            v.extend_from_slice(&[0, 0, 0x21, 0]); // time, date
            v.extend_from_slice(&crc.to_le_bytes());
            v.extend_from_slice(&(body.len() as u32).to_le_bytes());
            v.extend_from_slice(&size.to_le_bytes());
            v.extend_from_slice(&(spec.name.len() as u16).to_le_bytes());
            v.extend_from_slice(&(spec.extra.len() as u16).to_le_bytes());
        };
        out.extend_from_slice(&LOCAL_SIGNATURE.to_le_bytes());
        common(&mut out);
        out.extend_from_slice(spec.name);
        out.extend_from_slice(spec.extra);
        out.extend_from_slice(&body);
        central.extend_from_slice(&CENTRAL_SIGNATURE.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // version made by
        common(&mut central);
        central.extend_from_slice(&(spec.comment.len() as u16).to_le_bytes());
        central.extend_from_slice(&[0; 8]); // disk, internal and external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(spec.name);
        central.extend_from_slice(spec.extra);
        central.extend_from_slice(spec.comment);
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

/// 10,000 entries are read (this one holds no node's files, which is said); one more is refused before any is.
#[test]
fn the_entry_cap_is_exact_at_its_edge() {
    let names: Vec<String> = (0..=MAX_ENTRIES).map(|i| format!("f{i}")).collect();
    let specs: Vec<Spec> = names.iter().map(|n| file(n, b"", false)).collect();
    let (sink, _) = read(&zip(&specs[..MAX_ENTRIES]));
    assert_eq!(messages(&sink).len(), 1);
    assert!(
        messages(&sink)[0].contains("is it a `talosctl support` bundle"),
        "{:?}",
        messages(&sink)
    );
    let (sink, _) = read(&zip(&specs));
    assert_eq!(
        messages(&sink),
        ["support bundle `support.zip`: 10001 entries, more than the 10000 a support bundle can hold"]
    );
}

/// Each entry's node folder and text, as the text reader is given them.
fn nodes_and_texts(seen: &[(String, String, String)]) -> Vec<(&str, &str)> {
    seen.iter()
        .map(|(_, node, text)| (node.as_str(), text.as_str()))
        .collect()
}

/// Zips as other writers make them are read entry by entry: Info-ZIP's extra fields (in the local header and the
/// central directory), entry comments, and the flags Go's `archive/zip` sets (a data descriptor, UTF-8 names).
#[test]
fn extra_fields_comments_and_flags_of_other_writers() {
    let bytes = zip(&[
        Spec {
            extra: b"UT\x05\x00\x03\x00\x00\x00\x00",
            comment: b"the first node",
            ..file("10.0.0.2/summary", SUMMARY.as_bytes(), true)
        },
        Spec {
            extra: b"ux\x0b\x00\x01\x04\xe8\x03\x00\x00\x04\xe8\x03\x00\x00",
            flags: 0x0808,
            ..file("10.0.0.3/summary", SUMMARY.as_bytes(), false)
        },
        Spec {
            comment: b"c",
            ..file("10.0.0.4/summary", SUMMARY.as_bytes(), false)
        },
    ]);
    let (sink, seen) = read(&bytes);
    assert_eq!(messages(&sink), Vec::<&str>::new());
    assert_eq!(
        nodes_and_texts(&seen),
        [
            ("10.0.0.2", SUMMARY),
            ("10.0.0.3", SUMMARY),
            ("10.0.0.4", SUMMARY)
        ]
    );
}

/// An encrypted entry (`zip -e`) is refused by name, and the rest of the bundle is read.
#[test]
fn an_encrypted_entry_is_refused_by_name() {
    let bytes = zip(&[
        Spec {
            flags: 1,
            ..file("n/summary", SUMMARY.as_bytes(), false)
        },
        file("m/summary", SUMMARY.as_bytes(), false),
    ]);
    let (sink, seen) = read(&bytes);
    assert_eq!(nodes_and_texts(&seen), [("m", SUMMARY)]);
    assert_eq!(
        messages(&sink),
        ["support bundle `support.zip`: entry `n/summary` is encrypted"]
    );
}

/// `bytes` with `value` written at `at` in its end of central directory record (the last 22 bytes: no comment).
fn with_end_record(bytes: &[u8], at: usize, value: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let eocd = out.len() - 22;
    out[eocd + at..eocd + at + value.len()].copy_from_slice(value);
    out
}

/// Any one of the ZIP64 markers (entry count, directory size or offset all ones) refuses the zip as ZIP64.
#[test]
fn each_zip64_marker_is_refused() {
    let bytes = zip(&[file("n/summary", SUMMARY.as_bytes(), false)]);
    for (at, value) in [(10, &[0xff; 2][..]), (12, &[0xff; 4]), (16, &[0xff; 4])] {
        let (sink, seen) = read(&with_end_record(&bytes, at, value));
        assert!(seen.is_empty(), "{at}");
        assert_eq!(
            messages(&sink),
            ["support bundle `support.zip`: a ZIP64 archive, which is not supported"],
            "{at}"
        );
    }
}

/// A central directory that claims to run past the end record is refused, not read past.
#[test]
fn a_central_directory_past_its_end_record_is_refused() {
    let bytes = zip(&[file("n/summary", SUMMARY.as_bytes(), false)]);
    let eocd = bytes.len() - 22;
    let size = u32_at(&bytes, eocd + 12).unwrap();
    let (sink, seen) = read(&with_end_record(&bytes, 12, &(size + 1).to_le_bytes()));
    assert!(seen.is_empty());
    assert_eq!(
        messages(&sink),
        ["support bundle `support.zip`: the central directory lies outside the file (truncated?)"]
    );
}

/// The end record is looked for as far back as the longest zip comment (65,535 bytes) reaches, and no further.
#[test]
fn the_end_record_is_found_within_a_comment_s_reach() {
    let bytes = zip(&[file("n/summary", SUMMARY.as_bytes(), false)]);
    for (trailing, found) in [(0xffff, true), (0x10000, false)] {
        let mut padded = bytes.clone();
        padded.resize(bytes.len() + trailing, b' ');
        let (sink, seen) = read(&padded);
        assert_eq!(seen.len(), usize::from(found), "{trailing}");
        if !found {
            assert_eq!(
                messages(&sink),
                ["support bundle `support.zip`: not a complete zip: no end of central directory record (truncated?)"]
            );
        }
    }
}

/// A name of 4,096 bytes is read, one more is skipped; a skipped name is shown whole up to 80 bytes, cut after.
#[test]
fn name_limits_are_exact_at_their_edges() {
    let longest = format!("{}/summary", "x".repeat(MAX_NAME_BYTES - 8));
    let too_long = format!("x{longest}");
    let eighty = format!("../{}", "y".repeat(77));
    let eighty_one = format!("{eighty}z");
    let bytes = zip(&[
        file(&longest, SUMMARY.as_bytes(), false),
        file(&too_long, SUMMARY.as_bytes(), false),
        file(&eighty, SUMMARY.as_bytes(), false),
        file(&eighty_one, SUMMARY.as_bytes(), false),
    ]);
    let (sink, seen) = read(&bytes);
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].1.len(), MAX_NAME_BYTES - 8);
    let x80 = "x".repeat(80);
    assert_eq!(
        messages(&sink),
        [
            format!("support bundle `support.zip`: entry `{x80}…` skipped: a name of 4097 bytes"),
            format!("support bundle `support.zip`: entry `{eighty}` skipped: an unsafe path"),
            format!("support bundle `support.zip`: entry `{eighty}…` skipped: an unsafe path"),
        ]
    );
}

/// An entry may inflate to 32 MiB exactly, and may spend exactly the bytes left of the 64 MiB budget; one byte
/// more of either is refused before inflating. (Declared sizes only: a stored entry whose data is shorter is
/// refused later, by a message of its own.)
#[test]
fn entry_and_total_caps_are_exact_at_their_edges() {
    let declared = |size: u64| {
        let bytes = zip(&[Spec {
            declared_size: Some(size as u32),
            ..file("n/summary", b"x", false)
        }]);
        let (list, _) = entries(&bytes).unwrap();
        let mut budget = MAX_TOTAL_BYTES;
        read_entry(&bytes, &list[0], &mut budget).unwrap_err().0
    };
    assert_eq!(
        declared(MAX_ENTRY_BYTES),
        "entry `n/summary`: stored size and declared size differ"
    );
    assert_eq!(
        declared(MAX_ENTRY_BYTES + 1),
        "entry `n/summary` inflates to 33554433 bytes, more than the 33554432 allowed per entry"
    );
    let bytes = zip(&[file("n/summary", SUMMARY.as_bytes(), true)]);
    let (list, _) = entries(&bytes).unwrap();
    let size = SUMMARY.len() as u64;
    let mut budget = size - 1;
    assert_eq!(
        read_entry(&bytes, &list[0], &mut budget).unwrap_err().0,
        "entry `n/summary` would take the zip past 67108864 inflated bytes"
    );
    let mut budget = size;
    assert_eq!(
        read_entry(&bytes, &list[0], &mut budget).unwrap(),
        SUMMARY.as_bytes()
    );
    assert_eq!(budget, 0);
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
