//! One fix of a finding: its title, whether it is safe, and the text to apply with a copy button.

use talos_ext_analyzer::report::{Fix, FixKind, Safety};
use yew::prelude::*;

use super::copy_button::CopyButton;

#[derive(Properties, PartialEq)]
pub struct FixViewProps {
    pub fix: Fix,
}

/// The report's word for a fix kind (`docs/report-format.md`).
pub fn kind_label(kind: FixKind) -> &'static str {
    match kind {
        FixKind::ConfigPatch => "config-patch",
        FixKind::Schematic => "schematic",
        FixKind::Command => "command",
        FixKind::Note => "note",
    }
}

#[function_component(FixView)]
pub fn fix_view(props: &FixViewProps) -> Html {
    let fix = &props.fix;
    let unsafe_fix = fix.safety == Safety::Unsafe;
    let content = if fix.kind == FixKind::Note {
        html! { <p class="fix-note">{ fix.content.clone() }</p> }
    } else {
        html! {
            <div class="fix-code">
                <pre><code>{ fix.content.clone() }</code></pre>
                <CopyButton text={AttrValue::from(fix.content.clone())} />
            </div>
        }
    };
    html! {
        <li class={classes!("fix", unsafe_fix.then_some("unsafe"))}
            data-kind={kind_label(fix.kind)}
            data-safety={if unsafe_fix { "unsafe" } else { "safe" }}>
            <div class="fix-title">
                if unsafe_fix { <span class="badge unsafe">{ "destroys data" }</span> }
                { fix.title.clone() }
            </div>
            if let Some(id) = &fix.schematic_id {
                <div class="schematic-id">{ "Schematic ID " }<code>{ id.clone() }</code></div>
            }
            { content }
        </li>
    }
}
