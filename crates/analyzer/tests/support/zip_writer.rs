//! A hand-made zip writer for the hostile-input suites (`crates/analyzer/tests/hostile.rs` and, by `#[path]`,
//! `crates/cli/tests/hostile.rs`): stored or deflated entries whose headers may lie about their size.

use talos_ext_analyzer::read::bundle::crc32;

/// One stored or deflated entry; `size` (the inflated size in the headers) can lie.
#[derive(Clone)]
pub struct Entry {
    pub name: Vec<u8>,
    pub body: Vec<u8>,
    pub deflate: bool,
    pub crc: u32,
    pub size: u32,
}

pub fn entry(name: &[u8], data: &[u8], deflate: bool) -> Entry {
    Entry {
        name: name.to_vec(),
        body: if deflate {
            miniz_oxide::deflate::compress_to_vec(data, 9)
        } else {
            data.to_vec()
        },
        deflate,
        crc: crc32(data),
        size: data.len() as u32,
    }
}

/// A zip with local headers, a central directory and an end record.
pub fn zip(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let method: u16 = if e.deflate { 8 } else { 0 };
        let offset = out.len() as u32;
        let common = |v: &mut Vec<u8>| {
            v.extend_from_slice(&20u16.to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes());
            v.extend_from_slice(&method.to_le_bytes());
            v.extend_from_slice(&[0, 0, 0x21, 0]);
            v.extend_from_slice(&e.crc.to_le_bytes());
            v.extend_from_slice(&(e.body.len() as u32).to_le_bytes());
            v.extend_from_slice(&e.size.to_le_bytes());
            v.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes());
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend_from_slice(&e.name);
        out.extend_from_slice(&e.body);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes());
        common(&mut central);
        central.extend_from_slice(&[0; 10]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(&e.name);
    }
    let central_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    let count = entries.len().min(usize::from(u16::MAX)) as u16;
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}
