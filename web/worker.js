// The analysis worker: loads the page's own wasm module (the same glue and .wasm, so nothing more to download) and
// analyses the requests the page sends (web/src/worker/runner.rs). The app's main() starts nothing here: it only
// renders where there is a window.
let glue = null;

self.onmessage = async (event) => {
  const message = event.data;
  try {
    if (message.init) {
      glue = import(message.init.js).then(async (module) => {
        await module.default({ module_or_path: message.init.wasm });
        return module;
      });
      await glue;
      return;
    }
    const module = await glue;
    // The report in its binary form (web/src/worker/wire.rs), handed over rather than copied.
    const report = module.analyseRequest(message.request);
    self.postMessage({ id: message.id, report }, [report.buffer]);
  } catch (error) {
    self.postMessage({ failed: String(error) });
  }
};
