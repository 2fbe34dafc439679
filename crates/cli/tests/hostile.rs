//! Hostile input through the `talos-ext` binary, as files and on standard input: every case ends with exit status
//! 0, 1 or 2 and, where the input is refused, a clear message, within a hang guard (each run is killed and the test
//! fails after [`LIMIT`]; a guard against hangs, not a benchmark). The big inputs are generated here into a
//! temporary folder, never committed. The analysis itself is tested on the same cases in
//! `crates/analyzer/tests/hostile.rs`; this file checks what the command line adds (reading files and standard
//! input, the 64 MiB read limit, rendering, exit statuses).
//!
//! The 50 MB paste is `#[ignore]`d in a debug build (reading 50 MB unoptimised takes about a minute on a loaded
//! machine): `scripts/test.sh` runs it optimised (`cargo test --profile hostile … -- --ignored`).

use std::fs;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// The hang guard per run: generous, as debug builds on a shared 2-core machine are slow.
const LIMIT: Duration = Duration::from_secs(120);

/// A folder under the system's temporary folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("talos-ext-hostile-{}-{n}", std::process::id()));
        fs::create_dir_all(&dir).expect("create a temporary folder");
        TempDir(dir)
    }

    fn file(&self, name: &str, content: &[u8]) -> String {
        let path = self.0.join(name);
        fs::write(&path, content).expect("write a temporary file");
        path.to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Kills the child when the guard is dropped without `disarm` (a failed assertion must not leave it running).
struct Reaper(Option<Child>);

impl Drop for Reaper {
    fn drop(&mut self) {
        if let Some(child) = self.0.as_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Runs `talos-ext ARGS` with `stdin` on standard input (written from a thread: the program may stop reading
/// early), output into files (no pipe to fill), killed after [`LIMIT`].
fn run(args: &[&str], stdin: Option<Vec<u8>>) -> Run {
    let dir = TempDir::new();
    let out_path = dir.0.join("stdout");
    let err_path = dir.0.join("stderr");
    let out = fs::File::create(&out_path).expect("create stdout file");
    let err = fs::File::create(&err_path).expect("create stderr file");
    let mut child = Command::new(env!("CARGO_BIN_EXE_talos-ext"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(out)
        .stderr(err)
        .spawn()
        .expect("spawn talos-ext");
    let writer = match (stdin, child.stdin.take()) {
        (Some(input), Some(mut pipe)) => Some(thread::spawn(move || {
            // A broken pipe is fine: the program may refuse the input before reading all of it.
            let _ = pipe.write_all(&input);
        })),
        _ => None,
    };
    let mut reaper = Reaper(Some(child));
    let start = Instant::now();
    let status = loop {
        let Some(child) = reaper.0.as_mut() else {
            unreachable!("the child is only taken below")
        };
        if let Some(status) = child.try_wait().expect("poll talos-ext") {
            reaper.0 = None;
            break status;
        }
        assert!(
            start.elapsed() < LIMIT,
            "talos-ext {args:?} not done within {LIMIT:?}"
        );
        thread::sleep(Duration::from_millis(20));
    };
    if let Some(writer) = writer {
        writer.join().expect("the stdin writer ended");
    }
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&fs::read(&out_path).unwrap_or_default()).into_owned(),
        stderr: String::from_utf8_lossy(&fs::read(&err_path).unwrap_or_default()).into_owned(),
    };
    assert!(
        matches!(run.code, 0..=2),
        "talos-ext {args:?} exited {} (killed by a signal or panicked?)\nstderr: {}",
        run.code,
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

/// Runs `analyze` on `content` as a file named `name` and on standard input; returns both runs.
fn both(name: &str, content: &[u8], extra: &[&str]) -> [Run; 2] {
    let dir = TempDir::new();
    let path = dir.file(name, content);
    let mut args = vec!["analyze"];
    args.extend_from_slice(extra);
    let mut file_args = args.clone();
    file_args.push(&path);
    args.push("-");
    [run(&file_args, None), run(&args, Some(content.to_vec()))]
}

/// Both runs end with `code` and say `message` (stdout for the report's input errors, stderr for the program's).
fn expect(runs: &[Run], code: i32, message: &str) {
    for run in runs {
        assert_eq!(
            run.code,
            code,
            "stdout: {}\nstderr: {}",
            head(&run.stdout),
            run.stderr
        );
        assert!(
            run.stdout.contains(message) || run.stderr.contains(message),
            "{message:?} not in stdout: {}\nstderr: {}",
            head(&run.stdout),
            run.stderr
        );
    }
}

/// Both runs end with `code` and print `message` in an input error at `line`:`column` of the input
/// (`NAME:LINE:COLUMN: error[input]: …MESSAGE…`).
fn expect_at(runs: &[Run], code: i32, line: u32, column: u32, message: &str) {
    expect(runs, code, message);
    let at = format!(":{line}:{column}: error[input]: ");
    for run in runs {
        assert!(
            run.stdout
                .lines()
                .any(|l| l.contains(message) && l.contains(&at)),
            "{at:?}…{message:?} not in stdout: {}",
            head(&run.stdout)
        );
    }
}

/// The start of a long output, for failure messages.
fn head(text: &str) -> &str {
    let end = text
        .char_indices()
        .nth(2_000)
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

const TABLE_HEADER: &str =
    "NODE         NAMESPACE   TYPE              ID   VERSION   NAME          VERSION\n";

// --- YAML and JSON ----------------------------------------------------------------------------------------------

#[test]
fn alias_bomb() {
    let mut yaml = String::from(
        "version: v1alpha1\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..10 {
        let p = i - 1;
        yaml.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let runs = both("bomb.yaml", yaml.as_bytes(), &[]);
    // At the first `*a4` of line 7 (`a5: &a5 [*a4, …`), where the expansion crosses the limit.
    expect_at(
        &runs,
        1,
        7,
        10,
        "aliases (*name) here expand this YAML document to more than",
    );
}

#[test]
fn ten_thousand_deep_nesting() {
    let block = format!(
        "machine:\n  install:\n    extensions:\n      {}x\n",
        "- ".repeat(10_000)
    );
    let flow = format!(
        "```yaml\nmachine: {}{}\n```\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    // Block: the 254th `-` (level 257: the root mapping, `install` and `extensions` are levels 1 to 3), at column
    // 7 + 2 × 253 of line 4. Flow: the 256th `[` after `machine: ` (line 2, after the fence).
    for (yaml, line, column, message) in [
        (
            block,
            4,
            7 + 2 * 253,
            "this YAML is nested more than 256 levels deep",
        ),
        (
            flow,
            2,
            10 + 255,
            "this YAML is nested more than 255 levels deep",
        ),
    ] {
        let runs = both("deep.yaml", yaml.as_bytes(), &[]);
        expect_at(&runs, 1, line, column, message);
    }
    let json = format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    for run in both("deep.json", json.as_bytes(), &["--format", "json"]) {
        assert_eq!(run.code, 1, "{}", run.stderr);
        let report: serde_json::Value =
            serde_json::from_str(&run.stdout).expect("the json format prints JSON");
        // At the 128th `{"a":` (serde_json's recursion limit), five characters each.
        let errors = report["errors"].as_array().expect("errors");
        assert_eq!(errors.len(), 1, "{}", head(&run.stdout));
        assert_eq!(
            (&errors[0]["line"], &errors[0]["column"]),
            (&1.into(), &(5 * 127 + 1).into())
        );
    }
}

// --- Size -------------------------------------------------------------------------------------------------------

/// Real-looking tickets (tables, YAML, `talosctl version`, fences) repeated to `target` bytes.
fn mixed_paste(target: usize) -> String {
    let ticket = include_str!("../../../fixtures/read/mixed-05-discord-everything.txt");
    let config = include_str!("../../../fixtures/structured/machine-config-multidoc.yaml");
    let mut paste = String::with_capacity(target + ticket.len() + config.len());
    while paste.len() < target {
        paste.push_str(ticket);
        paste.push_str("\n```yaml\n");
        paste.push_str(config);
        paste.push_str("```\n");
    }
    paste
}

#[test]
fn a_two_megabyte_paste() {
    // The small brother of the 50 MB case, run in every build.
    let runs = both("paste.txt", mixed_paste(2 << 20).as_bytes(), &[]);
    expect(
        &runs,
        1,
        "warning[unknown-extension]: nvidia-container-toolkit was an official extension up to Talos v1.7",
    );
}

#[test]
#[ignore = "50 MB: run optimised by scripts/test.sh (cargo test --profile hostile … -- --ignored)"]
fn fifty_megabytes_paste() {
    let paste = mixed_paste(50 << 20);
    assert!(paste.len() < 64 << 20);
    // JSON output: the text rendering of thousands of findings is not what is tested here.
    for run in both("paste.txt", paste.as_bytes(), &["--format", "json"]) {
        assert_eq!(run.code, 1, "{}", run.stderr);
        let report: serde_json::Value =
            serde_json::from_str(&run.stdout).expect("the json format prints JSON");
        assert!(report["nodes"].as_array().is_some_and(|n| !n.is_empty()));
    }
}

#[test]
fn over_sixty_four_mebibytes_is_refused_without_reading_it_all() {
    let big = vec![b'a'; (64 << 20) + 1];
    expect(
        &both("big.txt", &big, &[]),
        2,
        "larger than 64 MiB, the most talos-ext reads",
    );
}

#[test]
fn a_single_five_megabyte_line() {
    let text = format!(
        "{}\n{TABLE_HEADER}10.0.0.2     runtime     ExtensionStatus   0    1         iscsi-tools   v0.1.1\n",
        "x".repeat(5 << 20)
    );
    let runs = both("line.txt", text.as_bytes(), &["--format", "json"]);
    expect(&runs, 1, "line skipped: 5242880 bytes long");
    for run in &runs {
        // The skipped line is line 1.
        let report: serde_json::Value =
            serde_json::from_str(&run.stdout).expect("the json format prints JSON");
        let errors = report["errors"].as_array().expect("errors");
        assert_eq!(errors.len(), 1, "{}", head(&run.stdout));
        assert_eq!(
            (&errors[0]["line"], &errors[0]["column"]),
            (&1.into(), &1.into())
        );
    }
    for run in &runs {
        // The rest is still read.
        let report: serde_json::Value =
            serde_json::from_str(&run.stdout).expect("the json format prints JSON");
        assert_eq!(
            report["nodes"].as_array().map(Vec::len),
            Some(1),
            "{}",
            head(&run.stdout)
        );
    }
}

#[test]
fn a_hundred_thousand_table_rows() {
    // One node with 100,000 versions of one extension: one duplicate finding.
    let mut table = String::from(TABLE_HEADER);
    for i in 0..100_000 {
        table.push_str(&format!(
            "10.0.0.2     runtime     ExtensionStatus   {i}    1         iscsi-tools   v0.1.{i}\n"
        ));
    }
    let runs = both("rows.txt", table.as_bytes(), &["--format", "json"]);
    for run in &runs {
        assert_eq!(run.code, 1, "{}", run.stderr);
        let report: serde_json::Value =
            serde_json::from_str(&run.stdout).expect("the json format prints JSON");
        assert_eq!(report["errors"].as_array().map(Vec::len), Some(0));
        assert!(report["findings"]
            .as_array()
            .is_some_and(|f| f.iter().any(|f| f["rule"] == "duplicate-extension")));
    }
}

// --- Bytes ------------------------------------------------------------------------------------------------------

/// A small deterministic generator (xorshift), so that the garbage is the same on every run.
fn garbage(len: usize, mut seed: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        out.extend_from_slice(&seed.to_le_bytes());
    }
    out.truncate(len);
    out
}

#[test]
fn binary_garbage() {
    let runs = both("core.dump", &garbage(4 << 20, 0x9e37_79b9_7f4a_7c15), &[]);
    expect_at(
        &runs,
        1,
        1,
        1,
        "expected text or a zip support bundle, found binary data",
    );
}

#[test]
fn invalid_utf8_around_real_content() {
    let mut paste = b"\xfd\xfe\xff garbage \xc3\x28 \xe2\x82 \xf0\x9f\x98\n".to_vec();
    paste.extend_from_slice(TABLE_HEADER.as_bytes());
    paste.extend_from_slice(
        b"10.0.0.2     runtime     ExtensionStatus   0    1         iscsi-tools   v0.1.1\xed\xa0\x80\n",
    );
    paste.extend_from_slice(
        b"10.0.0.2     runtime     ExtensionStatus   1    1         iscsi-tools   v0.1.4\n",
    );
    expect(
        &both("paste.txt", &paste, &[]),
        1,
        "error[duplicate-extension]",
    );
}

#[test]
fn nul_bytes() {
    let mut paste = String::from(TABLE_HEADER);
    paste.push_str(
        "10.0.0.2\0    runtime     ExtensionStatus   0    1         iscsi\0tools   v0.1.1\n",
    );
    paste.push_str("\0\0\0\0\n");
    paste.push_str("machine:\n  install:\n    image: ghcr.io/siderolabs/installer:v1.9.2\0\n");
    for run in both("nul.txt", paste.as_bytes(), &[]) {
        // Read or refused, never a crash; the summary line ends the report either way.
        assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
        assert!(run.stdout.contains("input"), "{}", head(&run.stdout));
    }
}

// --- Zips and .age ----------------------------------------------------------------------------------------------

#[path = "../../analyzer/tests/support/zip_writer.rs"]
mod zip_writer;
use zip_writer::{entry, zip, Entry};

#[test]
fn zip_bomb() {
    // Eight entries of 30 MiB of NUL bytes (240 MiB inflated) in a zip of under a MiB.
    let one = entry(b"n/summary", &vec![0u8; 30 << 20], true);
    let entries: Vec<Entry> = (0..8)
        .map(|i| Entry {
            name: format!("node-{i}/summary").into_bytes(),
            ..one.clone()
        })
        .collect();
    let bundle = zip(&entries);
    assert!(bundle.len() < 1 << 20, "{}", bundle.len());
    expect(
        &both("support.zip", &bundle, &[]),
        1,
        "would take the zip past 67108864 inflated bytes",
    );
    // Declared as 10 bytes.
    let liar = zip(&[Entry { size: 10, ..one }]);
    expect(
        &both("support.zip", &liar, &[]),
        1,
        "past its declared size",
    );
}

#[test]
fn zips_with_absurd_entry_names() {
    let names: Vec<Vec<u8>> = vec![
        vec![b'a'; usize::from(u16::MAX)],
        b"".to_vec(),
        b"/".to_vec(),
        b"../../../../../../etc/passwd".to_vec(),
        b"\\\\server\\share\\summary".to_vec(),
        b"n/\x00/summary".to_vec(),
        b"n/\xc0\xaf/summary".to_vec(),
        "n/\u{202e}yrammus".as_bytes().to_vec(),
        "/".repeat(4000).into_bytes(),
    ];
    let entries: Vec<Entry> = names
        .iter()
        .map(|name| entry(name, b"Client:\n\tTag:         v1.9.2\n", false))
        .collect();
    for run in both("support.zip", &zip(&entries), &[]) {
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stdout.contains("support bundle"),
            "{}",
            head(&run.stdout)
        );
    }
    let many: Vec<Entry> = (0..20_000).map(|_| entry(b"", b"", false)).collect();
    expect(
        &both("support.zip", &zip(&many), &[]),
        1,
        "more than the 10000 a support bundle can hold",
    );
}

#[test]
fn age_bundle() {
    let binary = include_bytes!("../../../fixtures/read/age-encrypted.age");
    let advice = "age-encrypted file (a `talosctl support` bundle from Talos 1.14 on): decrypt it with `age -d`";
    expect_at(&both("support.zip.age", binary, &[]), 1, 1, 1, advice);
    let armored = include_bytes!("../../../fixtures/read/age-armored.txt");
    expect_at(&both("support.age", armored, &[]), 1, 1, 1, advice);
}
