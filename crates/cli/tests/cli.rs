//! The `talos-ext` binary end to end: formats, standard input, exit codes, `rules`, `explain`, help and version.

mod common;

use common::{duplicate_example, fixture, report_json, root, run, run_with_stdin};
use talos_ext_analyzer::rules;

#[test]
fn help_and_version() {
    let help = run(&["--help"]);
    assert_eq!(help.code, 0);
    for expected in [
        "talos-ext analyze",
        "talos-ext rules",
        "talos-ext explain",
        "--fail-on",
        "Exit status",
    ] {
        assert!(
            help.stdout.contains(expected),
            "{expected} missing from:\n{}",
            help.stdout
        );
    }
    assert_eq!(run(&["analyze", "--help"]).stdout, help.stdout);
    let version = run(&["--version"]);
    assert_eq!(version.code, 0);
    let newest = talos_ext_analyzer::catalog::Catalog::embedded()
        .newest_release()
        .expect("a release");
    assert_eq!(
        version.stdout,
        format!(
            "talos-ext {} (catalog: Talos releases up to {newest})\n",
            env!("CARGO_PKG_VERSION")
        )
    );
}

#[test]
fn usage_errors_exit_2_with_a_short_usage_on_stderr() {
    for args in [
        &[][..],
        &["frobnicate"],
        &["analyze", "--bogus", "x.txt"],
        &["analyze", "--format", "yaml", "x.txt"],
        &["analyze", "--fail-on", "sometimes", "x.txt"],
        &["analyze", "--talos-version", "latest", "x.txt"],
        &["analyze", "x.txt", "--format"],
        &["analyze"],
        &["rules", "--format", "json"],
        &["explain"],
    ] {
        let result = run(args);
        assert_eq!(result.code, 2, "{args:?}");
        assert!(result.stdout.is_empty(), "{args:?}: {}", result.stdout);
        assert!(
            result.stderr.starts_with("talos-ext: "),
            "{args:?}: {}",
            result.stderr
        );
        assert!(
            result.stderr.contains("Usage:\n  talos-ext analyze"),
            "{args:?}: {}",
            result.stderr
        );
    }
    let bad_value = run(&["analyze", "--format", "yaml", "x.txt"]);
    assert!(bad_value
        .stderr
        .contains("`--format` expects text, json, sarif or markdown, found `yaml`"));
}

#[test]
fn unreadable_input_exits_2_and_prints_no_report() {
    let missing = root().join("fixtures/cli/no-such-file.yaml");
    let missing = missing.to_string_lossy();
    let result = run(&["analyze", &duplicate_example(), &missing]);
    assert_eq!(result.code, 2);
    assert!(result.stdout.is_empty(), "{}", result.stdout);
    assert!(
        result.stderr.contains(&format!("cannot read {missing}: ")),
        "{}",
        result.stderr
    );

    let directory = fixture("cli");
    let result = run(&["analyze", &directory]);
    assert_eq!(result.code, 2);
    assert!(
        result
            .stderr
            .contains(&format!("cannot read {directory}: ")),
        "{}",
        result.stderr
    );
}

#[test]
fn json_prints_the_report() {
    let file = duplicate_example();
    let result = run(&["analyze", "--format", "json", &file]);
    let report: serde_json::Value = serde_json::from_str(&result.stdout).expect("JSON");
    assert_eq!(report["report_version"], 1);
    assert_eq!(report["inputs"][0]["name"], file.as_str());
    for key in ["nodes", "schematics", "findings", "errors"] {
        assert!(report[key].is_array(), "{key}");
    }
    // Pretty-printed, as `serde_json::to_string_pretty` does, with a final newline.
    assert!(
        result.stdout.starts_with("{\n  \"report_version\": 1,\n"),
        "{}",
        result.stdout
    );
    assert!(result.stdout.ends_with("}\n"));
}

#[test]
fn talos_version_goes_into_the_options() {
    let file = duplicate_example();
    for given in ["v1.9.2", "1.9.2"] {
        let result = run(&[
            "analyze",
            "--format",
            "json",
            "--fail-on",
            "never",
            "--talos-version",
            given,
            &file,
        ]);
        let report: serde_json::Value = serde_json::from_str(&result.stdout).expect("JSON");
        assert_eq!(report["talos_version"], "v1.9.2", "{given}");
    }
}

#[test]
fn standard_input_is_read_as_one_input() {
    let file = duplicate_example();
    let text = std::fs::read(&file).expect("fixture");
    let result = run_with_stdin(
        &["analyze", "--format", "json", "--fail-on", "never", "-"],
        &text,
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
    let mut from_stdin: serde_json::Value = serde_json::from_str(&result.stdout).expect("JSON");
    assert_eq!(from_stdin["inputs"][0]["name"], "<stdin>");
    // Apart from its name, standard input reads like the file.
    from_stdin["inputs"][0]["name"] = serde_json::Value::from(file.clone());
    assert_eq!(from_stdin, report_json(&[&file]));
}

#[test]
fn text_reads_like_a_compiler_and_ends_with_a_summary() {
    let bundle = fixture("cli/truncated-bundle.zip");
    let result = run(&["analyze", &duplicate_example(), &bundle]);
    let last = result.stdout.lines().last().unwrap_or_default();
    assert!(last.ends_with(" in 2 inputs."), "{}", result.stdout);
    // The bundle is not text: it goes to the analyzer as bytes, which reports an input error for it.
    let error_line = result
        .stdout
        .lines()
        .find(|l| l.contains(": error[input]: "))
        .unwrap_or_default();
    assert!(
        error_line.starts_with(&format!("{bundle}:")),
        "{}",
        result.stdout
    );
    assert!(
        !result.stdout.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let bundle = fixture("cli/truncated-bundle.zip");
    let coloured = run(&["analyze", "--color", "always", &bundle]);
    assert!(
        coloured.stdout.contains("\x1b[1;31merror[input]\x1b[0m"),
        "{}",
        coloured.stdout
    );
    let never = run(&["analyze", "--color=never", &bundle]);
    assert!(!never.stdout.contains('\x1b'));
    assert_eq!(coloured.code, never.code);
}

#[test]
fn markdown_is_a_document_with_a_summary_table() {
    let result = run(&[
        "analyze",
        "--format",
        "markdown",
        "--fail-on",
        "never",
        &duplicate_example(),
    ]);
    assert_eq!(result.code, 0);
    assert!(
        result.stdout.starts_with("# Talos extension analysis\n\n"),
        "{}",
        result.stdout
    );
    assert!(result.stdout.contains("| errors | "), "{}", result.stdout);
    assert!(result.stdout.contains("## Findings\n"), "{}", result.stdout);
}

#[test]
fn sarif_is_one_run_of_talos_ext() {
    let result = run(&[
        "analyze",
        "--format",
        "sarif",
        "--fail-on",
        "never",
        &duplicate_example(),
    ]);
    let log: serde_json::Value = serde_json::from_str(&result.stdout).expect("JSON");
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(log["runs"].as_array().map(Vec::len), Some(1));
    assert_eq!(log["runs"][0]["tool"]["driver"]["name"], "talos-ext");
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for info in rules::all() {
        assert!(
            rules.iter().any(|r| r["id"] == info.id),
            "{} missing",
            info.id
        );
    }
}

/// The exit codes of `analyze` at `--fail-on error`, `warning`, `info` and `never`, then without `--fail-on`, stated
/// per input from what each input holds (1: something reached the level, 0: nothing did).
#[test]
fn fail_on_levels_decide_the_exit_code() {
    let bundle = fixture("cli/truncated-bundle.zip");
    let cases: [(Vec<String>, [i32; 5]); 4] = [
        // An error (duplicate-extension): fails every level but never.
        (vec![duplicate_example()], [1, 1, 1, 0, 1]),
        // No finding and no input error: fails nothing.
        (
            vec![fixture(
                "examples/10-talos-docs-v1.9-two-extensions-table-and-yaml.txt",
            )],
            [0, 0, 0, 0, 0],
        ),
        // One info finding: fails `--fail-on info` alone.
        (
            vec![fixture(
                "examples/11-talos-docs-image-factory-no-node-column.txt",
            )],
            [0, 0, 1, 0, 0],
        ),
        // An input that cannot be read as its format fails every level but never.
        (vec![bundle.clone()], [1, 1, 1, 0, 1]),
    ];
    for (files, expected) in &cases {
        let files: Vec<&str> = files.iter().map(String::as_str).collect();
        for (level, want) in ["error", "warning", "info", "never"].iter().zip(expected) {
            let mut args = vec!["analyze", "--fail-on", level];
            args.extend_from_slice(&files);
            assert_eq!(run(&args).code, *want, "{files:?} --fail-on {level}");
        }
        let mut args = vec!["analyze"];
        args.extend_from_slice(&files);
        assert_eq!(
            run(&args).code,
            expected[4],
            "{files:?}: the default is error"
        );
    }
}

#[test]
fn the_classic_duplicate_fails_and_points_at_its_rows() {
    let file = duplicate_example();
    let result = run(&["analyze", &file]);
    assert_eq!(result.code, 1, "{}", result.stdout);
    let headline = format!(
        "{file}:3:1: error[duplicate-extension]: iscsi-tools is active twice on <control-plane-ip>"
    );
    assert!(result.stdout.starts_with(&headline), "{}", result.stdout);
    assert!(
        result
            .stdout
            .contains("\n  |\n4 | <control-plane-ip>   runtime"),
        "{}",
        result.stdout
    );
    assert!(
        result.stdout.contains("= fix UNSAFE (command): "),
        "{}",
        result.stdout
    );
    assert_eq!(run(&["analyze", "--fail-on", "never", &file]).code, 0);
}

#[test]
fn a_warning_fails_only_from_fail_on_warning_down() {
    // `.machine.install.extensions` on Talos v1.9: deprecated (a warning), not yet ignored (an error).
    let file = fixture("cli/install-extensions-patch.yaml");
    let base = ["analyze", "--talos-version", "v1.9.2"];
    let report = report_json(&["--talos-version", "v1.9.2", &file]);
    let severities: Vec<&str> = report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["severity"].as_str())
        .collect();
    assert!(
        severities.contains(&"warning") && !severities.contains(&"error"),
        "{severities:?}"
    );
    for (level, code) in [("error", 0), ("warning", 1), ("info", 1), ("never", 0)] {
        let args: Vec<&str> = base
            .iter()
            .copied()
            .chain(["--fail-on", level, &file])
            .collect();
        assert_eq!(run(&args).code, code, "--fail-on {level}");
    }
    let args: Vec<&str> = base.iter().copied().chain([file.as_str()]).collect();
    assert_eq!(run(&args).code, 0, "the default is --fail-on error");
}

#[test]
fn rules_lists_every_rule() {
    let result = run(&["rules"]);
    assert_eq!(result.code, 0);
    if rules::all().is_empty() {
        assert_eq!(result.stdout, "No rules are defined yet.\n");
    } else {
        assert!(result.stdout.starts_with("RULE "), "{}", result.stdout);
    }
    for info in rules::all() {
        let line = result
            .stdout
            .lines()
            .find(|l| l.starts_with(&format!("{} ", info.id)));
        let line = line.unwrap_or_else(|| panic!("{} missing from:\n{}", info.id, result.stdout));
        assert!(
            line.contains(info.severity.as_str()) && line.ends_with(info.summary),
            "{line}"
        );
    }
}

#[test]
fn docs_rules_md_is_the_output_of_rules_format_markdown() {
    let result = run(&["rules", "--format", "markdown"]);
    assert_eq!(result.code, 0);
    let committed = std::fs::read_to_string(root().join("docs/rules.md")).unwrap_or_default();
    assert!(
        committed == result.stdout,
        "docs/rules.md is stale; regenerate it with\n\n    cargo run -q -p talos-ext-cli -- rules --format markdown > docs/rules.md\n"
    );
}

#[test]
fn explain_prints_a_rule_doc_and_rejects_unknown_ids() {
    let unknown = run(&["explain", "no-such-rule"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stdout.is_empty());
    assert!(
        unknown
            .stderr
            .starts_with("talos-ext: unknown rule `no-such-rule`; known rules: "),
        "{}",
        unknown.stderr
    );
    for info in rules::all() {
        assert!(unknown.stderr.contains(info.id), "{}", unknown.stderr);
        let known = run(&["explain", info.id]);
        assert_eq!(known.code, 0);
        assert!(
            known.stdout.starts_with(&format!("## `{}`\n", info.id)),
            "{}",
            known.stdout
        );
        assert!(known.stdout.contains(info.summary));
    }
}
