//! The report as the analysis worker hands it to the page: a compact binary form of [`Report`], written by
//! [`encode`] in the worker and read back by [`decode`] on the page (the same wasm module on both sides, so the
//! layout below needs no versioning beyond its magic bytes).
//!
//! Why not JSON: the page read the worker's JSON (23 MB for 10,000 nodes) into a `serde_json::Value` and from it,
//! which held the page's only thread for 0.5–1 s when the report arrived. This form is about a tenth of the size,
//! and reading it is a walk over the bytes with one allocation per string. The JSON report (`docs/report-format.md`)
//! is still what the exports give: this form never leaves the page.
//!
//! Layout: the magic `TXR1`, then the report's fields in declaration order. Numbers are unsigned LEB128; a string
//! is its byte length and its UTF-8 bytes; an option is `0`, or `1` and the value; a list is its length and its
//! items; an enum is its variant's number (the tables below); a rule is its id, as a string. Anything malformed
//! (truncated, a bad number, an unknown variant or rule id, invalid UTF-8, bytes left over) reads as `None`, never
//! as a panic, and a list's length is checked against the bytes left before anything is allocated for it.

use talos_ext_analyzer::observation::{Origin, SchematicOrigin};
use talos_ext_analyzer::report::{
    ExtensionReport, Finding, Fix, FixKind, Format, Fragment, InputError, InputSummary, NodeReport,
    Safety, SchematicReport, Severity,
};
use talos_ext_analyzer::Span;
use talos_ext_analyzer::{find_rule, Report};

use crate::codec::{Reader, Writer};

const MAGIC: &[u8; 4] = b"TXR1";

/// The report in the binary form.
pub fn encode(report: &Report) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(4096));
    w.0.extend_from_slice(MAGIC);
    w.uint(u64::from(report.report_version));
    w.list(&report.inputs, |w, i| {
        w.str(&i.name);
        w.list(&i.fragments, |w, f| {
            w.uint(format_number(f.format));
            w.uint(u64::from(f.lines[0]));
            w.uint(u64::from(f.lines[1]));
        });
    });
    w.opt_str(report.talos_version.as_deref());
    w.list(&report.nodes, |w, n| {
        w.opt_str(n.node.as_deref());
        w.opt_str(n.talos_version.as_deref());
        w.opt_str(n.running_schematic.as_deref());
        w.opt_str(n.kernel_version.as_deref());
        w.uint(u64::from(n.shows_state));
        w.list(&n.extensions, |w, e| {
            w.str(&e.name);
            w.opt_str(e.version.as_deref());
            w.opt_str(e.image.as_deref());
            w.opt_str(e.id.as_deref());
            w.uint(origin_number(e.origin));
            put_span(w, &e.span);
            w.list(&e.spans, put_span);
        });
    });
    w.list(&report.schematics, |w, s| {
        w.str(&s.id);
        w.list(&s.official_extensions, |w, x| w.str(x));
        w.uint(schematic_origin_number(s.origin));
        w.opt_str(s.node.as_deref());
        put_span(w, &s.span);
    });
    w.list(&report.findings, |w, f| {
        w.str(f.rule);
        w.uint(severity_number(f.severity));
        w.opt_str(f.node.as_deref());
        w.opt_str(f.extension.as_deref());
        w.list(&f.versions, |w, v| w.str(v));
        w.str(&f.message);
        w.list(&f.spans, put_span);
        w.list(&f.fixes, |w, x| {
            w.uint(fix_kind_number(x.kind));
            w.uint(safety_number(x.safety));
            w.str(&x.title);
            w.str(&x.content);
            w.opt_str(x.schematic_id.as_deref());
        });
    });
    w.list(&report.errors, |w, e| {
        w.uint(e.input as u64);
        w.uint(u64::from(e.line));
        w.uint(u64::from(e.column));
        w.str(&e.message);
    });
    w.0
}

/// The report in `bytes` (written by [`encode`]), or `None` when they are not one.
pub fn decode(bytes: &[u8]) -> Option<Report> {
    let mut decoder = Decoder::start(bytes.to_vec())?;
    while !decoder.nodes(usize::MAX)? {}
    decoder.finish()
}

/// [`decode`] a part at a time, for the page to read a large report across several tasks: the start and the end
/// of the report, and the nodes (most of a cluster's report) in between, as many as asked per call.
pub struct Decoder {
    bytes: Vec<u8>,
    at: usize,
    report_version: u32,
    inputs: Vec<InputSummary>,
    talos_version: Option<String>,
    nodes: Vec<NodeReport>,
    /// Nodes not read yet.
    nodes_left: usize,
}

impl Decoder {
    /// Reads the report up to its nodes; `None` when it is malformed there.
    pub fn start(bytes: Vec<u8>) -> Option<Decoder> {
        let mut r = Reader::new(&bytes);
        if r.take(MAGIC.len())? != MAGIC {
            return None;
        }
        let report_version = r.u32()?;
        let inputs = r.list(|r| {
            Some(InputSummary {
                name: r.string()?,
                fragments: r.list(|r| {
                    Some(Fragment {
                        format: format_of(r.uint()?)?,
                        lines: [r.u32()?, r.u32()?],
                    })
                })?,
            })
        })?;
        let talos_version = r.opt_string()?;
        // As `Reader::list` checks: every node takes at least one byte.
        let nodes_left = r.usize()?;
        if nodes_left > bytes.len().saturating_sub(r.at) {
            return None;
        }
        let at = r.at;
        Some(Decoder {
            nodes: Vec::with_capacity(nodes_left),
            bytes,
            at,
            report_version,
            inputs,
            talos_version,
            nodes_left,
        })
    }

    /// Reads up to `count` more nodes; `Some(true)` once every node is read, `None` when one is malformed.
    pub fn nodes(&mut self, count: usize) -> Option<bool> {
        let mut r = Reader {
            bytes: &self.bytes,
            at: self.at,
        };
        let count = count.min(self.nodes_left);
        for _ in 0..count {
            self.nodes.push(node(&mut r)?);
        }
        self.nodes_left -= count;
        self.at = r.at;
        Some(self.nodes_left == 0)
    }

    /// Reads the rest of the report (after its nodes, which must all be read); `None` when it is malformed.
    pub fn finish(self) -> Option<Report> {
        if self.nodes_left > 0 {
            return None;
        }
        let mut r = Reader {
            bytes: &self.bytes,
            at: self.at,
        };
        let report = Report {
            report_version: self.report_version,
            inputs: self.inputs,
            talos_version: self.talos_version,
            nodes: self.nodes,
            schematics: r.list(|r| {
                Some(SchematicReport {
                    id: r.string()?,
                    official_extensions: r.list(Reader::string)?,
                    origin: schematic_origin_of(r.uint()?)?,
                    node: r.opt_string()?,
                    span: span(r)?,
                })
            })?,
            findings: r.list(|r| {
                Some(Finding {
                    rule: find_rule(r.str()?)?.id,
                    severity: severity_of(r.uint()?)?,
                    node: r.opt_string()?,
                    extension: r.opt_string()?,
                    versions: r.list(Reader::string)?,
                    message: r.string()?,
                    spans: r.list(span)?,
                    fixes: r.list(|r| {
                        Some(Fix {
                            kind: fix_kind_of(r.uint()?)?,
                            safety: safety_of(r.uint()?)?,
                            title: r.string()?,
                            content: r.string()?,
                            schematic_id: r.opt_string()?,
                        })
                    })?,
                })
            })?,
            errors: r.list(|r| {
                Some(InputError {
                    input: r.usize()?,
                    line: r.u32()?,
                    column: r.u32()?,
                    message: r.string()?,
                })
            })?,
        };
        r.is_done().then_some(report)
    }
}

fn node(r: &mut Reader<'_>) -> Option<NodeReport> {
    Some(NodeReport {
        node: r.opt_string()?,
        talos_version: r.opt_string()?,
        running_schematic: r.opt_string()?,
        kernel_version: r.opt_string()?,
        shows_state: match r.uint()? {
            0 => false,
            1 => true,
            _ => return None,
        },
        extensions: r.list(|r| {
            Some(ExtensionReport {
                name: r.string()?,
                version: r.opt_string()?,
                image: r.opt_string()?,
                id: r.opt_string()?,
                origin: origin_of(r.uint()?)?,
                span: span(r)?,
                spans: r.list(span)?,
            })
        })?,
    })
}

fn put_span(w: &mut Writer, s: &Span) {
    w.uint(s.input as u64);
    for n in [s.line, s.column, s.end_line, s.end_column] {
        w.uint(u64::from(n));
    }
}

fn span(r: &mut Reader<'_>) -> Option<Span> {
    Some(Span {
        input: r.usize()?,
        line: r.u32()?,
        column: r.u32()?,
        end_line: r.u32()?,
        end_column: r.u32()?,
    })
}

/// An enum's wire numbers: the encoder's `match` is exhaustive, so a new variant does not compile until it has
/// a number here, and the decoder knows exactly the numbers the encoder writes.
macro_rules! numbered {
    ($number:ident, $of:ident, $ty:ident { $($variant:ident = $n:literal),+ $(,)? }) => {
        fn $number(x: $ty) -> u64 {
            match x {
                $($ty::$variant => $n,)+
            }
        }

        fn $of(n: u64) -> Option<$ty> {
            match n {
                $($n => Some($ty::$variant),)+
                _ => None,
            }
        }
    };
}

numbered!(format_number, format_of, Format {
    TalosctlTable = 0,
    TalosctlYaml = 1,
    TalosctlJson = 2,
    ExtensionsYaml = 3,
    MachineConfig = 4,
    ConfigPatch = 5,
    JsonPatch = 6,
    ConfigDocument = 7,
    Schematic = 8,
    Talhelper = 9,
    OmniTemplate = 10,
    TalosctlVersion = 11,
    TalosctlUpgrade = 12,
    InstallerReference = 13,
    SupportBundle = 14,
    OtherDocument = 15,
    Prose = 16,
    TalosctlError = 17,
});
numbered!(origin_number, origin_of, Origin {
    Installed = 0,
    Configured = 1,
    Schematic = 2,
});
numbered!(schematic_origin_number, schematic_origin_of, SchematicOrigin {
    Computed = 0,
    Running = 1,
    Installer = 2,
});
numbered!(severity_number, severity_of, Severity {
    Info = 0,
    Warning = 1,
    Error = 2,
});
numbered!(fix_kind_number, fix_kind_of, FixKind {
    ConfigPatch = 0,
    Schematic = 1,
    Command = 2,
    Note = 3,
});
numbered!(safety_number, safety_of, Safety {
    Safe = 0,
    Unsafe = 1,
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_reports::reports;

    #[test]
    fn every_report_reads_back_equal() {
        let reports = reports();
        assert!(reports.len() > 20, "{} reports", reports.len());
        let mut with = [0usize; 5];
        for report in reports {
            with[0] += usize::from(!report.findings.is_empty());
            with[1] += usize::from(report.findings.iter().any(|f| !f.fixes.is_empty()));
            with[2] += usize::from(!report.schematics.is_empty());
            with[3] += usize::from(!report.errors.is_empty());
            with[4] += usize::from(report.nodes.iter().any(|n| !n.extensions.is_empty()));
            assert_eq!(decode(&encode(&report)).as_ref(), Some(&report));
        }
        assert!(
            with.iter().all(|&n| n > 0),
            "every part is exercised: {with:?}"
        );
    }

    #[test]
    fn reading_the_nodes_a_few_at_a_time_gives_the_same_report() {
        for report in reports().into_iter().filter(|r| r.nodes.len() > 2) {
            let bytes = encode(&report);
            for per_call in [1, 2, 3] {
                let mut decoder = Decoder::start(bytes.clone()).expect("a report");
                let mut calls = 1;
                while !decoder.nodes(per_call).expect("nodes") {
                    calls += 1;
                }
                assert_eq!(calls, report.nodes.len().div_ceil(per_call).max(1));
                assert_eq!(decoder.finish().as_ref(), Some(&report));
            }
            // Finishing before every node is read is refused.
            let mut early = Decoder::start(bytes.clone()).expect("a report");
            assert_eq!(early.nodes(1), Some(false));
            assert_eq!(early.finish(), None);
        }
    }

    #[test]
    fn every_variant_reads_back() {
        for n in 0..20 {
            assert_eq!(format_of(n).map(format_number), (n < 18).then_some(n));
        }
        for n in 0..5 {
            assert_eq!(origin_of(n).map(origin_number), (n < 3).then_some(n));
            assert_eq!(
                schematic_origin_of(n).map(schematic_origin_number),
                (n < 3).then_some(n)
            );
            assert_eq!(severity_of(n).map(severity_number), (n < 3).then_some(n));
            assert_eq!(fix_kind_of(n).map(fix_kind_number), (n < 4).then_some(n));
            assert_eq!(safety_of(n).map(safety_number), (n < 2).then_some(n));
        }
    }

    /// Every truncation, and every single byte changed, reads as `None` or as some report, never as a panic; a
    /// truncation or a byte added is always refused.
    #[test]
    fn damaged_bytes_are_refused_without_panicking() {
        let report = reports()
            .into_iter()
            .find(|r| !r.findings.is_empty() && !r.nodes.is_empty())
            .unwrap_or_else(Report::empty);
        let good = encode(&report);
        for end in 0..good.len() {
            assert_eq!(decode(&good[..end]), None, "cut at {end}");
        }
        let mut longer = good.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None);
        for at in 0..good.len() {
            for b in [0x00, 0x01, 0x7f, 0x80, 0xff] {
                let mut bad = good.clone();
                bad[at] = b;
                let _ = decode(&bad);
            }
        }
        assert_eq!(decode(b""), None);
        assert_eq!(decode(b"{\"report_version\":1}"), None);
    }

    #[test]
    fn an_unknown_rule_or_variant_spoils_the_report() {
        let report = reports()
            .into_iter()
            .find(|r| r.findings.iter().any(|f| !f.fixes.is_empty()))
            .unwrap_or_else(Report::empty);
        let rule = report.findings.first().map(|f| f.rule).unwrap_or_default();
        let good = encode(&report);
        let at = good
            .windows(rule.len())
            .position(|w| w == rule.as_bytes())
            .unwrap_or_default();
        let mut bad = good.clone();
        bad[at] = b'#';
        assert_eq!(decode(&bad), None, "rule {rule} renamed");
        // The first finding's severity follows its rule id.
        let mut bad = good;
        bad[at + rule.len()] = 7;
        assert_eq!(decode(&bad), None, "severity 7");
    }

    #[test]
    fn a_huge_list_length_is_refused_before_allocating() {
        let mut w = Writer(MAGIC.to_vec());
        w.uint(1);
        w.uint(u64::MAX >> 8); // the inputs' count
        assert_eq!(decode(&w.0), None);
    }
}
