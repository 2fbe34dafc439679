//! The mutants cargo-mutants is told to skip (`exclude_re` in `.cargo/mutants.toml`) are equivalent mutants: changes
//! no test can notice because they change no behaviour. The list must not grow quietly, or the share of caught
//! mutants in docs/trust.md stops meaning anything: every entry names one mutation (never a whole file or function)
//! and has its reason on a `# why:` line directly above it, and the number of entries is stated here, so that adding
//! one is a visible change to this file as well.

use std::path::Path;

/// How many equivalent mutants `.cargo/mutants.toml` excludes. Raise it only together with an entry and its reason.
const EXCLUDED: usize = 56;

struct Entry {
    line: usize,
    regex: String,
    why: Option<String>,
}

/// The entries of the `exclude_re = [ ... ]` array, each with the `# why:` comment right above it, if any.
fn exclusions(config: &str) -> Result<Vec<Entry>, String> {
    let mut lines = config
        .lines()
        .enumerate()
        .skip_while(|(_, l)| !l.trim_start().starts_with("exclude_re"));
    let (start, first) = lines
        .next()
        .ok_or("no `exclude_re = [` in .cargo/mutants.toml")?;
    if !first.trim_end().ends_with('[') {
        return Err(format!(
            "line {}: expected `exclude_re = [` with one entry per line below it",
            start + 1
        ));
    }
    let mut entries = Vec::new();
    let mut why: Option<String> = None;
    for (index, line) in lines {
        let line = line.trim();
        if line == "]" {
            return Ok(entries);
        }
        if let Some(reason) = line.strip_prefix("# why:") {
            why = Some(reason.trim().to_owned());
        } else if line.is_empty() {
            // A reason belongs to the entry right below it.
            why = None;
        } else if !line.starts_with('#') {
            let regex = line
                .strip_suffix(',')
                .unwrap_or(line)
                .strip_prefix('\'')
                .and_then(|rest| rest.strip_suffix('\''))
                .ok_or_else(|| {
                    format!(
                        "line {}: expected a regex in single quotes (a TOML literal string) followed by a comma",
                        index + 1
                    )
                })?;
            entries.push(Entry {
                line: index + 1,
                regex: regex.to_owned(),
                why: why.take(),
            });
        }
    }
    Err(format!(
        "line {}: `exclude_re = [` is never closed with `]`",
        start + 1
    ))
}

/// Does the regex name one mutation (`replace ... with ...`, `delete ...`) rather than a file or a function?
fn names_one_mutation(regex: &str) -> bool {
    (regex.contains("replace ") && regex.contains(" with ")) || regex.contains("delete ")
}

fn check(config: &str, expected: usize) -> Vec<String> {
    let entries = match exclusions(config) {
        Ok(entries) => entries,
        Err(error) => return vec![error],
    };
    let mut problems = Vec::new();
    for entry in &entries {
        match &entry.why {
            Some(reason) if reason.len() >= 20 => {}
            _ => problems.push(format!(
                "line {}: `{}` has no `# why:` line above it saying why no test can catch it",
                entry.line, entry.regex
            )),
        }
        if !names_one_mutation(&entry.regex) {
            problems.push(format!(
                "line {}: `{}` does not name one mutation (`replace … with …` or `delete …`)",
                entry.line, entry.regex
            ));
        }
    }
    if entries.len() != expected {
        problems.push(format!(
            "{} exclusions, {} expected: state the reason beside each new entry and update EXCLUDED",
            entries.len(),
            expected
        ));
    }
    problems
}

#[test]
fn every_excluded_mutant_is_one_mutation_with_its_reason() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.cargo/mutants.toml");
    let config = std::fs::read_to_string(&path).expect("read .cargo/mutants.toml");
    let problems = check(&config, EXCLUDED);
    assert!(
        problems.is_empty(),
        "{}:\n{}",
        path.display(),
        problems.join("\n")
    );
}

#[test]
fn the_check_refuses_what_it_should() {
    let reason = "# why: the two branches build the same string";
    let good =
        format!("exclude_re = [\n  {reason}\n  'text.rs:.*: replace < with <= in block_end',\n]\n");
    assert!(check(&good, 1).is_empty(), "{:?}", check(&good, 1));
    // One more entry than stated.
    assert_eq!(check(&good, 0).len(), 1);
    // No reason.
    let bare = "exclude_re = [\n  'text.rs:.*: replace < with <= in block_end',\n]\n";
    assert!(check(bare, 1)[0].contains("no `# why:`"));
    // A reason separated from its entry by a blank line does not count.
    let detached = format!("exclude_re = [\n  {reason}\n\n  'text.rs:.*: delete ! in f',\n]\n");
    assert!(check(&detached, 1)[0].contains("no `# why:`"));
    // A whole file.
    let file = format!("exclude_re = [\n  {reason}\n  'crates/analyzer/src/text.rs',\n]\n");
    assert!(check(&file, 1)[0].contains("does not name one mutation"));
    // Not closed.
    assert!(check("exclude_re = [\n", 0)[0].contains("never closed"));
}
