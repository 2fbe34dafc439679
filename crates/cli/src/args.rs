//! Command-line parsing, by hand (no clap: the build stays light). Long options take their value as the next
//! argument or after `=`; `--` ends the options; `-` is a file (standard input).

use talos_ext_analyzer::version;

/// The synopsis, printed with every usage error.
pub const USAGE: &str = "\
Usage:
  talos-ext analyze [--format text|json|sarif|markdown] [--talos-version V] [--fail-on error|warning|info|never] FILE...
  talos-ext rules [--format table|markdown]
  talos-ext explain RULE
  talos-ext catalog add --release TAG --descriptions FILE [--extensions DIR] [--catalog JSON] [--replace]
  talos-ext catalog embed [--catalog JSON] [--out FILE]
  talos-ext --help | --version
";

/// `talos-ext --help`.
pub const HELP: &str = "\
talos-ext: finds duplicate or conflicting Talos Linux system extensions, drift and fixes in machine configs, config
patches, Image Factory schematics and `talosctl get extensions` output.

Usage:
  talos-ext analyze [OPTIONS] FILE...   analyse the files together, as one cluster (`-` reads standard input)
  talos-ext rules [--format table|markdown]
                                        list the rules (markdown: their full docs, as docs/rules.md)
  talos-ext explain RULE                print a rule's doc
  talos-ext catalog add ...             add a Talos release to the catalog's source (maintainers; README)
  talos-ext catalog embed ...           write the embedded catalog from its source (maintainers; README)
  talos-ext --help                      print this help
  talos-ext --version                   print the version and the newest Talos release the catalog knows

Options of `analyze`:
  -f, --format FORMAT     text (default; like a compiler), json (the report), sarif (SARIF 2.1.0, for code
                          scanning) or markdown (to paste into a ticket)
      --talos-version V   the Talos release the cluster runs (v1.9.2 or 1.9.2); wins over what the input shows
      --fail-on LEVEL     exit 1 when a finding is at least this severe: error (default), warning, info, or never;
                          input that cannot be read as its format (an input error) counts as an error
      --color WHEN        colour the text format: auto (default: when stdout is a terminal and NO_COLOR is unset),
                          always or never

Options of `catalog add` (run from the repository's root; paths default to the repository's files):
      --release TAG       the Talos release to add (v1.14.0)
      --descriptions FILE descriptions.yaml or image-digests from ghcr.io/siderolabs/extensions:TAG: the versions
                          and digests
      --extensions DIR    a checkout of siderolabs/extensions at TAG: each extension's Talos constraint (else the
                          constraint of the newest earlier release that ships it)
      --catalog JSON      the catalog's source (fixtures/official-extensions.json)
      --replace           replace TAG if the catalog has it
Options of `catalog embed`: --catalog JSON as above, --out FILE (crates/analyzer/src/catalog/catalog.txt).

A file that is valid UTF-8 is read as text; anything else (a support bundle zip, an .age file) as bytes.

Exit status: 0 when no finding reaches --fail-on, 1 when one does, 2 for unreadable input or a usage error.
";

/// What to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Analyze(AnalyzeArgs),
    Rules { format: RulesFormat },
    Explain { rule: String },
    Catalog(CatalogCommand),
    Help,
    Version,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzeArgs {
    pub format: Format,
    /// Normalised to a leading `v`.
    pub talos_version: Option<String>,
    pub fail_on: FailOn,
    pub color: Color,
    /// Paths, `-` for standard input.
    pub files: Vec<String>,
}

/// `talos-ext catalog …`: keeping the embedded catalog current.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogCommand {
    Add {
        release: String,
        descriptions: String,
        extensions: Option<String>,
        catalog: String,
        replace: bool,
    },
    Embed {
        catalog: String,
        out: String,
    },
}

/// The catalog's source, relative to the repository's root.
pub const CATALOG_SOURCE: &str = "fixtures/official-extensions.json";
/// The embedded catalog, relative to the repository's root.
pub const CATALOG_EMBEDDED: &str = "crates/analyzer/src/catalog/catalog.txt";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RulesFormat {
    Table,
    Markdown,
}

/// The least severity that makes `analyze` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// A usage error: what was wrong, in one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

/// Parses the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Command, UsageError> {
    let Some((first, rest)) = args.split_first() else {
        return Err(UsageError("no command given".into()));
    };
    match first.as_str() {
        "-h" | "--help" | "help" => Ok(Command::Help),
        "-V" | "--version" => Ok(Command::Version),
        "analyze" | "analyse" => parse_analyze(rest),
        "rules" => parse_rules(rest),
        "explain" => parse_explain(rest),
        "catalog" => parse_catalog(rest),
        other if other.starts_with('-') => Err(UsageError(format!("unknown option `{other}`"))),
        other => Err(UsageError(format!(
            "unknown command `{other}` (expected analyze, rules, explain or catalog)"
        ))),
    }
}

/// Walks options and positional arguments: `on_option(name, value_source)` handles an option.
struct Cursor<'a> {
    args: &'a [String],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn new(args: &'a [String]) -> Cursor<'a> {
        Cursor { args, at: 0 }
    }

    fn next(&mut self) -> Option<&'a str> {
        let arg = self.args.get(self.at)?;
        self.at += 1;
        Some(arg)
    }

    /// The value of option `name`: the text after `=` in `inline`, else the next argument.
    fn value(
        &mut self,
        name: &str,
        inline: Option<&'a str>,
        expected: &str,
    ) -> Result<&'a str, UsageError> {
        match inline {
            Some(value) => Ok(value),
            None => self
                .next()
                .ok_or_else(|| UsageError(format!("`{name}` needs a value ({expected})"))),
        }
    }
}

/// Splits `--name=value` into `("--name", Some("value"))`.
fn split_option(arg: &str) -> (&str, Option<&str>) {
    match arg.split_once('=') {
        Some((name, value)) if name.starts_with("--") => (name, Some(value)),
        _ => (arg, None),
    }
}

fn parse_analyze(args: &[String]) -> Result<Command, UsageError> {
    let mut parsed = AnalyzeArgs {
        format: Format::Text,
        talos_version: None,
        fail_on: FailOn::Error,
        color: Color::Auto,
        files: Vec::new(),
    };
    let mut cursor = Cursor::new(args);
    let mut options_done = false;
    while let Some(arg) = cursor.next() {
        if options_done || arg == "-" || !arg.starts_with('-') {
            parsed.files.push(arg.to_string());
            continue;
        }
        let (name, inline) = split_option(arg);
        match name {
            "--" => options_done = true,
            "-h" | "--help" => return Ok(Command::Help),
            "-f" | "--format" => {
                let expected = "text, json, sarif or markdown";
                parsed.format = match cursor.value(name, inline, expected)? {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    "sarif" => Format::Sarif,
                    "markdown" | "md" => Format::Markdown,
                    other => return Err(bad_value(name, other, expected)),
                };
            }
            "--talos-version" => {
                let value = cursor.value(name, inline, "a Talos release such as v1.9.2")?;
                parsed.talos_version = Some(talos_version(value).ok_or_else(|| {
                    UsageError(format!(
                        "`--talos-version` expects a Talos release such as v1.9.2, found `{value}`"
                    ))
                })?);
            }
            "--fail-on" => {
                let expected = "error, warning, info or never";
                parsed.fail_on = match cursor.value(name, inline, expected)? {
                    "error" => FailOn::Error,
                    "warning" => FailOn::Warning,
                    "info" => FailOn::Info,
                    "never" => FailOn::Never,
                    other => return Err(bad_value(name, other, expected)),
                };
            }
            "--color" | "--colour" => {
                let expected = "auto, always or never";
                parsed.color = match cursor.value(name, inline, expected)? {
                    "auto" => Color::Auto,
                    "always" => Color::Always,
                    "never" => Color::Never,
                    other => return Err(bad_value(name, other, expected)),
                };
            }
            _ => return Err(UsageError(format!("unknown option `{arg}` for `analyze`"))),
        }
    }
    if parsed.files.is_empty() {
        return Err(UsageError(
            "`analyze` needs at least one FILE (`-` reads standard input)".into(),
        ));
    }
    if parsed.files.iter().filter(|f| *f == "-").count() > 1 {
        return Err(UsageError(
            "standard input (`-`) can be read only once".into(),
        ));
    }
    Ok(Command::Analyze(parsed))
}

fn parse_rules(args: &[String]) -> Result<Command, UsageError> {
    let mut format = RulesFormat::Table;
    let mut cursor = Cursor::new(args);
    while let Some(arg) = cursor.next() {
        let (name, inline) = split_option(arg);
        match name {
            "-h" | "--help" => return Ok(Command::Help),
            "-f" | "--format" => {
                let expected = "table or markdown";
                format = match cursor.value(name, inline, expected)? {
                    "table" | "text" => RulesFormat::Table,
                    "markdown" | "md" => RulesFormat::Markdown,
                    other => return Err(bad_value(name, other, expected)),
                };
            }
            _ if arg.starts_with('-') => {
                return Err(UsageError(format!("unknown option `{arg}` for `rules`")))
            }
            _ => {
                return Err(UsageError(format!(
                    "`rules` takes no argument, found `{arg}`"
                )))
            }
        }
    }
    Ok(Command::Rules { format })
}

fn parse_explain(args: &[String]) -> Result<Command, UsageError> {
    match args {
        [flag] if flag == "-h" || flag == "--help" => Ok(Command::Help),
        [rule] if !rule.starts_with('-') => Ok(Command::Explain { rule: rule.clone() }),
        [] => Err(UsageError(
            "`explain` needs a RULE id (`talos-ext rules` lists them)".into(),
        )),
        [arg] => Err(UsageError(format!("unknown option `{arg}` for `explain`"))),
        _ => Err(UsageError("`explain` takes one RULE id".into())),
    }
}

fn parse_catalog(args: &[String]) -> Result<Command, UsageError> {
    let Some((action, rest)) = args.split_first() else {
        return Err(UsageError("`catalog` needs `add` or `embed`".into()));
    };
    let (mut release, mut descriptions, mut extensions) = (None, None, None);
    let mut catalog = CATALOG_SOURCE.to_string();
    let mut out = CATALOG_EMBEDDED.to_string();
    let mut replace = false;
    let adding = match action.as_str() {
        "add" => true,
        "embed" => false,
        "-h" | "--help" => return Ok(Command::Help),
        other => {
            return Err(UsageError(format!(
                "unknown `catalog` action `{other}` (expected add or embed)"
            )))
        }
    };
    let mut cursor = Cursor::new(rest);
    while let Some(arg) = cursor.next() {
        let (name, inline) = split_option(arg);
        match (name, adding) {
            ("-h" | "--help", _) => return Ok(Command::Help),
            ("--catalog", _) => catalog = cursor.value(name, inline, "a JSON file")?.to_string(),
            ("--release", true) => {
                let value = cursor.value(name, inline, "a Talos release such as v1.14.0")?;
                release = Some(talos_version(value).ok_or_else(|| {
                    UsageError(format!(
                        "`--release` expects a Talos release such as v1.14.0, found `{value}`"
                    ))
                })?);
            }
            ("--descriptions", true) => {
                descriptions = Some(cursor.value(name, inline, "a file")?.to_string());
            }
            ("--extensions", true) => {
                extensions = Some(cursor.value(name, inline, "a directory")?.to_string());
            }
            ("--replace", true) => replace = true,
            ("--out", false) => out = cursor.value(name, inline, "a file")?.to_string(),
            _ => {
                return Err(UsageError(format!(
                    "unknown argument `{arg}` for `catalog {action}`"
                )))
            }
        }
    }
    if !adding {
        return Ok(Command::Catalog(CatalogCommand::Embed { catalog, out }));
    }
    let (Some(release), Some(descriptions)) = (release, descriptions) else {
        return Err(UsageError(
            "`catalog add` needs --release TAG and --descriptions FILE".into(),
        ));
    };
    Ok(Command::Catalog(CatalogCommand::Add {
        release,
        descriptions,
        extensions,
        catalog,
        replace,
    }))
}

fn bad_value(name: &str, value: &str, expected: &str) -> UsageError {
    UsageError(format!("`{name}` expects {expected}, found `{value}`"))
}

/// A Talos release as `vX.Y.Z` (a pre-release suffix such as `-beta.0` allowed), with or without the leading `v`;
/// normalised to a leading `v`. The version module decides where it can; this check covers it while it cannot.
pub fn talos_version(text: &str) -> Option<String> {
    if let Some(normalized) = version::normalize_talos(text) {
        return Some(normalized);
    }
    let bare = text.strip_prefix('v').unwrap_or(text);
    let (core, pre) = match bare.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (bare, None),
    };
    let numbers: Vec<&str> = core.split('.').collect();
    let numeric = |s: &&str| !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit());
    if numbers.len() != 3 || !numbers.iter().all(numeric) {
        return None;
    }
    if let Some(pre) = pre {
        let part_ok = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric());
        if !pre.split('.').all(part_ok) {
            return None;
        }
    }
    Some(format!("v{bare}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(line: &str) -> Result<Command, UsageError> {
        let args: Vec<String> = line.split_whitespace().map(str::to_string).collect();
        parse(&args)
    }

    fn analyze(line: &str) -> AnalyzeArgs {
        match parse_str(line) {
            Ok(Command::Analyze(args)) => args,
            other => panic!("{line}: {other:?}"),
        }
    }

    #[test]
    fn analyze_defaults() {
        let args = analyze("analyze a.yaml -");
        assert_eq!(args.format, Format::Text);
        assert_eq!(args.fail_on, FailOn::Error);
        assert_eq!(args.color, Color::Auto);
        assert_eq!(args.talos_version, None);
        assert_eq!(args.files, ["a.yaml", "-"]);
    }

    #[test]
    fn options_take_values_after_a_space_or_an_equals_sign() {
        let args = analyze(
            "analyze --format=sarif --fail-on warning --talos-version 1.9.2 --color=never x",
        );
        assert_eq!(args.format, Format::Sarif);
        assert_eq!(args.fail_on, FailOn::Warning);
        assert_eq!(args.talos_version.as_deref(), Some("v1.9.2"));
        assert_eq!(args.color, Color::Never);
        assert_eq!(analyze("analyze -f markdown x").format, Format::Markdown);
    }

    #[test]
    fn double_dash_ends_options() {
        assert_eq!(analyze("analyze -- --format").files, ["--format"]);
    }

    #[test]
    fn usage_errors_say_what_was_wrong() {
        let error = |line: &str| match parse_str(line) {
            Err(UsageError(message)) => message,
            other => panic!("{line}: {other:?}"),
        };
        assert_eq!(error(""), "no command given");
        assert_eq!(
            error("frobnicate"),
            "unknown command `frobnicate` (expected analyze, rules, explain or catalog)"
        );
        assert_eq!(error("catalog"), "`catalog` needs `add` or `embed`");
        assert_eq!(
            error("catalog add --release v1.14.0"),
            "`catalog add` needs --release TAG and --descriptions FILE"
        );
        assert_eq!(
            error("catalog add --release 1.14 --descriptions d"),
            "`--release` expects a Talos release such as v1.14.0, found `1.14`"
        );
        assert_eq!(
            error("catalog embed --release v1.14.0"),
            "unknown argument `--release` for `catalog embed`"
        );
        assert_eq!(
            error("analyze --bogus x"),
            "unknown option `--bogus` for `analyze`"
        );
        assert_eq!(
            error("analyze --format yaml x"),
            "`--format` expects text, json, sarif or markdown, found `yaml`"
        );
        assert_eq!(
            error("analyze x --format"),
            "`--format` needs a value (text, json, sarif or markdown)"
        );
        assert_eq!(
            error("analyze --fail-on sometimes x"),
            "`--fail-on` expects error, warning, info or never, found `sometimes`"
        );
        assert_eq!(
            error("analyze"),
            "`analyze` needs at least one FILE (`-` reads standard input)"
        );
        assert_eq!(
            error("analyze - -"),
            "standard input (`-`) can be read only once"
        );
        assert_eq!(
            error("analyze --talos-version 1.9 x"),
            "`--talos-version` expects a Talos release such as v1.9.2, found `1.9`"
        );
        assert_eq!(
            error("explain"),
            "`explain` needs a RULE id (`talos-ext rules` lists them)"
        );
        assert_eq!(error("explain a b"), "`explain` takes one RULE id");
        assert_eq!(
            error("rules --format json"),
            "`--format` expects table or markdown, found `json`"
        );
        assert_eq!(
            error("rules extra"),
            "`rules` takes no argument, found `extra`"
        );
    }

    #[test]
    fn other_commands() {
        assert_eq!(parse_str("--help"), Ok(Command::Help));
        assert_eq!(parse_str("analyze --help"), Ok(Command::Help));
        assert_eq!(parse_str("--version"), Ok(Command::Version));
        assert_eq!(
            parse_str("rules"),
            Ok(Command::Rules {
                format: RulesFormat::Table
            })
        );
        assert_eq!(
            parse_str("rules --format markdown"),
            Ok(Command::Rules {
                format: RulesFormat::Markdown
            })
        );
        assert_eq!(
            parse_str("explain duplicate-extension"),
            Ok(Command::Explain {
                rule: "duplicate-extension".into()
            })
        );
    }

    #[test]
    fn catalog_commands_default_to_the_repository_s_files() {
        assert_eq!(
            parse_str(
                "catalog add --release 1.14.0 --descriptions d.yaml --extensions ext --replace"
            ),
            Ok(Command::Catalog(CatalogCommand::Add {
                release: "v1.14.0".into(),
                descriptions: "d.yaml".into(),
                extensions: Some("ext".into()),
                catalog: CATALOG_SOURCE.into(),
                replace: true,
            }))
        );
        assert_eq!(
            parse_str("catalog embed --catalog c.json --out=o.txt"),
            Ok(Command::Catalog(CatalogCommand::Embed {
                catalog: "c.json".into(),
                out: "o.txt".into(),
            }))
        );
    }

    #[test]
    fn talos_versions() {
        assert_eq!(talos_version("v1.9.2").as_deref(), Some("v1.9.2"));
        assert_eq!(talos_version("1.10.0").as_deref(), Some("v1.10.0"));
        assert_eq!(
            talos_version("v1.10.0-beta.0").as_deref(),
            Some("v1.10.0-beta.0")
        );
        for bad in [
            "",
            "v",
            "1.9",
            "v1.9.x",
            "1..2",
            "v1.9.2-",
            "v1.9.2-be ta",
            "vv1.9.2",
            "1.9.2.3",
        ] {
            assert_eq!(talos_version(bad), None, "{bad}");
        }
    }
}
