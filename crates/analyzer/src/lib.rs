//! The Talos extension analyzer: reads what a Talos user pastes (talosctl output, machine configs, patches, Image
//! Factory schematics, support bundles) and finds duplicate or conflicting system extensions, with fixes.
//!
//! Data flows one way: input text → fragments ([`read`]) → [`observation`]s → [`rules`] → [`report::Finding`]s
//! with fixes. This crate knows nothing of the DOM or the terminal; the web app and the CLI render its [`Report`].
//!
//! Front ends use the root: [`analyze`], [`analyze_with_catalog`], the report types ([`Report`], [`Finding`], [`Fix`],
//! …, and what reading produces: [`Format`], [`InputError`]), rule lookup ([`all_rules`], [`find_rule`],
//! [`RuleInfo`]), [`MAX_INPUT_BYTES`], [`is_pseudo`], and the renderers in [`render`]. The modules stay public for
//! the CLI, the web app, the fuzz targets and the tests; the hidden ones are internals.

pub mod catalog;
pub mod fix;
pub mod image_ref;
pub mod input;
pub mod model;
pub mod observation;
pub mod read;
pub mod render;
pub mod report;
pub mod rule_id;
pub mod rules;
pub mod schematic;
#[doc(hidden)]
pub mod sort;
pub mod span;
#[doc(hidden)]
pub mod text;
#[doc(hidden)]
pub mod tree;
pub mod version;
pub mod words;
#[doc(hidden)]
pub mod yaml;

mod assemble;
mod groups;
mod hash;

// The curated API: what the CLI and the web app need, at the crate root.
pub use input::{Input, InputContent, Options};
pub use model::{Format, Fragment, InputError, InputSummary};
pub use observation::is_pseudo;
pub use read::MAX_INPUT_BYTES;
pub use render::Counts;
pub use report::{
    ExtensionReport, Finding, Fix, FixKind, NodeReport, Report, RuleId, Safety, SchematicReport,
    Severity, REPORT_VERSION,
};
pub use rules::{all as all_rules, find as find_rule, RuleInfo};
pub use span::Span;

/// Analyses all inputs together (they describe one cluster) and returns the report.
pub fn analyze(inputs: &[Input], options: &Options) -> Report {
    analyze_with_catalog(inputs, options, catalog::Catalog::embedded())
}

/// [`analyze`] judged against another catalog than the embedded one: a catalog about to be embedded
/// ([`catalog::Catalog::decode`] of [`catalog::encode`]'s text), checked before it is. The rules judge versions,
/// names and digests by it; the schematic IDs the report can name (one per official extension alone) stay the
/// embedded catalog's.
pub fn analyze_with_catalog(
    inputs: &[Input],
    options: &Options,
    catalog: &'static catalog::Catalog,
) -> Report {
    let sink = read::read_all(inputs);
    let mut context = rules::Context::new(&sink.observations, options);
    context.catalog = catalog;
    let findings = rules::run(&context);
    let talos_version = context.talos_version;
    let known = context.known_schematics;
    assemble::report(sink, talos_version, findings, &known)
}
