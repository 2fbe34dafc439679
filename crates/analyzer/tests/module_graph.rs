//! No import cycle among a crate's top-level modules: the check of `/work/shared/tools/module_cycles.py`, in the test
//! command. A module is the first path segment under `src` (`rules/index.rs` is `rules`); `lib.rs` and `main.rs`
//! are the root, not a module. Its edges are the `crate::x` paths of its production code: `tests.rs` files, `tests/`
//! folders and whatever follows a file's first `#[cfg(test)]` are skipped, as are `//` comments.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// The module graph of the crate whose sources are under `src`.
fn graph(src: &Path) -> Graph {
    let mut edges = Graph::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() {
                if name != "tests" {
                    stack.push(path);
                }
                continue;
            }
            if !name.ends_with(".rs") || name == "tests.rs" {
                continue;
            }
            let relative = path.strip_prefix(src).expect("under src");
            let first = relative
                .components()
                .next()
                .and_then(|c| c.as_os_str().to_str())
                .unwrap_or("");
            let module = first.strip_suffix(".rs").unwrap_or(first);
            if module == "lib" || module == "main" {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a source file");
            add_edges(&mut edges, module, &text);
        }
    }
    edges
}

/// The edges of one file of `module`.
fn add_edges(edges: &mut Graph, module: &str, text: &str) {
    let production = text.split("#[cfg(test)]").next().unwrap_or("");
    let code: String = production
        .lines()
        .map(|line| line.find("//").map_or(line, |at| &line[..at]))
        .collect::<Vec<_>>()
        .join("\n");
    let mut add = |target: &str| {
        if !target.is_empty() && target != module {
            edges
                .entry(module.to_string())
                .or_default()
                .insert(target.to_string());
        }
    };
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `use crate::{a, b::c}`: every first segment.
            let group = group.split('}').next().unwrap_or("");
            for item in group.split(',') {
                add(&word(item.trim_start()));
            }
        } else {
            add(&word(rest));
        }
    }
}

/// The identifier `text` starts with.
fn word(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The strongly connected components of more than one module (Tarjan), each sorted, in a stable order.
fn cycles(edges: &Graph) -> Vec<Vec<String>> {
    struct Tarjan<'a> {
        edges: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        out: Vec<Vec<String>>,
    }
    impl<'a> Tarjan<'a> {
        fn visit(&mut self, v: &'a str) {
            let i = self.index.len();
            self.index.insert(v, i);
            self.low.insert(v, i);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.edges.get(v).into_iter().flatten() {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.on_stack.contains(w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    component.push(w.to_string());
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.out.push(component);
                }
            }
        }
    }
    let mut t = Tarjan {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in edges.keys() {
        if !t.index.contains_key(v.as_str()) {
            t.visit(v);
        }
    }
    t.out.sort();
    t.out
}

fn assert_no_cycle(src: &Path) {
    let edges = graph(src);
    assert!(
        edges.len() > 1,
        "{}: no module graph read (wrong path?)",
        src.display()
    );
    let found = cycles(&edges);
    assert!(
        found.is_empty(),
        "import cycles among the modules of {}: {}",
        src.display(),
        found
            .iter()
            .map(|c| c.join(" <-> "))
            .collect::<Vec<_>>()
            .join("; ")
    );
}

#[test]
fn the_analyzer_has_no_module_cycle() {
    assert_no_cycle(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
}

#[test]
fn the_web_app_has_no_module_cycle() {
    assert_no_cycle(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web/src"));
}

/// A made-up source tree: (path under `src`, text).
fn tree(files: &[(&str, &str)]) -> tempdir::Dir {
    let dir = tempdir::Dir::new();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("a directory");
        std::fs::write(path, text).expect("a file");
    }
    dir
}

/// A temporary directory removed on drop (no dependency for so little).
mod tempdir {
    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicUsize, Ordering};

    pub struct Dir(PathBuf);

    impl Dir {
        pub fn new() -> Dir {
            static NEXT: AtomicUsize = AtomicUsize::new(0);
            let path = std::env::temp_dir().join(format!(
                "module-graph-{}-{}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::Relaxed)
            ));
            std::fs::create_dir_all(&path).expect("a temporary directory");
            Dir(path)
        }

        pub fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

#[test]
fn a_cycle_through_a_folder_module_is_found() {
    let dir = tree(&[
        ("lib.rs", "pub mod a; pub mod b; use crate::a::X;"),
        ("a.rs", "use crate::b::Y;"),
        ("b/mod.rs", "mod inner;"),
        ("b/inner.rs", "fn f() { crate::a::g() }"),
    ]);
    assert_eq!(cycles(&graph(dir.path())), vec![vec!["a", "b"]]);
}

#[test]
fn a_braced_use_makes_an_edge_to_each_module() {
    let dir = tree(&[
        ("a.rs", "use crate::{b::X, c};"),
        ("b.rs", ""),
        ("c.rs", "use crate::{\n    a,\n};"),
    ]);
    let edges = graph(dir.path());
    assert_eq!(
        edges
            .get("a")
            .map(|s| s.iter().cloned().collect::<Vec<_>>()),
        Some(vec!["b".to_string(), "c".to_string()])
    );
    assert_eq!(cycles(&edges), vec![vec!["a", "c"]]);
}

#[test]
fn three_modules_in_a_ring_are_one_cycle_and_a_tail_is_not_in_it() {
    let dir = tree(&[
        ("a.rs", "use crate::b::X;"),
        ("b.rs", "use crate::c::X;"),
        ("c.rs", "use crate::a::X;"),
        ("d.rs", "use crate::a::X;"),
    ]);
    assert_eq!(cycles(&graph(dir.path())), vec![vec!["a", "b", "c"]]);
}

#[test]
fn tests_comments_and_the_root_make_no_edge() {
    let dir = tree(&[
        ("lib.rs", "use crate::a::X; use crate::b::Y;"),
        (
            "a.rs",
            "// crate::b is only named here\nfn f() {}\n#[cfg(test)]\nmod tests { use crate::b::Y; }",
        ),
        ("a/tests.rs", "use crate::b::Y;"),
        ("a/tests/more.rs", "use crate::b::Y;"),
        ("b.rs", "use crate::a::X;"),
    ]);
    let edges = graph(dir.path());
    assert!(!edges.contains_key("a"), "{edges:?}");
    assert!(!edges.contains_key("lib"), "{edges:?}");
    assert!(cycles(&edges).is_empty());
}

#[test]
fn a_module_naming_itself_is_no_cycle() {
    let dir = tree(&[("a/mod.rs", "use crate::a::x::Y;"), ("a/x.rs", "")]);
    assert!(cycles(&graph(dir.path())).is_empty());
}
