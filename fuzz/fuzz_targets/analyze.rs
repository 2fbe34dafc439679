//! The whole analysis (read, merge, rules, report) on arbitrary bytes, as a text paste and as a dropped file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use talos_ext_analyzer::{analyze, Input, Options};

fuzz_target!(|data: &[u8]| {
    let options = Options::default();
    let text = String::from_utf8_lossy(data).into_owned();
    let _ = analyze(&[Input::text("paste", text)], &options);
    let _ = analyze(&[Input::bytes("dropped", data.to_vec())], &options);
});
