//! Strict decoding of a schematic tree, as Go's yaml library (go.yaml.in/yaml/v4, like gopkg.in/yaml.v3) decodes into Image Factory's structs with
//! `KnownFields(true)`: unknown and repeated keys are errors; a null leaves a field at its zero value; any other
//! scalar decodes into a string field as its text (`value: 123` is the string `123`); integers accept YAML's
//! forms (`0x0a`); a wrong kind (a sequence where a string goes) is an error.

use super::resolve::{resolve_plain, timestamp_rfc3339, Resolved};
use super::{Bootloader, MetaValue, OptionValue, Overlay, Schematic, SchematicError};
use crate::tree::{Node, ScalarStyle, Value};

/// Overlay options nest at most this deep (recursion bound).
const MAX_DEPTH: usize = 64;

fn error(node: &Node, message: String) -> SchematicError {
    SchematicError {
        span: node.span,
        message,
    }
}

/// The entries of a mapping with known keys, each checked against `known`; a null is an empty mapping.
fn fields<'a, 't>(
    node: &'a Node<'t>,
    what: &str,
    known: &[&str],
) -> Result<Vec<(&'a str, &'a Node<'t>)>, SchematicError> {
    if node.is_null() {
        return Ok(Vec::new());
    }
    let Some(entries) = node.as_mapping() else {
        return Err(error(
            node,
            format!("expected {what} (a mapping), found {}", node.kind_name()),
        ));
    };
    let mut out: Vec<(&str, &Node)> = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        let Some(name) = key.as_str() else {
            return Err(error(
                key,
                format!("expected a field name of {what}, found {}", key.kind_name()),
            ));
        };
        if !known.contains(&name) {
            return Err(error(
                key,
                format!(
                    "unknown field `{name}` in {what} (expected {})",
                    known.join(", ")
                ),
            ));
        }
        if let Some((_, first)) = out.iter().find(|(n, _)| *n == name) {
            let _ = first;
            return Err(error(key, format!("field `{name}` repeated in {what}")));
        }
        out.push((name, value));
    }
    Ok(out)
}

/// A Go `string` field.
fn string(node: &Node, what: &str) -> Result<String, SchematicError> {
    if node.is_null() {
        return Ok(String::new());
    }
    match node.as_str() {
        Some(text) => Ok(text.to_string()),
        None => Err(error(
            node,
            format!("expected {what} (a string), found {}", node.kind_name()),
        )),
    }
}

/// A Go `[]string` field.
fn strings(node: &Node, what: &str) -> Result<Vec<String>, SchematicError> {
    if node.is_null() {
        return Ok(Vec::new());
    }
    let Some(items) = node.as_sequence() else {
        return Err(error(
            node,
            format!(
                "expected {what} (a list of strings), found {}",
                node.kind_name()
            ),
        ));
    };
    items
        .iter()
        .map(|item| string(item, &format!("an item of {what}")))
        .collect()
}

/// What a scalar resolves to: quoted and block scalars are strings.
fn resolved(node: &Node) -> Option<Resolved> {
    match &node.value {
        Value::Scalar(text, ScalarStyle::Plain) => Some(resolve_plain(text)),
        Value::Scalar(..) => Some(Resolved::Str),
        _ => None,
    }
}

/// A Go unsigned integer field of at most `max`.
fn unsigned(node: &Node, what: &str, max: u64) -> Result<u64, SchematicError> {
    let found = || {
        error(
            node,
            format!(
                "expected {what} (an integer from 0 to {max}), found {}",
                describe(node)
            ),
        )
    };
    match resolved(node) {
        Some(Resolved::Null) => Ok(0),
        Some(Resolved::Int(i)) if i >= 0 && i as u64 <= max => Ok(i as u64),
        Some(Resolved::Uint(u)) if u <= max => Ok(u),
        // Go converts a float with `uint64(f)`, dropping the fraction.
        Some(Resolved::Float(f)) if f >= 0.0 && f.trunc() <= max as f64 => Ok(f.trunc() as u64),
        _ => Err(found()),
    }
}

fn describe(node: &Node) -> String {
    match node.as_str() {
        Some(text) if text.chars().count() <= 40 => format!("`{text}`"),
        _ => node.kind_name().to_string(),
    }
}

/// A Go `bool` field (yaml.v3 also takes the YAML 1.1 words `yes`, `off`, … for a typed bool).
fn boolean(node: &Node, what: &str) -> Result<bool, SchematicError> {
    match resolved(node) {
        Some(Resolved::Null) => return Ok(false),
        Some(Resolved::Bool(b)) => return Ok(b),
        _ => {}
    }
    match node.as_str() {
        Some("y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON") => Ok(true),
        Some("n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF") => Ok(false),
        _ => Err(error(
            node,
            format!("expected {what} (true or false), found {}", describe(node)),
        )),
    }
}

pub fn schematic(root: &Node) -> Result<Schematic, SchematicError> {
    let mut s = Schematic::default();
    for (name, value) in fields(root, "a schematic", &["owner", "overlay", "customization"])? {
        match name {
            "owner" => s.owner = string(value, "owner")?,
            "overlay" => s.overlay = overlay(value)?,
            _ => customization(value, &mut s)?,
        }
    }
    Ok(s)
}

fn overlay(node: &Node) -> Result<Overlay, SchematicError> {
    let mut o = Overlay::default();
    for (name, value) in fields(node, "overlay", &["image", "name", "options"])? {
        match name {
            "image" => o.image = string(value, "overlay.image")?,
            "name" => o.name = string(value, "overlay.name")?,
            _ => {
                if value.is_null() {
                    continue;
                }
                let Some(entries) = value.as_mapping() else {
                    return Err(error(
                        value,
                        format!(
                            "expected overlay.options (a mapping), found {}",
                            value.kind_name()
                        ),
                    ));
                };
                for (key, item) in entries {
                    let key_text = string(key, "an overlay option name")?;
                    if o.options.iter().any(|(k, _)| *k == key_text) {
                        return Err(error(key, format!("overlay option `{key_text}` repeated")));
                    }
                    o.options.push((key_text, any(item, 1)?));
                }
            }
        }
    }
    Ok(o)
}

/// A value decoded into Go's `any`.
fn any(node: &Node, depth: usize) -> Result<OptionValue, SchematicError> {
    if depth > MAX_DEPTH {
        return Err(error(
            node,
            format!("expected overlay options nested at most {MAX_DEPTH} deep"),
        ));
    }
    Ok(match &node.value {
        Value::Scalar(text, _) => match resolved(node) {
            Some(Resolved::Null) => OptionValue::Null,
            Some(Resolved::Bool(b)) => OptionValue::Bool(b),
            Some(Resolved::Int(i)) => OptionValue::Int(i),
            Some(Resolved::Uint(u)) => OptionValue::Uint(u),
            Some(Resolved::Float(f)) => OptionValue::Float(f),
            Some(Resolved::Timestamp) => match timestamp_rfc3339(text) {
                Some(t) => OptionValue::Timestamp(t),
                None => OptionValue::String(text.to_string()),
            },
            _ => OptionValue::String(text.to_string()),
        },
        Value::Sequence(items) => OptionValue::Sequence(
            items
                .iter()
                .map(|i| any(i, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        Value::Mapping(entries) => {
            let mut out: Vec<(OptionValue, OptionValue)> = Vec::with_capacity(entries.len());
            for (key, value) in entries {
                let k = any(key, depth + 1)?;
                if matches!(k, OptionValue::Sequence(_) | OptionValue::Mapping(_)) {
                    return Err(error(
                        key,
                        "expected a scalar key in overlay options".to_string(),
                    ));
                }
                if out.iter().any(|(existing, _)| *existing == k) {
                    return Err(error(
                        key,
                        format!("key {} repeated in overlay options", describe(key)),
                    ));
                }
                out.push((k, any(value, depth + 1)?));
            }
            OptionValue::Mapping(out)
        }
    })
}

const CUSTOMIZATION: &[&str] = &[
    "embeddedMachineConfiguration",
    "extraKernelArgs",
    "meta",
    "systemExtensions",
    "bootloader",
    "secureboot",
    "diskImage",
];

fn customization(node: &Node, s: &mut Schematic) -> Result<(), SchematicError> {
    for (name, value) in fields(node, "customization", CUSTOMIZATION)? {
        match name {
            "embeddedMachineConfiguration" => {
                s.embedded_machine_configuration =
                    string(value, "customization.embeddedMachineConfiguration")?
            }
            "extraKernelArgs" => {
                s.extra_kernel_args = strings(value, "customization.extraKernelArgs")?
            }
            "meta" => s.meta = meta(value)?,
            "systemExtensions" => {
                for (_, list) in fields(
                    value,
                    "customization.systemExtensions",
                    &["officialExtensions"],
                )? {
                    s.official_extensions =
                        strings(list, "customization.systemExtensions.officialExtensions")?;
                }
            }
            "bootloader" => s.bootloader = bootloader(value)?,
            "secureboot" => {
                let known = ["enrollKeys", "includeWellKnownCertificates"];
                for (field, v) in fields(value, "customization.secureboot", &known)? {
                    if field == "enrollKeys" {
                        s.secureboot.enroll_keys =
                            string(v, "customization.secureboot.enrollKeys")?;
                    } else {
                        s.secureboot.include_well_known_certificates =
                            boolean(v, "customization.secureboot.includeWellKnownCertificates")?;
                    }
                }
            }
            _ => {
                for (_, v) in fields(value, "customization.diskImage", &["sectorSize"])? {
                    s.disk_image_sector_size =
                        unsigned(v, "customization.diskImage.sectorSize", u64::MAX)?;
                }
            }
        }
    }
    Ok(())
}

fn meta(node: &Node) -> Result<Vec<MetaValue>, SchematicError> {
    if node.is_null() {
        return Ok(Vec::new());
    }
    let Some(items) = node.as_sequence() else {
        return Err(error(
            node,
            format!(
                "expected customization.meta (a list of {{key, value}}), found {}",
                node.kind_name()
            ),
        ));
    };
    items
        .iter()
        .map(|item| {
            let mut m = MetaValue {
                key: 0,
                value: String::new(),
            };
            for (name, v) in fields(item, "a customization.meta entry", &["key", "value"])? {
                if name == "key" {
                    m.key = unsigned(v, "a META key", u64::from(u8::MAX))? as u8;
                } else {
                    m.value = string(v, "a META value")?;
                }
            }
            Ok(m)
        })
        .collect()
}

fn bootloader(node: &Node) -> Result<Bootloader, SchematicError> {
    if node.is_null() {
        return Ok(Bootloader::None);
    }
    let Some(text) = node.as_str() else {
        return Err(error(
            node,
            format!(
                "expected customization.bootloader (a name), found {}",
                node.kind_name()
            ),
        ));
    };
    match text.to_ascii_lowercase().as_str() {
        "none" => Ok(Bootloader::None),
        "dual-boot" => Ok(Bootloader::DualBoot),
        "sd-boot" => Ok(Bootloader::SdBoot),
        "grub" => Ok(Bootloader::Grub),
        _ => Err(error(
            node,
            format!("expected customization.bootloader to be none, dual-boot, sd-boot or grub, found {}", describe(node)),
        )),
    }
}
