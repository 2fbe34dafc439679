//! A small builder of hand-made [`Observations`] for the rules' unit tests. Every fact gets its own line (in input 0,
//! in the order added), so spans and finding order are predictable.

use crate::image_ref::ImageRef;
use crate::input::Options;
use crate::observation::{
    ConfigKind, ConfigObservation, DocumentId, EmptyStateObservation, ExtensionObservation,
    ExtensionServiceConfigObservation, InstallerContext, InstallerObservation, KernelObservation,
    NodeErrorObservation, Observations, Origin, Role, SchematicObservation, SchematicOrigin,
    TalosVersionObservation, TalosVersionSource,
};
use crate::report::Finding;
use crate::rules::Context;
use crate::span::Span;

#[derive(Default)]
pub struct Obs {
    pub obs: Observations,
    line: u32,
    next_doc: u32,
    /// The document installed facts go to, per node.
    state_docs: Vec<(Option<String>, DocumentId)>,
}

impl Obs {
    pub fn new() -> Obs {
        Obs::default()
    }

    pub fn span(&mut self) -> Span {
        self.line += 1;
        Span::lines(0, self.line, self.line, 40)
    }

    pub fn doc(&mut self) -> DocumentId {
        self.next_doc += 1;
        DocumentId(1000 + self.next_doc)
    }

    fn state_doc(&mut self, node: Option<&str>) -> DocumentId {
        if let Some((_, d)) = self.state_docs.iter().find(|(n, _)| n.as_deref() == node) {
            return *d;
        }
        let d = self.doc();
        self.state_docs.push((node.map(Into::into), d));
        d
    }

    /// A `talosctl get extensions` row with a legacy ID (`000.ghcr.io-siderolabs-<name>-<version>`).
    pub fn installed(
        &mut self,
        node: Option<&str>,
        name: &str,
        version: &str,
    ) -> &mut ExtensionObservation {
        let n = self.obs.extensions.len();
        let id = format!("{n:03}.ghcr.io-siderolabs-{name}-{version}");
        self.installed_with_id(node, name, version, &id)
    }

    pub fn installed_with_id(
        &mut self,
        node: Option<&str>,
        name: &str,
        version: &str,
        id: &str,
    ) -> &mut ExtensionObservation {
        let span = self.span();
        let document = self.state_doc(node);
        let image = ImageRef::from_legacy_id(id, name);
        self.obs.extensions.push(ExtensionObservation {
            node: node.map(Into::into),
            name: name.into(),
            version: Some(version.into()),
            image,
            id: Some(id.into()),
            origin: Origin::Installed,
            talos_version: None,
            document,
            spans: vec![span],
        });
        let last = self.obs.extensions.len() - 1;
        &mut self.obs.extensions[last]
    }

    /// An entry of `.machine.install.extensions` in document `doc`.
    pub fn configured(
        &mut self,
        doc: DocumentId,
        node: Option<&str>,
        image: &str,
    ) -> &mut ExtensionObservation {
        let span = self.span();
        let image = ImageRef::parse(image).ok();
        let name = image.as_ref().map_or("", |i| i.name()).to_string();
        let version = image.as_ref().and_then(|i| i.tag_str().map(str::to_string));
        self.obs.extensions.push(ExtensionObservation {
            node: node.map(Into::into),
            name,
            version,
            image,
            id: None,
            origin: Origin::Configured,
            talos_version: None,
            document: doc,
            spans: vec![span],
        });
        let last = self.obs.extensions.len() - 1;
        &mut self.obs.extensions[last]
    }

    /// A config document (whole config, strategic patch, JSON patch).
    pub fn config(
        &mut self,
        doc: DocumentId,
        node: Option<&str>,
        kind: ConfigKind,
        install_extensions: bool,
    ) {
        let span = self.span();
        self.obs.configs.push(ConfigObservation {
            node: node.map(Into::into),
            kind,
            document: doc,
            span,
            install_extensions: install_extensions.then_some(span),
            replaces_install_extensions: false,
            role: None,
        });
    }

    /// A computed schematic with its official extensions (`siderolabs/<name>`), and one schematic-origin extension
    /// observation per entry.
    pub fn schematic(
        &mut self,
        doc: DocumentId,
        node: Option<&str>,
        id: &str,
        names: &[&str],
        role: Option<Role>,
    ) {
        let span = self.span();
        self.obs.schematics.push(SchematicObservation {
            node: node.map(Into::into),
            id: id.into(),
            official_extensions: names.iter().map(|n| format!("siderolabs/{n}")).collect(),
            origin: SchematicOrigin::Computed,
            role,
            document: doc,
            span,
        });
        for name in names {
            let span = self.span();
            self.obs.extensions.push(ExtensionObservation {
                node: node.map(Into::into),
                name: (*name).into(),
                version: None,
                image: None,
                id: None,
                origin: Origin::Schematic,
                talos_version: None,
                document: doc,
                spans: vec![span],
            });
        }
    }

    /// A node's `schematic` row.
    pub fn running(&mut self, node: Option<&str>, id: &str) {
        let span = self.span();
        let document = self.state_doc(node);
        self.obs.schematics.push(SchematicObservation {
            node: node.map(Into::into),
            id: id.into(),
            official_extensions: Vec::new(),
            origin: SchematicOrigin::Running,
            role: None,
            document,
            span,
        });
    }

    /// An installer reference (`None` image: `talosctl upgrade` without `--image`).
    pub fn installer(
        &mut self,
        node: Option<&str>,
        image: Option<&str>,
        context: InstallerContext,
    ) {
        let span = self.span();
        let image = image.and_then(|i| ImageRef::parse(i).ok());
        let schematic_id = image.as_ref().and_then(|i| {
            let (path, id) = i.repository.rsplit_once('/')?;
            (i.registry.as_deref() == Some("factory.talos.dev") && path.contains("installer"))
                .then(|| id.to_string())
        });
        let talos_version = image.as_ref().and_then(|i| i.tag_str().map(str::to_string));
        self.obs.installers.push(InstallerObservation {
            node: node.map(Into::into),
            image,
            schematic_id,
            talos_version,
            context,
            span,
        });
    }

    pub fn talos(&mut self, node: Option<&str>, version: &str, source: TalosVersionSource) {
        let span = self.span();
        self.obs.talos_versions.push(TalosVersionObservation {
            node: node.map(Into::into),
            version: version.into(),
            source,
            span,
        });
    }

    pub fn service_config(&mut self, node: Option<&str>, name: &str) {
        let span = self.span();
        self.obs
            .extension_service_configs
            .push(ExtensionServiceConfigObservation {
                node: node.map(Into::into),
                name: name.into(),
                span,
            });
    }

    pub fn kernel(&mut self, node: Option<&str>, version: &str) {
        let span = self.span();
        self.obs.kernels.push(KernelObservation {
            node: node.map(Into::into),
            kernel_version: version.into(),
            span,
        });
    }

    /// A node shown running no extensions (an empty `get extensions` output).
    pub fn empty(&mut self, node: Option<&str>) {
        let span = self.span();
        self.obs.empty_states.push(EmptyStateObservation {
            node: node.map(Into::into),
            span,
        });
    }

    /// A node's error line in talosctl output.
    pub fn node_error(&mut self, node: &str, code: &str, description: &str) {
        let span = self.span();
        self.obs.node_errors.push(NodeErrorObservation {
            node: node.into(),
            code: code.into(),
            description: description.into(),
            span,
        });
    }

    pub fn build(&self) -> Observations {
        self.obs.clone()
    }
}

/// Runs one rule's check on hand-made observations.
pub fn check_with(
    obs: &Observations,
    talos: Option<&str>,
    check: fn(&Context, &mut Vec<Finding>),
) -> Vec<Finding> {
    let options = Options {
        talos_version: talos.map(Into::into),
    };
    let ctx = Context::new(obs, &options);
    let mut findings = Vec::new();
    check(&ctx, &mut findings);
    findings
}
