//! What a fix's view says about it, from the fix alone: what its code block holds, and the installer images a
//! command names (its kind's word is the analyzer's `FixKind::name`).

use talos_ext_analyzer::report::{Fix, FixKind};

/// What the code block holds, in words (shown above it).
pub fn code_label(fix: &Fix) -> &'static str {
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

#[cfg(test)]
mod tests {
    use super::*;
    use talos_ext_analyzer::report::Safety;

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
