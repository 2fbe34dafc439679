//! Support bundles: bytes through `read_bytes` (zip, `.age`, UTF-16, text) and the zip reader directly.
#![no_main]

use libfuzzer_sys::fuzz_target;
use talos_ext_analyzer::read::bundle::read_zip;
use talos_ext_analyzer::read::{read_bytes, Sink};

fuzz_target!(|data: &[u8]| {
    let mut sink = Sink::default();
    sink.begin_input("support.zip");
    read_bytes(&mut sink, "support.zip", data);
    let mut sink = Sink::default();
    sink.begin_input("support.zip");
    read_zip(&mut sink, "support.zip", data);
});
