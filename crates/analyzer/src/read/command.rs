//! Shell prompts and the talosctl command lines behind them: which nodes a command names (`-n`/`--nodes`), which
//! subcommand it runs, and the image an upgrade installs (`-i`/`--image`).

/// Commands that make `# ` or `% ` a prompt rather than a YAML comment or a Markdown heading.
const COMMANDS: &[&str] = &[
    "talosctl",
    "kubectl",
    "cat",
    "talhelper",
    "omnictl",
    "curl",
    "sudo",
    "crane",
    "docker",
    "helm",
    "jq",
    "yq",
    "grep",
    "echo",
    "ssh",
    "wget",
    "less",
    "ls",
    "export",
    "age",
    "unzip",
    "tar",
    "cd",
];

/// Commands recognised at the start of a line even without a prompt.
const BARE_COMMANDS: &[&str] = &["talosctl", "talhelper", "omnictl"];

/// The byte index where the command starts when the line begins with a shell prompt (`$ `, `❯ `, `# talosctl`,
/// `PS> `, `PS C:\> `, `user@host:~$ `), or with a bare `talosctl …`.
pub fn command_start(text: &str) -> Option<usize> {
    let lead = text.len() - text.trim_start().len();
    let t = &text[lead..];
    if let Some(word) = plain_first_word(t) {
        return is_command(word, BARE_COMMANDS).then_some(lead);
    }
    prompted_start(text, lead)
}

/// [`command_start`] for a line that may start with a prompt (`t` is the line after its `lead` bytes of whitespace).
fn prompted_start(text: &str, lead: usize) -> Option<usize> {
    let t = &text[lead..];
    let after = |prefix: &str| t.strip_prefix(prefix).map(|rest| text.len() - rest.len());
    if t == "$" || t == "❯" {
        return Some(text.len());
    }
    if let Some(i) = after("$ ")
        .or_else(|| after("❯ "))
        .or_else(|| after("PS> "))
    {
        return Some(i);
    }
    for p in ["# ", "% "] {
        if let Some(i) = after(p) {
            return starts_with_command(&text[i..], COMMANDS).then_some(i);
        }
    }
    if let Some(rest) = t.strip_prefix("PS ") {
        // `PS C:\Users\me> talosctl …`
        if let Some(gt) = rest
            .find("> ")
            .filter(|&g| g < 260 && !rest[..g].contains('>'))
        {
            return Some(text.len() - rest.len() + gt + 2);
        }
    }
    if let Some(i) = user_host_prompt(t) {
        return Some(lead + i);
    }
    if starts_with_command(t, BARE_COMMANDS) {
        return Some(lead);
    }
    None
}

/// The first word of `t` (which starts with no whitespace) when the line plainly has no prompt, so that only a bare
/// command can start it: `t` starts with an ASCII letter or digit other than `P` (no `$ `, `❯ `, `# `, `% `, `PS`
/// or `[` prompt), and its first word is ASCII without `@` (no `user@host$ ` prompt) and ends at a space or the end
/// of the line (so it is also the first word `split_whitespace` and `split(' ')` see). Asked of every key line of a
/// YAML block (`key: value`), where the general checks, each searching the line again, showed in profiles.
fn plain_first_word(t: &str) -> Option<&str> {
    let bytes = t.as_bytes();
    let first = *bytes.first()?;
    if !first.is_ascii_alphanumeric() || first == b'P' {
        return None;
    }
    let end = bytes
        .iter()
        .position(|&b| !b.is_ascii_graphic())
        .unwrap_or(bytes.len());
    let word = &bytes[..end];
    let plain = matches!(bytes.get(end), None | Some(b' ')) && !word.contains(&b'@');
    plain.then(|| t.get(..end)).flatten()
}

/// `user@host:~/dir$ `, `root@host:/# `, `[user@host dir]$ `: the byte index after the prompt.
fn user_host_prompt(t: &str) -> Option<usize> {
    if let Some(inner) = t.strip_prefix('[') {
        let close = inner.find(']')?;
        let rest = &inner[close + 1..];
        let ok =
            (rest.starts_with("$ ") || rest.starts_with("# ")) && user_host_body(&inner[..close]);
        return ok.then_some(close + 4);
    }
    let head = t.split(' ').next()?;
    let body = head.strip_suffix(['$', '#'])?;
    (user_host_body(body) && t.len() > head.len()).then_some(head.len() + 1)
}

fn user_host_body(body: &str) -> bool {
    let Some((user, host)) = body.split_once('@') else {
        return false;
    };
    let host = host.split([':', ' ']).next().unwrap_or("");
    let word = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    word(user) && word(host)
}

fn starts_with_command(text: &str, commands: &[&str]) -> bool {
    is_command(text.split_whitespace().next().unwrap_or(""), commands)
}

/// Is this word one of `commands`, after any directory and a `.exe`?
fn is_command(word: &str, commands: &[&str]) -> bool {
    let first = word.rsplit('/').next().unwrap_or(word);
    let first = first.strip_suffix(".exe").unwrap_or(first);
    commands.contains(&first)
}

/// What a talosctl command line says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Talosctl {
    /// Every node named with `-n`/`--nodes` (comma-separated or repeated).
    pub nodes: Vec<String>,
    /// The first word that is not a flag (`get`, `upgrade`, `version`).
    pub subcommand: Option<String>,
    /// The value of `-i`/`--image` (upgrade).
    pub image: Option<String>,
    /// Every endpoint named with `-e`/`--endpoints`.
    pub endpoints: Vec<String>,
    /// The value of `-o`/`--output` (`yaml`, `json`, `table`).
    pub output: Option<String>,
    /// The second word that is not a flag: the resource of `get` (`extensions`).
    pub resource: Option<String>,
    /// An upgrade that names its installer by parts (`--schematic`, `--talos-version`, `--factory`, `--platform`,
    /// `--secure-boot`): a newer talosctl then builds it from those and the node's own schematic, so an upgrade
    /// without `--image` is not one onto the plain installer.
    pub builds_installer: bool,
}

impl Talosctl {
    /// The one node this command targets (see [`Talosctl::targets`]), if exactly one.
    pub fn single_node(&self) -> Option<&str> {
        match self.targets() {
            [one] => Some(one),
            _ => None,
        }
    }

    /// Is this `talosctl get extensions` (under any of the resource's names)?
    pub fn gets_extensions(&self) -> bool {
        self.subcommand.as_deref() == Some("get")
            && self.resource.as_deref().is_some_and(|r| {
                let r = r.to_ascii_lowercase();
                r == "extensions" || r.starts_with("extensionstatus")
            })
    }

    /// Does its output print nothing at all for a node without extensions (`-o yaml`, `-o json`), rather than a
    /// table's header?
    pub fn prints_nothing_when_empty(&self) -> bool {
        self.output
            .as_deref()
            .is_some_and(|o| matches!(o, "yaml" | "json" | "jsonpath"))
    }

    /// The nodes the command asks: those of `-n`, else the one endpoint (talosctl then asks the endpoint itself).
    pub fn targets(&self) -> &[String] {
        match (self.nodes.as_slice(), self.endpoints.as_slice()) {
            ([], [endpoint]) => core::slice::from_ref(endpoint),
            (nodes, _) => nodes,
        }
    }
}

/// Flags of talosctl that take a value (so that the value is not taken for the subcommand or the resource).
const VALUE_FLAGS: &[&str] = &[
    "-e",
    "--endpoints",
    "--talosconfig",
    "--context",
    "-o",
    "--output",
    "--cluster",
    "-f",
    "--file",
    "-p",
    "--patch",
    "--reboot-mode",
    "--timeout",
    "--namespace",
    "--siderov1-keys-dir",
];

/// Flags with which a newer `talosctl upgrade` builds the installer itself (from the node's own schematic, platform
/// and factory, for each part not given) instead of taking `--image`.
const INSTALLER_PART_FLAGS: &[&str] = &[
    "--factory",
    "--schematic",
    "--talos-version",
    "--platform",
    "--secure-boot",
];

/// Reads a command (the text after the prompt) as a talosctl invocation; `None` when it runs something else.
pub fn parse_talosctl(command: &str) -> Option<Talosctl> {
    let split = shell_words(command);
    let mut words = split.iter().map(String::as_str).peekable();
    // `sudo`, `VAR=value` and paths before the binary.
    let mut found = false;
    for w in words.by_ref() {
        let base = w.rsplit(['/', '\\']).next().unwrap_or(w);
        let base = base.strip_suffix(".exe").unwrap_or(base);
        if base == "talosctl" {
            found = true;
            break;
        }
        if w == "sudo" || (w.contains('=') && !w.starts_with('-')) {
            continue;
        }
        return None;
    }
    if !found {
        return None;
    }
    let mut out = Talosctl::default();
    let split_list = |list: &mut Vec<String>, value: &str| {
        list.extend(
            value
                .split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string),
        );
    };
    let add_nodes = |out: &mut Talosctl, value: &str| split_list(&mut out.nodes, value);
    while let Some(w) = words.next() {
        if matches!(w, "|" | ";" | "&&" | "||" | ">" | ">>" | "2>&1") || w.starts_with('|') {
            break;
        }
        if !w.starts_with('-') || w == "-" {
            if out.subcommand.is_none() {
                out.subcommand = Some(w.to_string());
            } else if out.resource.is_none() {
                out.resource = Some(w.to_string());
            }
            continue;
        }
        let (flag, inline) = match w.split_once('=') {
            Some((f, v)) => (f, Some(v)),
            None => (w, None),
        };
        // A short flag means what its subcommand defines. In `upgrade`, `-i` is `--image`, and `-p`, `-s` and `-f`
        // are the booleans `--preserve`, `--stage` and `--force`: as value flags they would swallow the next one
        // (`upgrade -p -i <installer>` would lose its image), while no value of an upgrade's flags could be taken
        // for a word that matters (its subcommand is read). Elsewhere (`get`, `apply-config`, `version`) `-i` is the
        // boolean `--insecure`, and the node after it (`get extensions -i -n <node>`) must stay read; before the
        // subcommand, `-i` may be an upgrade's (`talosctl -i <installer> upgrade`).
        let upgrading = out.subcommand.as_deref() == Some("upgrade");
        let names_image = upgrading || out.subcommand.is_none();
        out.builds_installer |= INSTALLER_PART_FLAGS.contains(&flag);
        match flag {
            "-n" | "--nodes" => {
                if let Some(v) = inline.or_else(|| words.next()) {
                    add_nodes(&mut out, v);
                }
            }
            "-i" | "--image" if names_image => {
                out.image = inline.or_else(|| words.next()).map(str::to_string)
            }
            "-e" | "--endpoints" => {
                if let Some(v) = inline.or_else(|| words.next()) {
                    split_list(&mut out.endpoints, v);
                }
            }
            "-o" | "--output" => out.output = inline.or_else(|| words.next()).map(str::to_string),
            // A value flag's value is the next word unless it came glued with `=` (no other arm takes these).
            f if VALUE_FLAGS.contains(&f) && inline.is_none() && !upgrading => {
                words.next();
            }
            // A value glued to a short flag (`-n10.0.0.2`); `-n` and `-i` alone took the arms above.
            f if f.starts_with("-n") && !f.starts_with("--") => add_nodes(&mut out, &f[2..]),
            f if names_image && f.starts_with("-i") && !f.starts_with("--") => {
                out.image = Some(f[2..].to_string())
            }
            _ => {}
        }
    }
    Some(out)
}

/// Splits a command line into words as a shell would: whitespace separates, quotes (`'…'`, `"…"`) group, a
/// backslash escapes the next character. Backticks of Markdown inline code are dropped.
fn shell_words(command: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut chars = command.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') => word.extend(chars.next()),
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (None, '\\') => {
                // POSIX escapes; a Windows path (`C:\tools\talosctl.exe`) keeps its backslashes.
                match chars.peek() {
                    Some(&n) if n.is_whitespace() || matches!(n, '"' | '\'' | '\\' | '$' | '`') => {
                        word.push(n);
                        chars.next();
                    }
                    _ => word.push('\\'),
                }
                in_word = true;
            }
            (None, '`') => {}
            (None, c) if c.is_whitespace() => {
                if in_word {
                    out.push(core::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        out.push(word);
    }
    out
}

/// Does a command line continue on the next line (a trailing `\`, or PowerShell's trailing backtick)?
pub fn continues(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with(" \\") || t == "\\" || t.ends_with(" `")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut for lines without a prompt agrees with the general checks.
    #[test]
    fn plain_lines_take_the_shortcut_equally() {
        let pieces = [
            "",
            " ",
            "\t",
            "\u{a0}",
            "a",
            "P",
            "S",
            "1",
            "@",
            "$",
            "#",
            "%",
            ">",
            "[",
            "]",
            ":",
            "/",
            ".exe",
            "❯",
            "talosctl",
            "omnictl",
            "talhelper",
            "user@host:~$",
            "-n",
            "é",
        ];
        let mut shortcuts = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in pieces {
                        let text = format!("{a}{b}{c}{d}");
                        let lead = text.len() - text.trim_start().len();
                        if plain_first_word(&text[lead..]).is_some() {
                            shortcuts += 1;
                            assert_eq!(
                                command_start(&text),
                                prompted_start(&text, lead),
                                "{text:?}"
                            );
                        }
                    }
                }
            }
        }
        assert!(shortcuts > 10_000, "{shortcuts}");
        assert_eq!(cmd("talosctl get x"), Some("talosctl get x"));
        assert_eq!(
            cmd("/usr/bin/talosctl.exe x"),
            Some("/usr/bin/talosctl.exe x")
        );
        assert_eq!(plain_first_word("node: 10.0.0.1"), Some("node:"));
    }

    fn cmd(text: &str) -> Option<&str> {
        command_start(text).map(|i| &text[i..])
    }

    #[test]
    fn prompts() {
        assert_eq!(
            cmd("$ talosctl get extensions"),
            Some("talosctl get extensions")
        );
        assert_eq!(cmd("❯ talosctl version"), Some("talosctl version"));
        assert_eq!(cmd("# talosctl -n 1 get ex"), Some("talosctl -n 1 get ex"));
        assert_eq!(cmd("# sudo cat /etc/x"), Some("sudo cat /etc/x"));
        assert_eq!(cmd("# source: somewhere"), None);
        assert_eq!(cmd("# Heading"), None);
        assert_eq!(cmd("PS> talosctl version"), Some("talosctl version"));
        assert_eq!(
            cmd("PS C:\\Users\\me> talosctl version"),
            Some("talosctl version")
        );
        assert_eq!(
            cmd("root@cp1:~# talosctl version"),
            Some("talosctl version")
        );
        assert_eq!(
            cmd("me@laptop:~/talos$ kubectl get nodes"),
            Some("kubectl get nodes")
        );
        assert_eq!(
            cmd("[me@laptop talos]$ talosctl version"),
            Some("talosctl version")
        );
        assert_eq!(
            cmd("talosctl get extensions"),
            Some("talosctl get extensions")
        );
        assert_eq!(cmd("$"), Some(""));
        assert_eq!(cmd("machine:"), None);
        assert_eq!(cmd("email me@host.com today"), None);
    }

    #[test]
    fn talosctl_flags() {
        let t = parse_talosctl("talosctl -n 172.20.0.2 get extensions 001.x -o yaml").unwrap();
        assert_eq!(t.nodes, ["172.20.0.2"]);
        assert_eq!(t.subcommand.as_deref(), Some("get"));
        let t = parse_talosctl("sudo talosctl --nodes a,b get extensions").unwrap();
        assert_eq!(t.nodes, ["a", "b"]);
        assert_eq!(t.single_node(), None);
        let t = parse_talosctl(
            "talosctl upgrade --nodes=10.0.0.2 --image \"ghcr.io/siderolabs/installer:v1.9.2\"",
        )
        .unwrap();
        assert_eq!(t.subcommand.as_deref(), Some("upgrade"));
        assert_eq!(t.single_node(), Some("10.0.0.2"));
        assert_eq!(
            t.image.as_deref(),
            Some("ghcr.io/siderolabs/installer:v1.9.2")
        );
        let t = parse_talosctl("./talosctl -e 1.1.1.1 upgrade -n x -i img:v1 | tee log").unwrap();
        assert_eq!(
            (t.nodes.as_slice(), t.image.as_deref()),
            (&["x".to_string()][..], Some("img:v1"))
        );
        assert_eq!(parse_talosctl("kubectl get nodes"), None);
        let t = parse_talosctl("C:\\bin\\talosctl.exe -n x version").unwrap();
        assert_eq!(t.single_node(), Some("x"));
        let t = parse_talosctl("talosctl -e 10.0.0.9 get extensionstatuses -o=json").unwrap();
        assert!(t.gets_extensions() && t.prints_nothing_when_empty());
        assert_eq!(t.targets(), ["10.0.0.9"]);
        let t = parse_talosctl("talosctl -e a,b -n c,d get ExtensionStatus").unwrap();
        assert!(t.gets_extensions() && !t.prints_nothing_when_empty());
        assert_eq!(t.targets(), ["c", "d"]);
        let t = parse_talosctl("talosctl -e a,b get extensions -o table").unwrap();
        assert_eq!(t.targets(), [] as [&str; 0]);
        assert!(!parse_talosctl("talosctl get members")
            .unwrap()
            .gets_extensions());
        let t = parse_talosctl("talosctl upgrade -n 'a b' --image \"x y\" --x=\\\"").unwrap();
        assert_eq!(
            (t.nodes.as_slice(), t.image.as_deref()),
            (&["a b".to_string()][..], Some("x y"))
        );
    }

    /// Flags that take a value keep it from being read as the subcommand (given apart or after `=`); other flags
    /// take none; values glued to `-n` and `-i` are read.
    #[test]
    fn flag_values_apart_glued_and_inline() {
        let t = parse_talosctl(
            "talosctl --talosconfig ./tc --context=prod get extensions --insecure --nodes 10.0.0.2",
        )
        .unwrap();
        assert_eq!(
            (t.subcommand.as_deref(), t.resource.as_deref()),
            (Some("get"), Some("extensions"))
        );
        assert_eq!(t.nodes, ["10.0.0.2"]);
        let t = parse_talosctl(
            "talosctl upgrade -n10.0.0.2,10.0.0.3 -ighcr.io/siderolabs/installer:v1.9.2 --preserve",
        )
        .unwrap();
        assert_eq!(t.nodes, ["10.0.0.2", "10.0.0.3"]);
        assert_eq!(
            t.image.as_deref(),
            Some("ghcr.io/siderolabs/installer:v1.9.2")
        );
        // A short flag that takes no value (`-s`, upgrade's `--stage`) leaves the image as it was given.
        let t = parse_talosctl(
            "talosctl upgrade -n 10.0.0.2 --image ghcr.io/siderolabs/installer:v1.9.2 -s",
        )
        .unwrap();
        assert_eq!(
            t.image.as_deref(),
            Some("ghcr.io/siderolabs/installer:v1.9.2")
        );
        let t = parse_talosctl("talosctl -n=10.0.0.2 -e=10.0.0.9 get extensions -o=yaml").unwrap();
        assert_eq!(
            (
                t.nodes.as_slice(),
                t.endpoints.as_slice(),
                t.output.as_deref()
            ),
            (
                &["10.0.0.2".to_string()][..],
                &["10.0.0.9".to_string()][..],
                Some("yaml")
            )
        );
    }

    /// A short flag is read as its subcommand defines it: `upgrade`'s `-p`, `-s` and `-f` take no value (so its
    /// image after them stays read, and after `-m powercycle` too); `-i` is the image only in `upgrade` and before
    /// the subcommand (in `get`, `apply-config` and `version` it is `--insecure`, and the node after it stays
    /// read); `get`'s `-o`, `apply-config`'s `-f` and `patch`'s `-p` take a value.
    #[test]
    fn short_flags_as_their_subcommand_defines_them() {
        let image = "factory.talos.dev/installer/c9078f9419961640c712a8bf2bb9174933dfcf1da383fd8ea2b7dc21493f8bac:v1.9.3";
        for booleans in ["-p", "-s", "-f", "-p -s -f", "-m powercycle -p"] {
            let t = parse_talosctl(&format!(
                "talosctl upgrade -n 10.0.0.2 {booleans} -i {image}"
            ))
            .unwrap();
            assert_eq!(
                (t.nodes.as_slice(), t.image.as_deref()),
                (&["10.0.0.2".to_string()][..], Some(image)),
                "{booleans}"
            );
        }
        let t = parse_talosctl(&format!("talosctl -n 10.0.0.2 -i {image} upgrade")).unwrap();
        assert_eq!(t.image.as_deref(), Some(image));
        for command in [
            "talosctl get extensions -i -n 10.0.0.2",
            "talosctl get -i extensions -n 10.0.0.2",
            "talosctl apply-config -i -n 10.0.0.2 -f cp.yaml",
            "talosctl version -i -n 10.0.0.2",
        ] {
            let t = parse_talosctl(command).unwrap();
            assert_eq!(
                (t.nodes.as_slice(), t.image.as_deref()),
                (&["10.0.0.2".to_string()][..], None),
                "{command}"
            );
        }
        assert!(parse_talosctl("talosctl get -i extensions -n 10.0.0.2")
            .unwrap()
            .gets_extensions());
        let t = parse_talosctl("talosctl apply-config -f extensions -n 10.0.0.2").unwrap();
        assert_eq!(
            (t.subcommand.as_deref(), t.resource.as_deref()),
            (Some("apply-config"), None)
        );
        let t = parse_talosctl("talosctl patch -p @extensions.yaml mc").unwrap();
        assert_eq!(t.resource.as_deref(), Some("mc"));
        let t = parse_talosctl("talosctl get --namespace runtime extensions -o json").unwrap();
        assert!(t.gets_extensions() && t.prints_nothing_when_empty());
    }

    /// A newer `talosctl upgrade` builds the installer from parts (`--talos-version`, `--schematic`, …, each given
    /// apart, after `=`, or as a switch) and the node's own schematic; without them, and with `--image`, it does not.
    #[test]
    fn an_upgrade_that_builds_its_installer_from_parts() {
        for parts in [
            "--talos-version v1.14.0",
            "--schematic=c9078f9419961640c712a8bf2bb9174933dfcf1da383fd8ea2b7dc21493f8bac",
            "--schematic c9078f9419961640c712a8bf2bb9174933dfcf1da383fd8ea2b7dc21493f8bac --talos-version v1.14.0",
            "--factory factory.example.com",
            "--platform metal",
            "--secure-boot",
        ] {
            let t =
                parse_talosctl(&format!("talosctl upgrade -n 10.0.0.2 {parts} --wait")).unwrap();
            assert!(t.builds_installer, "{parts}");
            assert_eq!(t.nodes, ["10.0.0.2"], "{parts}");
        }
        assert!(
            !parse_talosctl("talosctl upgrade -n 10.0.0.2 --preserve")
                .unwrap()
                .builds_installer
        );
        let t = parse_talosctl("talosctl upgrade --talos-version v1.14.0 -n 10.0.0.2").unwrap();
        assert_eq!(t.nodes, ["10.0.0.2"]);
    }

    /// Environment assignments may come before talosctl; a command that only mentions talosctl is not talosctl,
    /// and what follows a pipe (`|grep -i iscsi`), a list operator or a redirection is not talosctl's.
    #[test]
    fn what_precedes_and_follows_the_command() {
        let t =
            parse_talosctl("TALOSCONFIG=./tc talosctl -n a get extensions |grep -i iscsi").unwrap();
        assert_eq!(
            (t.nodes.as_slice(), t.image.as_deref()),
            (&["a".to_string()][..], None)
        );
        // What follows a pipe, a list operator or a redirection is another command's: its `-n` is not a node.
        for tail in [
            "|grep -n iscsi",
            "| grep -n iscsi",
            "&& kubectl -n kube-system get pods",
            "; kubectl -n kube-system get pods",
            "> out.txt -n b",
            "2>&1 | tee -n b",
        ] {
            let t = parse_talosctl(&format!("talosctl -n a get extensions {tail}")).unwrap();
            assert_eq!(t.nodes, ["a"], "{tail}");
        }
        assert_eq!(parse_talosctl("grep talosctl notes.txt"), None);
        assert_eq!(parse_talosctl("-x talosctl get extensions"), None);
    }

    /// Outside quotes a backslash escapes whitespace, quotes, a backslash, `$` and a backtick, as a shell does.
    #[test]
    fn backslash_escapes_as_a_shell_reads_them() {
        assert_eq!(
            shell_words(r#"a\ b \"c\" \\ \$d \`e \x"#),
            ["a b", "\"c\"", "\\", "$d", "`e", "\\x"]
        );
    }

    /// A command goes on to the next line after ` \`, a lone `\`, or PowerShell's trailing backtick; not after a
    /// word's own backslash.
    #[test]
    fn continued_lines() {
        for (line, goes_on) in [
            ("talosctl upgrade \\", true),
            ("\\  ", true),
            ("talosctl upgrade `", true),
            ("C:\\tools\\", false),
            ("talosctl upgrade", false),
        ] {
            assert_eq!(continues(line), goes_on, "{line:?}");
        }
    }

    /// Prompts are told apart from text that only looks like one: PowerShell's path ends at the first `> ` within
    /// 260 bytes (Windows' longest path); `user@host` needs both; a prompt with nothing after it runs nothing.
    #[test]
    fn prompt_edges() {
        let path = |len: usize| format!("PS C:\\{}> talosctl version", "d".repeat(len - 3));
        assert_eq!(cmd(&path(259)), Some("talosctl version"));
        assert_eq!(cmd(&path(260)), None);
        assert_eq!(cmd("PS C:\\a>b> talosctl version"), None);
        assert_eq!(cmd("[note]# talosctl version"), None);
        assert_eq!(cmd("@host:~$ talosctl version"), None);
        assert_eq!(cmd("me@:~$ talosctl version"), None);
        assert_eq!(cmd("me!@host:~$ talosctl version"), None);
        assert_eq!(cmd("me@laptop:~$"), None);
    }
}
