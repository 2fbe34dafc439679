// Loads the app: the wasm-bindgen glue and the wasm module whose (hashed) names Trunk writes on this script's tag.
// An external module instead of Trunk's inline initializer, so that the Content-Security-Policy needs no
// 'unsafe-inline'.
//
// It also handles crashes, because it keeps running when the wasm cannot: it shows a plain error overlay when the
// wasm fails to load or traps (the same overlay as the panic hook in web/src/crash.rs, which builds its own on a
// panic), and it handles the overlay's buttons (copy the diagnostic, reload, forget the input and reload).

/** The local-storage key of the session (web/src/state/keep.rs, STORAGE_KEY). */
const STORAGE_KEY = 'talos-ext-analyzer.session';

// The theme the user picked (web/src/state/theme.rs keeps it), applied before the app loads so the page never
// flashes the other one.
try {
  const theme = localStorage.getItem('talos-ext-theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {
  // Storage denied: the system's theme shows.
}

const tag = document.querySelector('script[data-js][data-wasm]');
let started = false;

/** Element `tag` with `text`, and attributes. */
function el(name, text, attributes = {}) {
  const e = document.createElement(name);
  e.textContent = text;
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
  return e;
}

/** Shows the crash overlay once; `error` is what was thrown. Keep the structure the same as `show` in crash.rs. */
function showCrash(error) {
  if (document.querySelector('[data-testid=crash]')) return;
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const diagnostic = [
    `${started ? 'error' : 'start-up failure'}: ${what}`,
    `build: ${tag?.dataset.wasm ?? ''}`,
    `browser: ${navigator.userAgent}`,
  ].join('\n');
  const overlay = el('div', '', {
    class: 'crash',
    'data-testid': 'crash',
    role: 'alertdialog',
    'aria-labelledby': 'crash-title',
    'aria-describedby': 'crash-text',
  });
  const actions = el('div', '', { class: 'crash-actions' });
  const copy = el('button', 'Copy diagnostic', { type: 'button', 'data-testid': 'copy-diagnostic' });
  actions.append(
    copy,
    el('button', 'Reload', { type: 'button', 'data-testid': 'crash-reload' }),
    el('button', 'Forget input and reload', { type: 'button', 'data-testid': 'crash-forget' }),
  );
  overlay.append(
    el('h2', started ? 'Something went wrong' : 'The analyzer could not start', { id: 'crash-title' }),
    el(
      'p',
      started
        ? 'The analyzer stopped because of an error. Your input is still in the box below, and this browser keeps ' +
            'the last input that worked: reload to go on.'
        : 'Reload the page. If that does not help, this browser may not run WebAssembly.',
      { id: 'crash-text' },
    ),
    el('pre', diagnostic, { 'data-testid': 'diagnostic' }),
    el(
      'p',
      "The diagnostic holds the error, the build and your browser's name, not your input. Please add it to a bug " +
        'report.',
    ),
    actions,
  );
  document.body.prepend(overlay);
  copy.focus();
}

/** A WebAssembly trap (a panic ends in one, as does running out of memory). */
const isTrap = (e) => e instanceof WebAssembly.RuntimeError;

// Before the start everything is fatal; afterwards only traps (a rejected clipboard promise is not a crash).
addEventListener('error', (e) => {
  if (!started || isTrap(e.error)) showCrash(e.error ?? e.message);
});
addEventListener('unhandledrejection', (e) => {
  if (!started || isTrap(e.reason)) showCrash(e.reason);
});

/** The overlay's buttons. Captured before the app sees the click: after a crash its handlers cannot run. */
addEventListener(
  'click',
  (e) => {
    const overlay = e.target instanceof Element ? e.target.closest('[data-testid=crash]') : null;
    if (!overlay) return;
    e.stopPropagation();
    const button = e.target.closest('button');
    const action = button?.dataset.testid;
    // Reloading without the fragment, so that #panic-selftest (or a link that crashed) is not run again.
    const reload = () => location.replace(location.pathname + location.search);
    if (action === 'copy-diagnostic') {
      const text = overlay.querySelector('[data-testid=diagnostic]')?.textContent ?? '';
      navigator.clipboard.writeText(text).then(
        () => (button.textContent = 'Copied'),
        () => (button.textContent = 'Select the text above and copy it'),
      );
    } else if (action === 'crash-reload') {
      reload();
    } else if (action === 'crash-forget') {
      try {
        localStorage.removeItem(STORAGE_KEY);
      } catch {
        // No storage: nothing to forget.
      }
      reload();
    }
  },
  true,
);

try {
  const { default: init } = await import(tag.dataset.js);
  await init({ module_or_path: tag.dataset.wasm });
  started = true;
} catch (e) {
  showCrash(e);
}
