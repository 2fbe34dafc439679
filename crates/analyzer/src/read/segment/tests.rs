use super::scan::{
    indented_yaml, key_line, plain_key_line, yaml_continues, yaml_continues_in_general,
};
use super::*;

fn lines(text: &str) -> Vec<CleanLine<'_>> {
    super::super::paste::clean_lines(text).0
}

#[test]
fn indented_yaml_lines_continue_a_block() {
    let pieces = [
        "",
        " ",
        "\t",
        "\r",
        "\u{b}",
        "\u{1c}",
        "\u{a0}",
        "\u{2003}",
        "`",
        "~",
        "C",
        "S",
        "T",
        "a",
        "é",
        ":",
        "#",
        "-",
        "```",
        "Client:",
        "Tag: v1",
        "$ talosctl",
    ];
    let next = CleanLine::plain("    SHA: x", 2, 0);
    for a in pieces {
        for b in pieces {
            for c in pieces {
                let text = format!("{a}{b}{c}");
                let lines = [CleanLine::plain(text.as_str(), 1, 0), next.clone()];
                if indented_yaml(&text) {
                    assert!(!is_blank(&lines[0]), "{text:?}");
                    assert!(yaml_continues(&text, false), "{text:?}");
                    assert!(!version_output::starts(&lines, 0), "{text:?}");
                }
            }
        }
    }
    assert!(indented_yaml("    name: x"));
    assert!(!indented_yaml("name: x"));
}

#[test]
fn plain_key_lines_continue_a_block() {
    let pieces = [
        "",
        " ",
        "\t",
        "a",
        "Z",
        "0",
        "_",
        "-",
        ".",
        "/",
        ":",
        "@",
        "$",
        "#",
        "é",
        "node",
        "talosctl",
        "WARNING",
        "NODE",
        "user@host",
        "```",
        "- ",
    ];
    let mut plain = 0;
    for a in pieces {
        for b in pieces {
            for c in pieces {
                for d in pieces {
                    let text = format!("{a}{b}{c}{d}");
                    if plain_key_line(&text) {
                        plain += 1;
                        for after_blank in [false, true] {
                            assert!(yaml_continues_in_general(&text, after_blank), "{text:?}");
                        }
                    }
                }
            }
        }
    }
    assert!(plain > 500, "{plain}");
    for yes in [
        "node: 10.0.0.1",
        "metadata:",
        "spec:",
        "a/b.c-d_e:\tx",
        "talosctl: x",
    ] {
        assert!(plain_key_line(yes), "{yes:?}");
    }
    for no in [
        "Node: x",
        "node:x",
        "node",
        " node: x",
        "- node: x",
        "no de: x",
        "nodé: x",
        "NODE NAMESPACE",
    ] {
        assert!(!plain_key_line(no), "{no:?}");
    }
}

#[test]
fn fences() {
    let f = fence_open("  ```yaml title=x").unwrap();
    assert_eq!(
        (f.marker, f.len, f.indent, f.lang.as_str()),
        ('`', 3, 2, "yaml")
    );
    assert!(fence_open("```inline```").is_none());
    assert_eq!(fence_open("~~~~").unwrap().lang, "");
    assert!(fence_closes("  ````", &f));
    assert!(!fence_closes("```yaml", &f));
}

#[test]
fn yaml_blocks() {
    let l = lines("machine:\n  install:\n\n    image: x\n---\nkind: X\n\nThat was it.\n");
    assert!(yaml_starts(&l, 0));
    assert_eq!(yaml_end(&l, 0), 6);
    let l = lines("---\n\nSome prose.");
    assert!(!yaml_starts(&l, 0));
    assert!(!yaml_starts(&lines("Note: it broke"), 0));
    assert!(yaml_starts(&lines("- op: remove"), 0));
}

fn read(text: &str) -> Sink {
    crate::read::read_all(&[crate::Input::text("t", text)])
}

fn formats(sink: &Sink) -> Vec<(Format, [u32; 2])> {
    sink.inputs[0]
        .fragments
        .iter()
        .map(|f| (f.format, f.lines))
        .collect()
}

const SCHEMATIC: &str = "customization:\n  systemExtensions:\n    officialExtensions:\n      - siderolabs/iscsi-tools\n      - siderolabs/util-linux-tools\n";

#[test]
fn yaml_followed_by_a_tools_message_is_read_and_the_message_skipped() {
    let text = format!("{SCHEMATIC}\n- invalid value \"siderolabs/util-linux-tool\"\n  * more\n");
    let plain = [(Format::Schematic, [1, 5]), (Format::Prose, [7, 8])];
    // In a fence, the fence lines are prose too.
    let fenced = [
        (Format::Prose, [1, 1]),
        (Format::Schematic, [2, 6]),
        (Format::Prose, [8, 10]),
    ];
    for (text, expected) in [
        (text.clone(), &plain[..]),
        (format!("```yaml\n{text}```\n"), &fenced[..]),
    ] {
        let sink = read(&text);
        assert_eq!(sink.errors, [], "{text}");
        assert_eq!(sink.observations.schematics.len(), 1, "{text}");
        assert_eq!(formats(&sink), expected, "{text}");
    }
    // More YAML after the message is read as YAML again.
    let text = format!("{SCHEMATIC}\n  * invalid\n\nmachine:\n  install:\n    disk: /dev/sda\n");
    assert_eq!(
        formats(&read(&text)),
        [
            (Format::Schematic, [1, 5]),
            (Format::Prose, [7, 7]),
            (Format::ConfigPatch, [9, 11])
        ]
    );
}

#[test]
fn the_lines_read_again_are_at_most_the_inputs() {
    // Each rest holds the next failure: without a budget every rest would be read again, the whole text over
    // and over. The first rest takes nearly all the budget; the next failure stays an error.
    let text = "a: 1\n\n- b: 1\n\n".repeat(500);
    let sink = read(&text);
    assert_eq!(sink.errors.len(), 1, "{:?}", sink.errors);
    assert_eq!(sink.errors[0].line, 5);
}

#[test]
fn json_blocks() {
    let l = lines("{\n  \"a\": \"}{\",\n  \"b\": [1]\n}\n{\n}\nprose");
    assert!(json_starts(&l[0].text));
    assert_eq!(json_end(&l, 0), Some(6));
    let l = lines("[ ] todo");
    assert_eq!(json_end(&l, 0), None);
    let l = lines("{\n}\n[ ] todo");
    assert_eq!(json_end(&l, 0), Some(2));
    let l = lines("{\n  \"a\": 1\n\nprose");
    assert_eq!(json_end(&l, 0), Some(2));
    // Values separated by a blank line are one stream; an escaped quote does not end a string; an unclosed value
    // ends at a command line.
    let l = lines("{\n}\n\n{\n}\n");
    assert_eq!(json_end(&l, 0), Some(5));
    let l = lines("{\n  \"a\": \"say \\\"}\\\"\",\n  \"b\": 1\n}\n");
    assert_eq!(json_end(&l, 0), Some(4));
    let l = lines("{\n  \"a\": [1,\n$ talosctl version\n");
    assert_eq!(json_end(&l, 0), Some(2));
    // So does it at a fence, and a value closed on its line is one value whatever it holds.
    for fence in ["```", "~~~"] {
        let text = format!("{{\n  \"a\": [1,\n{fence}\n");
        assert_eq!(json_end(&lines(&text), 0), Some(2), "{fence}");
    }
    let l = lines("{\"a\": [1], \"b\": 2}\nprose");
    assert_eq!(json_end(&l, 0), Some(1));
}

/// One `Key: words` line is a sentence, read for what it mentions, whatever the case of its key (`note:` looks like
/// YAML to the block finder); two such lines, or a flow value, are YAML.
#[test]
fn one_key_line_of_words_is_prose() {
    for key in ["Note", "note"] {
        let sink = read(&format!(
            "{key}: upgraded with ghcr.io/siderolabs/installer:v1.9.2 yesterday\n"
        ));
        assert_eq!(
            formats(&sink),
            [(Format::InstallerReference, [1, 1])],
            "{key}"
        );
        assert_eq!(sink.observations.installers.len(), 1, "{key}");
    }
    assert_eq!(formats(&read("a: b c\n")), [(Format::Prose, [1, 1])]);
    assert_eq!(
        formats(&read("a: b c\nd: e f\n")),
        [(Format::OtherDocument, [1, 2])]
    );
    assert_eq!(
        formats(&read("extensions: [iscsi-tools, gvisor]\n")),
        [(Format::OtherDocument, [1, 1])]
    );
}

/// A YAML block the readers could not read still has its lines accounted for (up to its last non-blank line
/// before the prose after it), beside the error.
#[test]
fn an_unreadable_block_is_another_document() {
    let sink = read("key: [unclosed\n\nThis is: prose text.\n");
    assert_eq!(
        formats(&sink),
        [(Format::OtherDocument, [1, 1]), (Format::Prose, [3, 3])]
    );
    assert_eq!(sink.errors.len(), 1);
    assert_eq!(sink.errors[0].line, 1);
}

/// Lines read again after a block stops before prose are counted against the input's length: a rest that fits
/// what is left is read again; one line more and it stays an error in the block.
#[test]
fn the_reread_budget_is_exact_at_its_edge() {
    // Six lines: the first rest is four (`- b: 1` on), leaving two; the next rest (`c: 1`, `d: 1`) is two.
    let sink = read("a: 1\n\n- b: 1\n\nc: 1\nd: 1\n");
    assert_eq!(sink.errors, []);
    assert_eq!(
        formats(&sink),
        [
            (Format::OtherDocument, [1, 1]),
            (Format::OtherDocument, [3, 3]),
            (Format::OtherDocument, [5, 6])
        ]
    );
    // Seven lines: five, leaving two; the next rest is three.
    let sink = read("a: 1\n\n- b: 1\n\nc: 1\nd: 1\ne: 1\n");
    assert_eq!(sink.errors.len(), 1);
    assert_eq!(sink.errors[0].line, 5);
}

const STATUS_OF_10_0_0_2: &str = "node: 10.0.0.2\nmetadata:\n    namespace: runtime\n    type: ExtensionStatuses.runtime.talos.dev\n    id: 0\nspec:\n    image: 0.sqsh\n    metadata:\n        name: iscsi-tools\n        version: v0.1.6\n";

fn empty_nodes(sink: &Sink) -> Vec<Option<&str>> {
    sink.observations
        .empty_states
        .iter()
        .map(|e| e.node.as_deref())
        .collect()
}

/// A `get extensions` for two nodes whose output shows one: the other runs none, also with a line of prose
/// between command and output, and also in a ```yaml fence whose first line is a root prompt (`# talosctl`).
#[test]
fn a_target_missing_from_the_output_is_empty() {
    for text in [
        format!("$ talosctl -n 10.0.0.2,10.0.0.3 get extensions -o yaml\nOutput:\n{STATUS_OF_10_0_0_2}"),
        format!("```yaml\n# talosctl -n 10.0.0.2,10.0.0.3 get extensions -o yaml\n{STATUS_OF_10_0_0_2}```\n"),
    ] {
        let sink = read(&text);
        assert_eq!(empty_nodes(&sink), [Some("10.0.0.3")], "{text}");
        assert_eq!(sink.observations.extensions.len(), 1, "{text}");
    }
}

/// A table command followed by another document (a config) says nothing of its nodes: a table prints at least
/// its header, so that document is not the output.
#[test]
fn a_document_after_a_table_command_is_not_its_output() {
    let sink = read(
        "$ talosctl -n 10.0.0.2,10.0.0.3 get extensions\nmachine:\n  install:\n    disk: /dev/sda\n",
    );
    assert_eq!(
        formats(&sink),
        [(Format::Prose, [1, 1]), (Format::ConfigPatch, [2, 4])]
    );
    assert_eq!(empty_nodes(&sink), [] as [Option<&str>; 0]);
}

/// An `-o yaml` command followed right away by another document (a config) printed nothing: its node runs no
/// extensions. A line of prose between them may stand for the output left out, so then nothing is said.
#[test]
fn a_document_right_after_a_yaml_command_shows_it_printed_nothing() {
    let config = "machine:\n  install:\n    disk: /dev/sda\n";
    let command = "$ talosctl -n 10.0.0.2 get extensions -o yaml\n";
    let sink = read(&format!("{command}{config}"));
    assert_eq!(empty_nodes(&sink), [Some("10.0.0.2")]);
    let sink = read(&format!("{command}(output left out)\n{config}"));
    assert_eq!(empty_nodes(&sink), [] as [Option<&str>; 0]);
}

/// A ```json fence is read as JSON: a stray closing brace is an error on its line, not prose passed over in silence
/// (outside a fence, a line whose value closes before more text is prose).
#[test]
fn a_json_fence_with_a_stray_brace_is_an_error_on_its_line() {
    let sink = read("```json\n{\"a\": [1, 2]}}\n```\n");
    assert_eq!(
        formats(&sink),
        [
            (Format::Prose, [1, 1]),
            (Format::OtherDocument, [2, 2]),
            (Format::Prose, [3, 3])
        ]
    );
    assert_eq!(sink.errors.len(), 1, "{:?}", sink.errors);
    assert_eq!(
        (sink.errors[0].line, sink.errors[0].message.as_str()),
        (2, "invalid JSON: expected value")
    );
}

/// `talosctl version` output ends with its entries (indented `Key: value` lines with a short key): a config right
/// after it is read as a config (its extension seen), and an indented sentence holding a colon, or a `: x` line,
/// after it is prose.
#[test]
fn version_output_ends_with_its_entries() {
    let version = "Client:\n\tTag: v1.9.2\nServer:\n\tNODE: 10.0.0.2\n\tTag: v1.9.2\n";
    let sink = read(&format!(
        "{version}machine:\n  install:\n    extensions:\n      - image: ghcr.io/siderolabs/iscsi-tools:v0.1.4\n"
    ));
    assert_eq!(
        formats(&sink),
        [
            (Format::TalosctlVersion, [1, 5]),
            (Format::ConfigPatch, [6, 9])
        ]
    );
    assert_eq!(sink.observations.extensions.len(), 1);
    for after in ["  Note that this node was upgraded: yesterday", "\t: x"] {
        let sink = read(&format!("{version}{after}\n"));
        assert_eq!(
            formats(&sink),
            [(Format::TalosctlVersion, [1, 5]), (Format::Prose, [6, 6])],
            "{after}"
        );
    }
}

/// Empty documents (`---` with nothing after it) say nothing and add no fragment.
#[test]
fn empty_documents_add_nothing() {
    let sink = read(&format!("---\n{STATUS_OF_10_0_0_2}---\n---\n"));
    assert_eq!(formats(&sink), [(Format::TalosctlYaml, [2, 11])]);
    assert_eq!(sink.errors, []);
}

/// A command whose last line ends in a continuation with nothing after it is read as it is.
#[test]
fn a_continuation_at_the_end_of_the_text() {
    let sink =
        read("$ talosctl upgrade -n 10.0.0.2 --image ghcr.io/siderolabs/installer:v1.9.2 \\");
    assert_eq!(formats(&sink), [(Format::TalosctlUpgrade, [1, 1])]);
    assert_eq!(sink.observations.installers.len(), 1);
}

/// A reference in prose before an inline `talosctl upgrade` command is a mention of its own; the one inside the
/// command is the upgrade's, counted once.
#[test]
fn a_mention_before_an_inline_upgrade_command_is_kept() {
    let sink = read(
        "Upgrade from ghcr.io/siderolabs/installer:v1.9.1 with `talosctl upgrade -n a -i ghcr.io/siderolabs/installer:v1.9.2` now\n",
    );
    let images: Vec<String> = sink
        .observations
        .installers
        .iter()
        .map(|i| i.image.as_ref().map(|r| r.to_string()).unwrap_or_default())
        .collect();
    assert_eq!(
        images,
        [
            "ghcr.io/siderolabs/installer:v1.9.2",
            "ghcr.io/siderolabs/installer:v1.9.1"
        ]
    );
}

const PATCH: &str = "machine:\n  install:\n    disk: /dev/sda\n";

/// Indents every non-blank line of `text` by `spaces`.
fn indented(text: &str, spaces: usize) -> String {
    text.lines()
        .map(|l| match l {
            "" => "\n".to_string(),
            l => format!("{:spaces$}{l}\n", ""),
        })
        .collect()
}

/// A Markdown indented code block (four spaces or more, at the start or after a blank line, as a GitHub issue's
/// source or a mail quotes it) is read as what it holds, up to the first line indented less; a block indented
/// deeper after it is one of its own.
#[test]
fn an_indented_code_block_is_read_as_what_it_holds() {
    let cases = [
        (indented(PATCH, 4), vec![(Format::ConfigPatch, [1, 3])]),
        (
            format!("Patch:\n\n{}\nThat is all.\n", indented(PATCH, 4)),
            vec![
                (Format::Prose, [1, 1]),
                (Format::ConfigPatch, [3, 5]),
                (Format::Prose, [7, 7]),
            ],
        ),
        (
            format!(
                "{}That is all.\n\n{}",
                indented(PATCH, 4),
                indented(SCHEMATIC, 8)
            ),
            vec![
                (Format::ConfigPatch, [1, 3]),
                (Format::Prose, [4, 4]),
                (Format::Schematic, [6, 10]),
            ],
        ),
    ];
    for (text, expected) in cases {
        let sink = read(&text);
        assert_eq!(sink.errors, [], "{text}");
        assert_eq!(formats(&sink), expected, "{text}");
    }
}

/// A quoted key (`"machine":`, `'machine':`, even `"":`) starts a YAML line; a quote that is not closed does not.
#[test]
fn quoted_keys_are_keys_only_when_closed() {
    for yes in [
        "\"machine\": x",
        "'machine': x",
        "\"\": x",
        "- \"op\": remove",
    ] {
        assert!(key_line(yes, true).is_some(), "{yes:?}");
    }
    // Outside Talos's own lowercase keys, a key may also start with a capital, a digit or `_`, never with `-`.
    for yes in ["_x: 1", "Tag: v1.9.2", "0x: 1"] {
        assert!(key_line(yes, false).is_some(), "{yes:?}");
    }
    for no in [
        "-x: 1",
        "*x: 1",
        "machine\": x",
        "\"machine: x",
        "'machine: x",
        "machine': x",
        "Don't: x",
    ] {
        assert_eq!(key_line(no, false), None, "{no:?}");
    }
    let sink = read("\"machine\":\n  \"install\":\n    \"disk\": /dev/sda\n");
    assert_eq!(formats(&sink), [(Format::ConfigPatch, [1, 3])]);
}

/// A document indented as a whole (quoted in a mail or a chat, pasted from a list item) is read as it would be
/// at column 0, at any indent, at the start, after a blank line or right after a line of prose: before, one
/// indented by fewer than four spaces, or right after a line such as `Output:`, was skipped as prose, and its
/// extensions went unseen.
#[test]
fn an_indented_document_is_read_at_any_indent() {
    for spaces in 1..=5 {
        for (head, first) in [("", 1), ("Output:\n", 2), ("Output:\n\n", 3)] {
            let text = format!("{head}{}", indented(STATUS_OF_10_0_0_2, spaces));
            let sink = read(&text);
            let mut expected = vec![(Format::TalosctlYaml, [first, first + 9])];
            if first > 1 {
                expected.insert(0, (Format::Prose, [1, 1]));
            }
            assert_eq!(formats(&sink), expected, "{text}");
            assert_eq!(sink.observations.extensions.len(), 1, "{text}");
            let patch = read(&format!("{head}{}", indented(PATCH, spaces)));
            assert_eq!(patch.observations.configs.len(), 1, "{text}");
        }
    }
}

/// An indented document of one line is read too: before a line indented less, and at the end of the text.
#[test]
fn an_indented_document_of_one_line_is_read() {
    let sink = read("Output:\n  extensions: [iscsi-tools]\nDone.\n");
    assert_eq!(
        formats(&sink),
        [
            (Format::Prose, [1, 1]),
            (Format::OtherDocument, [2, 2]),
            (Format::Prose, [3, 3])
        ]
    );
    let sink = read("Output:\n  {\"a\": 1}\n");
    assert_eq!(
        formats(&sink),
        [(Format::Prose, [1, 1]), (Format::OtherDocument, [2, 2])]
    );
}

/// A YAML block goes on over a comment and over sequence items at column 0 (`- item`, a bare `-`), and stops at a
/// talosctl warning line, which is prose however much it looks like a key.
#[test]
fn a_yaml_block_goes_on_over_comments_and_items_and_stops_at_a_warning() {
    let sink =
        read("machine:\n  install:\n    disk: /dev/sda\n# the node's own\ncluster:\n  name: x\n");
    assert_eq!(formats(&sink), [(Format::MachineConfig, [1, 6])]);
    let sink = read("items:\n- a\n- b\n-\n  - c\n");
    assert_eq!(formats(&sink), [(Format::OtherDocument, [1, 5])]);
    let text = format!(
        "{STATUS_OF_10_0_0_2}WARNING: 10.0.0.3: server version 1.8.3 is older than client version 1.9.2\n"
    );
    let sink = read(&text);
    assert_eq!(
        formats(&sink),
        [(Format::TalosctlYaml, [1, 10]), (Format::Prose, [11, 11])]
    );
}

/// What a user sees of a reading: each node's extensions with their versions, the nodes shown running none, and
/// each node's Talos version.
fn seen(sink: &Sink) -> [Vec<String>; 3] {
    let o = &sink.observations;
    let extensions = o
        .extensions
        .iter()
        .map(|e| format!("{:?} {} {:?}", e.node, e.name, e.version))
        .collect();
    let versions = o
        .talos_versions
        .iter()
        .map(|v| format!("{:?} {}", v.node, v.version))
        .collect();
    let empty = empty_nodes(sink).iter().map(|n| format!("{n:?}")).collect();
    [extensions, empty, versions]
}

/// Every kind of output a ticket quotes is read indented as a whole, at any indent, also right after a line of
/// prose, as it is at column 0: `-o json` (which starts with a bracket, never a key), a table, a command with its
/// output (a target it names and the output lacks runs no extensions), and `talosctl version`.
#[test]
fn every_kind_of_output_is_read_indented_as_at_column_0() {
    let json = "{\n    \"metadata\": {\"namespace\": \"runtime\", \"type\": \"ExtensionStatuses.runtime.talos.dev\", \"id\": \"0\"},\n    \"node\": \"10.0.0.2\",\n    \"spec\": {\"image\": \"0.sqsh\", \"metadata\": {\"name\": \"iscsi-tools\", \"version\": \"v0.1.6\"}}\n}\n";
    let table = "NODE       NAMESPACE   TYPE              ID   VERSION   NAME          VERSION\n10.0.0.2   runtime     ExtensionStatus   0    1         iscsi-tools   v0.1.6\n10.0.0.2   runtime     ExtensionStatus   1    1         iscsi-tools   v0.1.1\n";
    let command =
        format!("$ talosctl -n 10.0.0.2,10.0.0.3 get extensions -o yaml\n{STATUS_OF_10_0_0_2}");
    let version =
        "Client:\n\tTag:         v1.9.2\nServer:\n\tNODE:        10.0.0.2\n\tTag:         v1.9.1\n";
    for document in [json, table, &command, version] {
        let expected = seen(&read(document));
        assert!(
            !expected[0].is_empty() || !expected[2].is_empty(),
            "{document}"
        );
        for spaces in 1..=5 {
            for head in ["", "Output:\n", "Output:\n\n"] {
                let text = format!("{head}{}", indented(document, spaces));
                let sink = read(&text);
                assert_eq!(sink.errors, [], "{text}");
                assert_eq!(seen(&sink), expected, "{text}");
            }
        }
    }
}

/// An empty table quoted with an indent shows its node without extensions at the header's words, not at the indent.
#[test]
fn an_indented_empty_table_points_at_its_header() {
    for spaces in 1..=5 {
        let text = format!(
            "Output:\n{}",
            indented(
                "$ talosctl -n 10.0.0.2 get extensions\nNODE   NAMESPACE   TYPE   ID   VERSION   NAME   VERSION\n",
                spaces
            )
        );
        let sink = read(&text);
        let at: Vec<_> = sink
            .observations
            .empty_states
            .iter()
            .map(|e| (e.node.as_deref(), e.span.line, e.span.column))
            .collect();
        assert_eq!(at, [(Some("10.0.0.2"), 3, spaces as u32 + 1)], "{text}");
    }
}

/// `jq -c` writes each resource of `talosctl get extensions -o json` on one line; such a value, with objects inside
/// it, is read as JSON, while a line whose first value closes before more text is prose, also when the line ends in
/// a bracket (`[ ] upgraded 10.0.0.2 [v1.9.2]`, a checklist's line): no JSON error.
#[test]
fn one_line_json_values_with_nested_objects_are_read() {
    let status = |version: &str| {
        format!("{{\"metadata\":{{\"namespace\":\"runtime\",\"type\":\"ExtensionStatuses.runtime.talos.dev\",\"id\":\"0\"}},\"node\":\"10.0.0.2\",\"spec\":{{\"image\":\"0.sqsh\",\"metadata\":{{\"name\":\"iscsi-tools\",\"version\":\"{version}\"}}}}}}\n")
    };
    let text = format!("Output:\n{}{}", status("v0.1.6"), status("v0.1.1"));
    let sink = read(&text);
    assert_eq!(
        formats(&sink),
        [(Format::Prose, [1, 1]), (Format::TalosctlJson, [2, 3])]
    );
    let versions: Vec<_> = sink
        .observations
        .extensions
        .iter()
        .map(|e| e.version.as_deref())
        .collect();
    assert_eq!(versions, [Some("v0.1.6"), Some("v0.1.1")]);
    for prose in ["[ ] upgraded 10.0.0.2 [v1.9.2]", "{ } and { }"] {
        let sink = read(&format!("{prose}\n"));
        assert_eq!(sink.errors, [], "{prose}");
        assert_eq!(formats(&sink), [(Format::Prose, [1, 1])], "{prose}");
    }
}

/// YAML's document markers hold a stream together: `...` (a document's end) and `---` followed by a list.
#[test]
fn document_markers_continue_and_start_yaml() {
    let sink = read("machine:\n  install:\n    disk: /dev/sda\n...\n---\ncluster:\n  name: x\n");
    assert_eq!(formats(&sink), [(Format::ConfigPatch, [1, 7])]);
    assert_eq!(sink.observations.configs.len(), 2);
    let sink = read("---\n- a\n- b\n");
    assert_eq!(formats(&sink), [(Format::OtherDocument, [2, 3])]);
}

/// A fence indented as a list item's is (a closing one whose opening line was not pasted) ends a YAML block, as it
/// does at column 0: it is no YAML error.
#[test]
fn an_indented_fence_ends_yaml() {
    for fence in ["```", "~~~"] {
        let text = format!("machine:\n  install:\n    disk: /dev/sda\n  {fence}\n");
        let sink = read(&text);
        assert_eq!(sink.errors, [], "{text}");
        assert_eq!(
            formats(&sink),
            [(Format::ConfigPatch, [1, 3]), (Format::Prose, [4, 4])],
            "{text}"
        );
    }
}
