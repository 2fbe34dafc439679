//! Rule ids, without the rules: the one list of every rule (`every_rule!`), from which this module makes the ids
//! (so that a report can read a rule id back as a `&'static str`) and [`crate::rules`] makes its module declarations,
//! its info table and its checks. Adding a rule is adding one line here (and its file).

/// Calls `$then!` with every rule as `module => "id",`, in the registry's stable order.
macro_rules! every_rule {
    ($then:ident) => {
        $then! {
            duplicate_extension => "duplicate-extension",
            version_drift => "version-drift",
            config_state_mismatch => "config-state-mismatch",
            deprecated_install_extensions => "deprecated-install-extensions",
            catalog_version_mismatch => "catalog-version-mismatch",
            unknown_extension => "unknown-extension",
            invalid_image_reference => "invalid-image-reference",
            upgrade_without_image => "upgrade-without-image",
            kmod_talos_mismatch => "kmod-talos-mismatch",
            extension_service_config_orphan => "extension-service-config-orphan",
            node_did_not_answer => "node-did-not-answer",
            schematic_drift => "schematic-drift",
            catalog_out_of_date => "catalog-out-of-date",
            no_extensions => "no-extensions",
        }
    };
}
pub(crate) use every_rule;

/// A rule id, always one of [`ALL`]. An alias so that serde's derive does not take the `'static` reference as
/// borrowed from the JSON.
pub type RuleId = &'static str;

macro_rules! ids {
    ($($module:ident => $id:literal,)*) => {
        /// Every rule id, in the registry's order (`rules::all`).
        pub const ALL: &[RuleId] = &[$($id),*];

        $(
            #[doc = concat!("`", $id, "`")]
            #[allow(non_upper_case_globals)]
            pub const $module: RuleId = $id;
        )*
    };
}
every_rule!(ids);

/// The `'static` id equal to `id`, if a rule has it.
pub fn find(id: &str) -> Option<RuleId> {
    ALL.iter().copied().find(|known| *known == id)
}

/// Reads a rule id back as the `'static` one; an id no rule has is an error.
pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<RuleId, D::Error> {
    let id = <String as serde::Deserialize>::deserialize(d)?;
    find(&id).ok_or_else(|| serde::de::Error::custom("unknown rule id"))
}
