//! Image references and Image Factory URLs: every line of the input is parsed as a reference, an installer and a
//! factory URL.
#![no_main]

use libfuzzer_sys::fuzz_target;
use talos_ext_analyzer::image_ref::ImageRef;
use talos_ext_analyzer::schematic::installer::{is_schematic_id, parse_factory_url, parse_installer};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for line in text.lines() {
        if let Ok(image) = ImageRef::parse(line) {
            let _ = image.name();
            let _ = image.tag_str();
            let _ = parse_installer(&image);
        }
        let _ = parse_factory_url(line);
        let _ = is_schematic_id(line);
        if let Some((id, name)) = line.split_once(' ') {
            let _ = ImageRef::from_legacy_id(id, name);
        }
    }
});
