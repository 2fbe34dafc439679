use super::scan::{indented_yaml, plain_key_line, yaml_continues, yaml_continues_in_general};
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
}
