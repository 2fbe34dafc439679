//! Image Factory schematics: the strict model, the canonical YAML Image Factory hashes, and the schematic ID.
//!
//! The model follows Image Factory's `pkg/schematic/schematic.go` (decoded by go.yaml.in/yaml/v4 with
//! `KnownFields(true)`, re-marshalled with `yaml.Marshal`, hashed with SHA-256):
//! ```text
//! owner?                                   string
//! overlay {image, name, options}           string, string, map[string]any
//! customization
//!   embeddedMachineConfiguration           string
//!   extraKernelArgs                        []string
//!   meta [{key, value}]                    uint8, string
//!   systemExtensions {officialExtensions}  []string
//!   bootloader                             enum: none (omitted), dual-boot, sd-boot, grub
//!   secureboot {enrollKeys, includeWellKnownCertificates}  string, bool
//!   diskImage {sectorSize}                 uint
//! ```

mod decode;
mod emit;
pub mod installer;
mod resolve;

use crate::span::Span;
use crate::tree::Node;
use emit::Out;

/// A schematic as Image Factory decodes it (unknown fields are an error).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Schematic {
    /// `customization.systemExtensions.officialExtensions`, in the given order.
    pub official_extensions: Vec<String>,
    /// `owner` (set by Omni and other API users).
    pub owner: String,
    pub overlay: Overlay,
    /// `customization.embeddedMachineConfiguration`.
    pub embedded_machine_configuration: String,
    /// `customization.extraKernelArgs`, in the given order.
    pub extra_kernel_args: Vec<String>,
    /// `customization.meta`.
    pub meta: Vec<MetaValue>,
    /// `customization.bootloader`.
    pub bootloader: Bootloader,
    /// `customization.secureboot`.
    pub secureboot: SecureBoot,
    /// `customization.diskImage.sectorSize` (0: not set).
    pub disk_image_sector_size: u64,
}

/// `overlay`: a board overlay (single-board computers).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Overlay {
    pub image: String,
    pub name: String,
    /// `options` (Go `map[string]any`), as decoded: keys in document order; written sorted.
    pub options: Vec<(String, OptionValue)>,
}

/// A value of `overlay.options`, as Go's yaml decodes it into `any`.
#[derive(Debug, Clone, PartialEq)]
pub enum OptionValue {
    Null,
    Bool(bool),
    Int(i64),
    /// An integer above `i64::MAX`.
    Uint(u64),
    Float(f64),
    String(String),
    /// A plain timestamp (`2024-01-02`): Go decodes a `time.Time` and writes it back in RFC 3339
    /// (`2024-01-02T00:00:00Z`, unquoted); this holds that form.
    Timestamp(String),
    Sequence(Vec<OptionValue>),
    /// Keys are strings unless some key of the mapping resolves to another type (Go then decodes a
    /// `map[any]any`).
    Mapping(Vec<(OptionValue, OptionValue)>),
}

/// `customization.meta` entry: an initial Talos META value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaValue {
    /// Go `uint8`; YAML may write it `0x0a`.
    pub key: u8,
    pub value: String,
}

/// `customization.bootloader` (Talos `imageropts.BootloaderKind`: an enum written by name, `none` being zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Bootloader {
    #[default]
    None,
    DualBoot,
    SdBoot,
    Grub,
}

impl Bootloader {
    pub fn as_str(self) -> &'static str {
        match self {
            Bootloader::None => "none",
            Bootloader::DualBoot => "dual-boot",
            Bootloader::SdBoot => "sd-boot",
            Bootloader::Grub => "grub",
        }
    }
}

/// `customization.secureboot`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SecureBoot {
    pub enroll_keys: String,
    pub include_well_known_certificates: bool,
}

/// Why a schematic cannot be decoded: where, and what was expected.
#[derive(Debug, Clone, PartialEq)]
pub struct SchematicError {
    pub span: Span,
    pub message: String,
}

impl core::fmt::Display for SchematicError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.span.line, self.span.column, self.message
        )
    }
}

impl Schematic {
    /// Decodes a schematic strictly from a document tree (YAML or JSON).
    pub fn from_tree(node: &Node) -> Result<Schematic, SchematicError> {
        decode::schematic(node)
    }

    /// A schematic with just these official extensions (`siderolabs/<name>`), as a fix would generate it: sorted
    /// and deduplicated.
    pub fn with_extensions<I: IntoIterator<Item = String>>(names: I) -> Schematic {
        let mut official_extensions: Vec<String> = names.into_iter().collect();
        crate::sort::sort_dedup(&mut official_extensions);
        Schematic {
            official_extensions,
            ..Schematic::default()
        }
    }

    /// The canonical YAML Image Factory hashes (Go yaml style, 4-space indent).
    pub fn canonical_yaml(&self) -> String {
        emit::to_yaml(&self.to_out())
    }

    /// The schematic ID: lowercase hex SHA-256 of [`Schematic::canonical_yaml`].
    pub fn id(&self) -> String {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(self.canonical_yaml().as_bytes());
        let mut hex = String::with_capacity(64);
        for byte in digest {
            hex.push(char::from_digit(u32::from(byte >> 4), 16).unwrap_or('0'));
            hex.push(char::from_digit(u32::from(byte & 0xf), 16).unwrap_or('0'));
        }
        hex
    }

    /// The Go struct as yaml.v3 sees it: fields in declaration order, `omitempty` fields left out when zero
    /// (`customization` has no `omitempty`: an empty one is written `{}`).
    fn to_out(&self) -> Out {
        let key = |k: &str| Out::Str(k.to_string());
        let strs = |v: &[String]| Out::Seq(v.iter().map(|s| Out::Str(s.clone())).collect());
        let mut root = Vec::new();
        if !self.owner.is_empty() {
            root.push((key("owner"), Out::Str(self.owner.clone())));
        }
        let o = &self.overlay;
        if !(o.image.is_empty() && o.name.is_empty() && o.options.is_empty()) {
            let mut overlay = vec![
                (key("image"), Out::Str(o.image.clone())),
                (key("name"), Out::Str(o.name.clone())),
            ];
            if !o.options.is_empty() {
                let entries = o
                    .options
                    .iter()
                    .map(|(k, v)| (OptionValue::String(k.clone()), v.clone()))
                    .collect();
                overlay.push((key("options"), option_mapping(entries)));
            }
            root.push((key("overlay"), Out::Map(overlay)));
        }
        let mut c = Vec::new();
        if !self.embedded_machine_configuration.is_empty() {
            c.push((
                key("embeddedMachineConfiguration"),
                Out::Str(self.embedded_machine_configuration.clone()),
            ));
        }
        if !self.extra_kernel_args.is_empty() {
            c.push((key("extraKernelArgs"), strs(&self.extra_kernel_args)));
        }
        if !self.meta.is_empty() {
            let items = self
                .meta
                .iter()
                .map(|m| {
                    Out::Map(vec![
                        (key("key"), Out::Uint(m.key.into())),
                        (key("value"), Out::Str(m.value.clone())),
                    ])
                })
                .collect();
            c.push((key("meta"), Out::Seq(items)));
        }
        if !self.official_extensions.is_empty() {
            c.push((
                key("systemExtensions"),
                Out::Map(vec![(
                    key("officialExtensions"),
                    strs(&self.official_extensions),
                )]),
            ));
        }
        if self.bootloader != Bootloader::None {
            c.push((
                key("bootloader"),
                Out::Str(self.bootloader.as_str().to_string()),
            ));
        }
        let sb = &self.secureboot;
        if !sb.enroll_keys.is_empty() || sb.include_well_known_certificates {
            let mut m = Vec::new();
            if !sb.enroll_keys.is_empty() {
                m.push((key("enrollKeys"), Out::Str(sb.enroll_keys.clone())));
            }
            if sb.include_well_known_certificates {
                m.push((key("includeWellKnownCertificates"), Out::Bool(true)));
            }
            c.push((key("secureboot"), Out::Map(m)));
        }
        if self.disk_image_sector_size != 0 {
            c.push((
                key("diskImage"),
                Out::Map(vec![(
                    key("sectorSize"),
                    Out::Uint(self.disk_image_sector_size),
                )]),
            ));
        }
        root.push((key("customization"), Out::Map(c)));
        Out::Map(root)
    }
}

fn option_out(value: &OptionValue) -> Out {
    match value {
        OptionValue::Null => Out::Null,
        OptionValue::Bool(b) => Out::Bool(*b),
        OptionValue::Int(i) => Out::Int(*i),
        OptionValue::Uint(u) => Out::Uint(*u),
        OptionValue::Float(f) => Out::Float(*f),
        OptionValue::String(s) => Out::Str(s.clone()),
        OptionValue::Timestamp(t) => Out::Plain(t.clone()),
        OptionValue::Sequence(items) => Out::Seq(items.iter().map(option_out).collect()),
        OptionValue::Mapping(entries) => option_mapping(entries.clone()),
    }
}

/// A Go map, written with its keys sorted as yaml.v3's `keyList.Less` sorts them.
fn option_mapping(mut entries: Vec<(OptionValue, OptionValue)>) -> Out {
    crate::sort::sort_by(&mut entries, |(a, _), (b, _)| go_key_order(a, b));
    Out::Map(
        entries
            .iter()
            .map(|(k, v)| (option_out(k), option_out(v)))
            .collect(),
    )
}

/// yaml.v3 `keyList.Less`: numbers (and bools) by value, then by Go kind; strings in "natural" order (digit runs
/// by value, letters before other characters unless after a digit); different kinds by Go's `reflect.Kind` order.
fn go_key_order(a: &OptionValue, b: &OptionValue) -> core::cmp::Ordering {
    use core::cmp::Ordering;
    // reflect.Kind numbers: Bool 1, Int 2, Uint64 11, Float64 14, Interface (nil) 20, Map 21, Slice 23, String 24.
    let kind = |v: &OptionValue| match v {
        OptionValue::Bool(_) => 1,
        OptionValue::Int(_) => 2,
        OptionValue::Uint(_) => 11,
        OptionValue::Float(_) => 14,
        OptionValue::Null => 20,
        OptionValue::Mapping(_) => 21,
        OptionValue::Sequence(_) => 23,
        // time.Time is a struct (reflect.Struct = 25).
        OptionValue::Timestamp(_) => 25,
        OptionValue::String(_) => 24,
    };
    let number = |v: &OptionValue| match v {
        OptionValue::Bool(b) => Some(f64::from(u8::from(*b))),
        OptionValue::Int(i) => Some(*i as f64),
        OptionValue::Uint(u) => Some(*u as f64),
        OptionValue::Float(f) => Some(*f),
        _ => None,
    };
    if let (Some(x), Some(y)) = (number(a), number(b)) {
        if x != y {
            return if x < y {
                Ordering::Less
            } else {
                Ordering::Greater
            };
        }
        return kind(a).cmp(&kind(b));
    }
    match (a, b) {
        (OptionValue::String(x), OptionValue::String(y)) => natural_order(x, y),
        _ => kind(a).cmp(&kind(b)),
    }
}

/// The string half of yaml.v3 `keyList.Less`.
fn natural_order(a: &str, b: &str) -> core::cmp::Ordering {
    use core::cmp::Ordering;
    let less = |x: bool| if x { Ordering::Less } else { Ordering::Greater };
    let ar: Vec<char> = a.chars().collect();
    let br: Vec<char> = b.chars().collect();
    let mut digits = false;
    let mut i = 0;
    while i < ar.len() && i < br.len() {
        if ar[i] == br[i] {
            digits = ar[i].is_numeric();
            i += 1;
            continue;
        }
        let al = ar[i].is_alphabetic();
        let bl = br[i].is_alphabetic();
        if al && bl {
            return ar[i].cmp(&br[i]);
        }
        if al || bl {
            return less(if digits { al } else { bl });
        }
        let (mut an, mut bn) = (0i64, 0i64);
        if ar[i] == '0' || br[i] == '0' {
            let mut j = i;
            while j > 0 && ar[j - 1].is_numeric() {
                j -= 1;
                if ar[j] != '0' {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        let mut ai = i;
        while ai < ar.len() && ar[ai].is_numeric() {
            an = an.wrapping_mul(10).wrapping_add(ar[ai] as i64 - '0' as i64);
            ai += 1;
        }
        let mut bi = i;
        while bi < br.len() && br[bi].is_numeric() {
            bn = bn.wrapping_mul(10).wrapping_add(br[bi] as i64 - '0' as i64);
            bi += 1;
        }
        if an != bn {
            return an.cmp(&bn);
        }
        if ai != bi {
            return ai.cmp(&bi);
        }
        return ar[i].cmp(&br[i]);
    }
    ar.len().cmp(&br.len())
}

#[cfg(test)]
mod tests;
