//! The analysis as the web worker runs it: the page sends a request (the session's inputs and Talos version as a
//! plain JS object, see [`request`]), the worker (`web/worker.js`, the same wasm module) calls [`analyse_request`]
//! and sends the report back in a compact binary form (`wire.rs`), which the page reads into a [`Report`]
//! again.
//!
//! Texts cross as UTF-8 bytes (`Uint8Array`), not as JavaScript strings: a string is copied into the
//! wasm one character at a time by wasm-bindgen's glue (about half a second for a 20 MB paste), bytes in one copy.

use js_sys::{Array, Object, Reflect, Uint8Array};
use talos_ext_analyzer::{analyze, Input, Options, Report};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::session::{Session, SessionContent};

/// The request for analysing `session`: `{ talos, inputs: [{ name, utf8 } | { name, bytes }] }` (`utf8`: a text
/// input's bytes), and the buffers of those bytes, to be transferred with it rather than copied once more.
pub fn request(session: &Session) -> (JsValue, Array) {
    let inputs = Array::new();
    let buffers = Array::new();
    for input in &session.inputs {
        let entry = Object::new();
        set(&entry, "name", &JsValue::from_str(&input.name));
        let (key, bytes) = match &input.content {
            SessionContent::Text(text) => ("utf8", Uint8Array::from(text.as_bytes())),
            SessionContent::Bytes(bytes) => ("bytes", Uint8Array::from(&bytes[..])),
        };
        buffers.push(&bytes.buffer());
        set(&entry, key, &bytes);
        inputs.push(&entry);
    }
    let request = Object::new();
    set(
        &request,
        "talos",
        &JsValue::from_str(&session.talos_version),
    );
    set(&request, "inputs", &inputs);
    (request.into(), buffers)
}

fn set(object: &Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail; a failure would only lose that field.
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

fn get(object: &JsValue, key: &str) -> JsValue {
    if !object.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Reads a request back; anything malformed reads as nothing rather than failing.
fn read_request(request: &JsValue) -> (Vec<Input>, Options) {
    let inputs = get(request, "inputs")
        .dyn_into::<Array>()
        .map(|a| a.iter().collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|entry| {
            let name = get(&entry, "name").as_string().unwrap_or_default();
            let bytes = |key| {
                get(&entry, key)
                    .dyn_into::<Uint8Array>()
                    .map(|b| b.to_vec())
            };
            match bytes("utf8") {
                Ok(utf8) => Input::text(
                    name,
                    String::from_utf8(utf8)
                        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
                ),
                Err(_) => Input::bytes(name, bytes("bytes").unwrap_or_default()),
            }
        })
        .collect();
    let version = get(request, "talos").as_string().unwrap_or_default();
    let version = version.trim();
    let options = Options {
        talos_version: (!version.is_empty()).then(|| version.to_owned()),
    };
    (inputs, options)
}

/// Analyses a request (see [`request`]) and returns the report in the page's binary form (`wire.rs`; a
/// `Uint8Array` in JavaScript). Exported for `web/worker.js`.
#[wasm_bindgen(js_name = analyseRequest)]
pub fn analyse_request(request: &JsValue) -> Vec<u8> {
    let (inputs, options) = read_request(request);
    super::wire::encode(&analyze(&inputs, &options))
}

/// Reads the worker's answer back into a report.
pub fn parse_report(bytes: &[u8]) -> Option<Report> {
    super::wire::decode(bytes)
}
