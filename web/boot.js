// Loads the app: the wasm-bindgen glue and the wasm module whose (hashed) names Trunk writes on this script's tag.
// An external module instead of Trunk's inline initializer, so that the Content-Security-Policy needs no
// 'unsafe-inline'.
// The theme the user picked (web/src/state/theme.rs keeps it), applied before the app loads so the page never
// flashes the other one.
try {
  const theme = localStorage.getItem('talos-ext-theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {
  // Storage denied: the system's theme shows.
}
const tag = document.querySelector('script[data-js][data-wasm]');
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });
