//! Compression for share links with the browser's own `CompressionStream` and `DecompressionStream`
//! (`deflate-raw`): no compressor in the wasm. web-sys puts these two classes behind its unstable-API flag, so the
//! two constructors are bound here; the streams are plain `{ readable, writable }` pairs.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, ReadableStream, ReadableStreamDefaultReader, ReadableStreamReadResult,
    ReadableWritablePair,
};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(extends = ReadableWritablePair)]
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;

    #[wasm_bindgen(extends = ReadableWritablePair)]
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
}

/// Raw DEFLATE (RFC 1951): no zlib or gzip header, the smallest of the three formats.
const FORMAT: &str = "deflate-raw";

/// Compresses `bytes`.
pub async fn deflate(bytes: &[u8]) -> Result<Vec<u8>, JsValue> {
    let transform = CompressionStream::new(FORMAT)?;
    let out = collect(&through(bytes, &transform)?, usize::MAX).await?;
    out.ok_or(JsValue::NULL)
}

/// Decompresses `bytes`; `Ok(None)` as soon as the output would exceed `limit` bytes, `Err` for data that is not
/// raw DEFLATE (cut off, changed, trailing bytes).
pub async fn inflate(bytes: &[u8], limit: usize) -> Result<Option<Vec<u8>>, JsValue> {
    let transform = DecompressionStream::new(FORMAT)?;
    collect(&through(bytes, &transform)?, limit).await
}

/// `bytes` piped through a transform stream.
fn through(bytes: &[u8], transform: &ReadableWritablePair) -> Result<ReadableStream, JsValue> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let blob = Blob::new_with_u8_array_sequence(&parts)?;
    Ok(blob.stream().pipe_through(transform))
}

/// Reads a stream of byte chunks to the end, or stops (and cancels it) once it passes `limit` bytes.
async fn collect(stream: &ReadableStream, limit: usize) -> Result<Option<Vec<u8>>, JsValue> {
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut out = Vec::new();
    loop {
        let result: ReadableStreamReadResult =
            JsFuture::from(reader.read()).await?.unchecked_into();
        if result.get_done().unwrap_or(true) {
            return Ok(Some(out));
        }
        let chunk: Uint8Array = result.get_value().dyn_into()?;
        let start = out.len();
        let end = start.saturating_add(chunk.length() as usize);
        if end > limit {
            // The promise settles on its own; nothing more is read.
            let _ = reader.cancel();
            return Ok(None);
        }
        out.resize(end, 0);
        if let Some(tail) = out.get_mut(start..) {
            chunk.copy_to(tail);
        }
    }
}
