//! Support bundles (`talosctl support`): a zip with `<node>/resources/extensionstatuses.runtime.talos.dev.yaml` and
//! `<node>/summary` per node. Encrypted bundles (`.age`) are refused with advice (by `read_bytes`; see [`is_age`]).
//!
//! A small zip reader of our own over `miniz_oxide` (the `zip` crate is too large for the wasm bundle): the end of
//! central directory record, the central directory, stored and deflated entries only. Hard caps keep hostile
//! input cheap: at most [`MAX_ENTRIES`] entries, [`MAX_ENTRY_BYTES`] inflated per entry and [`MAX_TOTAL_BYTES`] in
//! all; inflation is bounded by the declared size, so a zip bomb is refused before or as soon as it overflows.
//! Only the two kinds of entries the analyzer reads are inflated.

use super::Sink;
use crate::model::Format;

/// At most this many entries in the central directory.
pub const MAX_ENTRIES: usize = 10_000;
/// At most this many bytes inflated from one entry (the YAML reader's budget for one block).
pub const MAX_ENTRY_BYTES: u64 = 32 << 20;
/// At most this many bytes inflated from the whole zip: no more text than a paste may hold (64 MiB), so that a
/// small zip cannot make the analysis read several times that.
pub const MAX_TOTAL_BYTES: u64 = 64 << 20;
/// Entry names longer than this are refused.
const MAX_NAME_BYTES: usize = 4096;

const EOCD_SIGNATURE: u32 = 0x0605_4b50;
const CENTRAL_SIGNATURE: u32 = 0x0201_4b50;
const LOCAL_SIGNATURE: u32 = 0x0403_4b50;

const RESOURCE_FILE: &str = "resources/extensionstatuses.runtime.talos.dev.yaml";

/// Is this a zip (local file header magic)?
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Is this an age-encrypted file (`talosctl support` from Talos v1.14 writes `.zip.age`)? Binary and ASCII-armored
/// forms.
pub fn is_age(bytes: &[u8]) -> bool {
    bytes.starts_with(b"age-encryption.org/v1")
        || bytes.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----")
}

/// One entry of the central directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipEntry {
    pub name: String,
    /// 0 stored, 8 deflated; anything else is refused when the entry is read.
    pub method: u16,
    pub flags: u16,
    pub crc32: u32,
    pub compressed_size: u64,
    pub uncompressed_size: u64,
    pub local_header_offset: u64,
}

/// What is wrong with a zip or one of its entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipError(pub String);

impl core::fmt::Display for ZipError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

fn err<T>(message: impl Into<String>) -> Result<T, ZipError> {
    Err(ZipError(message.into()))
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    let b = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The entries of a zip's central directory. Entries with unsafe or absurd names are left out and reported in
/// the second list (the name as far as it can be shown, and why).
pub fn entries(bytes: &[u8]) -> Result<(Vec<ZipEntry>, Vec<ZipError>), ZipError> {
    // The end of central directory record: 22 bytes plus a comment of at most 65535, searched from the end.
    let lowest = bytes.len().saturating_sub(22 + 0xffff);
    let eocd = (lowest..=bytes.len().saturating_sub(22))
        .rev()
        .find(|&at| u32_at(bytes, at) == Some(EOCD_SIGNATURE))
        .ok_or_else(|| {
            ZipError("not a complete zip: no end of central directory record (truncated?)".into())
        })?;
    let count = usize::from(u16_at(bytes, eocd + 10).unwrap_or(0));
    let size = u32_at(bytes, eocd + 12).unwrap_or(0);
    let offset = u32_at(bytes, eocd + 16).unwrap_or(0);
    if count == 0xffff || size == u32::MAX || offset == u32::MAX {
        return err("a ZIP64 archive, which is not supported");
    }
    if count > MAX_ENTRIES {
        return err(format!(
            "{count} entries, more than the {MAX_ENTRIES} a support bundle can hold"
        ));
    }
    let mut at = offset as usize;
    let end = at.saturating_add(size as usize);
    if end > eocd {
        return err("the central directory lies outside the file (truncated?)");
    }
    let mut out = Vec::with_capacity(count);
    let mut skipped = Vec::new();
    for index in 0..count {
        if u32_at(bytes, at) != Some(CENTRAL_SIGNATURE) {
            return err(format!("central directory entry {} is damaged", index + 1));
        }
        let field = |off: usize| u16_at(bytes, at + off).map(usize::from).unwrap_or(0);
        let name_len = field(28);
        let extra_len = field(30);
        let comment_len = field(32);
        let name_at = at + 46;
        let Some(raw_name) = bytes.get(name_at..name_at + name_len) else {
            return err(format!(
                "central directory entry {} is truncated",
                index + 1
            ));
        };
        let entry = ZipEntry {
            name: String::new(),
            method: u16_at(bytes, at + 10).unwrap_or(0),
            flags: u16_at(bytes, at + 8).unwrap_or(0),
            crc32: u32_at(bytes, at + 16).unwrap_or(0),
            compressed_size: u64::from(u32_at(bytes, at + 20).unwrap_or(0)),
            uncompressed_size: u64::from(u32_at(bytes, at + 24).unwrap_or(0)),
            local_header_offset: u64::from(u32_at(bytes, at + 42).unwrap_or(0)),
        };
        at = name_at + name_len + extra_len + comment_len;
        match check_name(raw_name) {
            Ok(name) => out.push(ZipEntry { name, ..entry }),
            Err(e) => skipped.push(e),
        }
    }
    Ok((out, skipped))
}

/// Refuses names that are absurd (over 4 KiB, NUL, not UTF-8) or unsafe (absolute, `..`).
fn check_name(raw: &[u8]) -> Result<String, ZipError> {
    let shown = || {
        let text = String::from_utf8_lossy(&raw[..raw.len().min(80)]).replace('\0', "\\0");
        if raw.len() > 80 {
            format!("{text}…")
        } else {
            text
        }
    };
    if raw.len() > MAX_NAME_BYTES {
        return err(format!(
            "entry `{}` skipped: a name of {} bytes",
            shown(),
            raw.len()
        ));
    }
    if raw.contains(&0) {
        return err(format!(
            "entry `{}` skipped: a NUL character in its name",
            shown()
        ));
    }
    let Ok(name) = core::str::from_utf8(raw) else {
        return err(format!(
            "entry `{}` skipped: a name that is not UTF-8",
            shown()
        ));
    };
    let absolute = name.starts_with(['/', '\\']) || name.as_bytes().get(1) == Some(&b':');
    if absolute || name.split(['/', '\\']).any(|c| c == "..") {
        return err(format!("entry `{}` skipped: an unsafe path", shown()));
    }
    if name.is_empty() {
        return err("entry with an empty name skipped");
    }
    Ok(name.to_string())
}

/// Inflates one entry, spending from `budget` (bytes left of [`MAX_TOTAL_BYTES`]).
pub fn read_entry(bytes: &[u8], entry: &ZipEntry, budget: &mut u64) -> Result<Vec<u8>, ZipError> {
    let name = &entry.name;
    if entry.flags & 1 != 0 {
        return err(format!("entry `{name}` is encrypted"));
    }
    if entry.uncompressed_size > MAX_ENTRY_BYTES {
        return err(format!(
            "entry `{name}` inflates to {} bytes, more than the {MAX_ENTRY_BYTES} allowed per entry",
            entry.uncompressed_size
        ));
    }
    if entry.uncompressed_size > *budget {
        return err(format!(
            "entry `{name}` would take the zip past {MAX_TOTAL_BYTES} inflated bytes"
        ));
    }
    let at = usize::try_from(entry.local_header_offset).unwrap_or(usize::MAX);
    if u32_at(bytes, at) != Some(LOCAL_SIGNATURE) {
        return err(format!(
            "entry `{name}`: its local header is missing (truncated or damaged zip)"
        ));
    }
    let name_len = usize::from(u16_at(bytes, at + 26).unwrap_or(0));
    let extra_len = usize::from(u16_at(bytes, at + 28).unwrap_or(0));
    let start = at + 30 + name_len + extra_len;
    let data = usize::try_from(entry.compressed_size)
        .ok()
        .and_then(|n| bytes.get(start..start.checked_add(n)?))
        .ok_or_else(|| ZipError(format!("entry `{name}` is truncated")))?;
    let limit = entry.uncompressed_size as usize;
    let out = match entry.method {
        0 => {
            if data.len() != limit {
                return err(format!("entry `{name}`: stored size and declared size differ"));
            }
            data.to_vec()
        }
        8 => match miniz_oxide::inflate::decompress_to_vec_with_limit(data, limit) {
            Ok(out) => out,
            Err(e) if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                return err(format!("entry `{name}` inflates past its declared size of {limit} bytes (a zip bomb?)"));
            }
            Err(_) => return err(format!("entry `{name}`: damaged deflate data")),
        },
        method => {
            return err(format!(
                "entry `{name}` uses compression method {method}; only stored (0) and deflate (8) are read"
            ))
        }
    };
    if out.len() != limit {
        return err(format!(
            "entry `{name}` inflates to {} bytes, not the declared {limit}",
            out.len()
        ));
    }
    if crc32(&out) != entry.crc32 {
        return err(format!("entry `{name}` fails its CRC check (damaged zip)"));
    }
    *budget -= out.len() as u64;
    Ok(out)
}

/// CRC-32 (IEEE), as zip uses.
pub fn crc32(data: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            table[i] = c;
            i += 1;
        }
        table
    };
    let mut crc = !0u32;
    for &b in data {
        crc = TABLE[((crc ^ u32::from(b)) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

/// What a bundle entry is to the analyzer: `(node, is_summary)`.
fn classify(name: &str) -> Option<(&str, bool)> {
    if let Some(prefix) = name.strip_suffix(RESOURCE_FILE) {
        let node = prefix.strip_suffix('/')?.rsplit('/').next()?;
        return (!node.is_empty()).then_some((node, false));
    }
    let prefix = name.strip_suffix("/summary")?;
    let node = prefix.rsplit('/').next()?;
    (!node.is_empty()).then_some((node, true))
}

/// Reads a support bundle into the sink (each entry read becomes an input of its own).
pub fn read_zip(sink: &mut Sink, name: &str, bytes: &[u8]) {
    read_zip_with(sink, name, bytes, &mut |sink, text, node| {
        super::read_text(sink, text, Some(node))
    });
}

/// [`read_zip`] with the text reader passed in (tests watch what it is given).
fn read_zip_with(
    sink: &mut Sink,
    name: &str,
    bytes: &[u8],
    read: &mut dyn FnMut(&mut Sink, &str, &str),
) {
    let zip_input = sink.input;
    let (mut list, skipped) = match entries(bytes) {
        Ok(found) => found,
        Err(e) => {
            sink.error(1, 1, format!("support bundle `{name}`: {e}"));
            return;
        }
    };
    sink.fragment(Format::SupportBundle, 1, 1);
    for e in skipped {
        sink.error(1, 1, format!("support bundle `{name}`: {e}"));
    }
    crate::sort::sort_by(&mut list, |a, b| a.name.cmp(&b.name));
    let mut budget = MAX_TOTAL_BYTES;
    let mut any_node_file = false;
    for entry in &list {
        let Some((node, _)) = classify(&entry.name) else {
            continue;
        };
        any_node_file = true;
        let text = read_entry(bytes, entry, &mut budget).and_then(|data| {
            String::from_utf8(data)
                .map_err(|_| ZipError(format!("entry `{}` is not UTF-8 text", entry.name)))
        });
        match text {
            Ok(text) => {
                sink.begin_input(format!("{name}!{}", entry.name));
                read(sink, &text, node);
                sink.input = zip_input;
            }
            Err(e) => sink.error(1, 1, format!("support bundle `{name}`: {e}")),
        }
    }
    if !any_node_file {
        sink.error(
            1,
            1,
            format!(
                "support bundle `{name}` holds no `<node>/summary` or `<node>/{RESOURCE_FILE}`: is it a \
                 `talosctl support` bundle?"
            ),
        );
    }
}

#[cfg(test)]
mod tests;
