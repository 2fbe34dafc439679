// Loads the app: the wasm-bindgen glue and the wasm module whose (hashed) names Trunk writes on this script's tag.
// An external module instead of Trunk's inline initializer, so that the Content-Security-Policy needs no
// 'unsafe-inline'.
const tag = document.querySelector('script[data-js][data-wasm]');
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });
