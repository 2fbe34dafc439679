//! One fix of a finding: its title, whether it is safe (an unsafe one says, in a badge and in its title, what it
//! destroys), and the text to apply with a copy button in a bar above it, so that the button never covers the text.

use talos_ext_analyzer::report::{Fix, FixKind, Safety};
use yew::prelude::*;

use super::copy_button::CopyButton;
use super::markdown_view::inline_text;
use crate::model::fix::{code_label, installer_images};

#[derive(Properties, PartialEq)]
pub struct FixViewProps {
    pub fix: Fix,
}

#[function_component(FixView)]
pub fn fix_view(props: &FixViewProps) -> Html {
    let fix = &props.fix;
    let unsafe_fix = fix.safety == Safety::Unsafe;
    let label = code_label(fix);
    let content = if fix.kind == FixKind::Note {
        html! { <p class="fix-note">{ fix.content.clone() }</p> }
    } else {
        html! {
            <div class="fix-code">
                <div class="code-bar">
                    <span class="code-label">{ label }</span>
                    <CopyButton text={AttrValue::from(fix.content.clone())}
                        what={AttrValue::Static(" this fix")} />
                </div>
                // Commands wrap; YAML scrolls sideways, so the keyboard can reach it (tabindex).
                if fix.kind == FixKind::Command {
                    <pre class="wrap"><code>{ fix.content.clone() }</code></pre>
                } else {
                    <pre tabindex="0"><code>{ fix.content.clone() }</code></pre>
                }
            </div>
        }
    };
    html! {
        <li class={classes!("fix", unsafe_fix.then_some("unsafe"))}
            data-kind={fix.kind.name()}
            data-safety={if unsafe_fix { "unsafe" } else { "safe" }}>
            <div class="fix-title">
                if unsafe_fix { <span class="badge unsafe">{ "⚠ destroys data" }</span> }
                <span class="fix-text">{ inline_text(&fix.title) }</span>
            </div>
            { content }
            { for installer_images(fix).into_iter().map(|image| html! {
                <div class="schematic-id installer-ref">
                    <span>{ "Installer" }</span>
                    <code>{ image.to_owned() }</code>
                    <CopyButton text={AttrValue::from(image.to_owned())} label={AttrValue::Static("Copy image")}
                        what={AttrValue::Static(" installer reference")} />
                </div>
            }) }
            if let Some(id) = &fix.schematic_id {
                <div class="schematic-id">
                    <span>{ "Schematic ID" }</span>
                    <code>{ id.clone() }</code>
                    <CopyButton text={AttrValue::from(id.clone())} label={AttrValue::Static("Copy ID")}
                        what={AttrValue::Static(" of the schematic")} />
                </div>
            }
        </li>
    }
}
