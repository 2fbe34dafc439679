//! One fix of a finding: its title, whether it is safe (an unsafe one says, in a badge and in its title, what it
//! destroys), and the text to apply with a copy button in a bar above it, so that the button never covers the text.

use talos_ext_analyzer::report::{Fix, FixKind, Safety};
use yew::prelude::*;

use super::copy_button::CopyButton;
use super::markdown_view::inline_text;

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

/// What the code block holds, in words (shown above it).
fn code_label(fix: &Fix) -> &'static str {
    match fix.kind {
        FixKind::Schematic => "Image Factory schematic",
        FixKind::Command => "Command",
        // A JSON 6902 patch is a YAML list of operations; a strategic-merge patch is a mapping.
        FixKind::ConfigPatch if fix.content.trim_start().starts_with("- op:") => {
            "JSON patch (RFC 6902)"
        }
        FixKind::ConfigPatch => "Config patch",
        FixKind::Note => "Note",
    }
}

/// The installer references of a command fix (`--image <ref>`), each once, in order: the image a user pastes into
/// a config or a CI variable, copyable on its own.
pub fn installer_images(fix: &Fix) -> Vec<&str> {
    let mut images: Vec<&str> = Vec::new();
    if fix.kind != FixKind::Command {
        return images;
    }
    for line in fix.content.lines() {
        let mut words = line.split_whitespace();
        while let Some(word) = words.next() {
            let image = match word.strip_prefix("--image=") {
                Some(image) => Some(image),
                None if word == "--image" => words.next(),
                None => None,
            };
            if let Some(image) = image.filter(|i| !i.is_empty() && !images.contains(i)) {
                images.push(image);
            }
        }
    }
    images
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
            data-kind={kind_label(fix.kind)}
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

#[cfg(test)]
mod tests {
    use super::*;

    fn command(content: &str) -> Fix {
        Fix {
            kind: FixKind::Command,
            safety: Safety::Safe,
            title: String::new(),
            content: content.to_owned(),
            schematic_id: None,
        }
    }

    #[test]
    fn installer_images_of_upgrade_commands_once_each() {
        let fix = command(
            "talosctl upgrade -n 10.0.0.1 --image factory.talos.dev/installer/abc:v1.9.2\n\
             talosctl upgrade -n 10.0.0.2 --image factory.talos.dev/installer/abc:v1.9.2\n\
             talosctl upgrade -n 10.0.0.3 --image=ghcr.io/siderolabs/installer:v1.9.2\n",
        );
        assert_eq!(
            installer_images(&fix),
            [
                "factory.talos.dev/installer/abc:v1.9.2",
                "ghcr.io/siderolabs/installer:v1.9.2"
            ]
        );
        assert!(installer_images(&command("talosctl -n 10.0.0.1 get extensions")).is_empty());
        assert!(installer_images(&command("talosctl upgrade --image")).is_empty());
    }
}
