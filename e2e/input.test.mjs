// The input side: dropping and picking files, the examples menu and its undo, the Talos version field, "show in
// input", the worker for large inputs, and the refusal of inputs over the 64 MiB budget.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp } from './browser.mjs';

const fixture = (path) => new URL(`../fixtures/${path}`, import.meta.url);
const SEED = fixture('examples/01-talos-10404-duplicate-iscsi-tools-table.txt');
const CONFIG = fixture('rules/config-state-mismatch--fires--schematic-a-installer-b/controlplane.yaml');
const STATE = fixture('rules/config-state-mismatch--fires--schematic-a-installer-b/state.txt');
const ID = 'c9078f9419961640c712a8bf2bb9174933dfcf1da383fd8ea2b7dc21493f8bac';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const finding = (page, rule) => page.locator(`[data-testid=finding][data-rule=${rule}]`);

/** Drags files built in the page (`[name, text]`, or `[name, size]` for that many zero bytes) over `selector`. */
async function dragOver(page, selector, files) {
  await page.evaluate(
    ({ selector, files }) => {
      const dt = new DataTransfer();
      for (const [name, content] of files) {
        const body = typeof content === 'number' ? new Uint8Array(content) : content;
        dt.items.add(new File([body], name));
      }
      window.__drag = { target: document.querySelector(selector), dt };
      for (const type of ['dragenter', 'dragover']) {
        window.__drag.target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      }
    },
    { selector, files },
  );
}

/** Drops what `dragOver` dragged. */
async function dropDragged(page) {
  await page.evaluate(() => {
    const { target, dt } = window.__drag;
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
}

async function drop(page, selector, files) {
  await dragOver(page, selector, files);
  await dropDragged(page);
}

test('dropping files adds them as inputs: text as tabs, binary as chips', async () => {
  const { page, errors } = await openApp(browser.context);
  await dragOver(page, '#paste', [
    ['seed.txt', await readFile(SEED, 'utf8')],
    ['bundle.zip', 'PK\u0003\u0004 not really a zip'],
  ]);
  const target = page.getByTestId('drop-target');
  await target.waitFor({ timeout: 5_000 });
  assert.match(await target.textContent(), /Drop files/);
  await dropDragged(page);
  await finding(page, 'duplicate-extension').first().waitFor({ timeout: 10_000 });
  assert.equal(await target.count(), 0, 'gone after the drop');

  const tabs = page.getByTestId('input-tab');
  assert.deepEqual(await tabs.allTextContents(), ['paste', 'seed.txt']);
  assert.equal(await tabs.nth(1).getAttribute('aria-selected'), 'true', 'the dropped text file is shown');
  assert.match(await page.getByTestId('input').inputValue(), /iscsi-tools\s+v0\.1\.4/);
  const chip = page.getByTestId('byte-input');
  assert.equal(await chip.getAttribute('data-name'), 'bundle.zip');
  assert.match(await chip.textContent(), /bundle\.zip.*\d+ B/);

  // Removing the text file removes its finding; the paste tab is back in the editor.
  await page.getByRole('button', { name: 'Remove seed.txt' }).click();
  await finding(page, 'duplicate-extension').first().waitFor({ state: 'detached', timeout: 10_000 });
  assert.equal(await page.getByTestId('input').inputValue(), '');
  assert.deepEqual(errors, []);
});

test('picking files adds each as an input, analysed together', async () => {
  const { page, errors } = await openApp(browser.context);
  const picker = page.getByTestId('file-picker');
  assert.equal(await page.locator('label[for=file-picker]').count(), 1, 'the picker is labelled');
  await picker.setInputFiles([fileURLToPath(CONFIG), fileURLToPath(STATE)]);
  await finding(page, 'config-state-mismatch').first().waitFor({ timeout: 10_000 });
  assert.deepEqual(await page.getByTestId('input-tab').allTextContents(), [
    'paste',
    'controlplane.yaml',
    'state.txt',
  ]);
  await page.getByTestId('input-tab').nth(2).click();
  assert.match(await page.getByTestId('input').inputValue(), /talosctl -n 10\.0\.0\.2 get extensions/);
  assert.deepEqual(errors, []);
});

test('each example loads what its name says, and Undo restores the previous input', async () => {
  const { page, errors } = await openApp(browser.context);
  const input = page.getByTestId('input');
  await input.fill('my own notes');
  const expected = {
    seed: 'duplicate-extension',
    'cluster-drift': 'version-drift',
    'config-mismatch': 'config-state-mismatch',
    'chat-paste': 'kmod-talos-mismatch',
  };
  const values = await page.getByTestId('examples').locator('option').evaluateAll((os) => os.map((o) => o.value));
  for (const value of Object.keys(expected)) assert.ok(values.includes(value), value);

  for (const [value, rule] of Object.entries(expected)) {
    await page.getByTestId('examples').selectOption(value);
    await finding(page, rule).first().waitFor({ timeout: 10_000 });
  }
  // The editor marks the lines of the finding's spans; the gutter numbers every line.
  await page.getByTestId('examples').selectOption('seed');
  await finding(page, 'duplicate-extension').first().waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('.gutter .numbers').textContent(), '1\n2\n3\n4\n5', 'the text ends with a line break');
  const band = await page.locator('.band.error').evaluate((b) => [b.offsetTop, b.offsetHeight]);
  assert.deepEqual(band, [40, 40], 'lines 3–4 at a 20 px line height');

  await page.getByTestId('examples').selectOption('config-mismatch');
  await finding(page, 'config-state-mismatch').first().waitFor({ timeout: 10_000 });
  // The config mismatch comes as two inputs.
  assert.deepEqual(await page.getByTestId('input-tab').allTextContents(), ['paste', 'controlplane.yaml']);

  await page.getByTestId('examples').selectOption('seed');
  await finding(page, 'duplicate-extension').first().waitFor({ timeout: 10_000 });
  await page.getByTestId('undo').click();
  await finding(page, 'config-state-mismatch').first().waitFor({ timeout: 10_000 });
  assert.match(await input.inputValue(), /talosctl -n 10\.0\.0\.2 get extensions/);
  assert.deepEqual(errors, []);
});

test('text typed just before an example is chosen is what Undo restores', async () => {
  const { page } = await openApp(browser.context);
  await page.getByTestId('input').fill('my own notes');
  // Choosing from the menu moves the focus there first, which commits the edit without waiting for the debounce.
  await page.getByTestId('examples').focus();
  await page.getByTestId('examples').selectOption('seed');
  await finding(page, 'duplicate-extension').first().waitFor({ timeout: 10_000 });
  await page.getByTestId('undo').click();
  assert.equal(await page.getByTestId('input').inputValue(), 'my own notes');
  await finding(page, 'duplicate-extension').first().waitFor({ state: 'detached', timeout: 10_000 });
});

test('a stated Talos version gives the full schematic ID and the upgrade command', async () => {
  const { page, errors } = await openApp(browser.context);
  await page.getByTestId('examples').selectOption('seed');
  const first = finding(page, 'duplicate-extension').first();
  await first.waitFor({ timeout: 10_000 });
  const version = page.getByTestId('talos-version');
  assert.equal(await page.locator('label[for=talos-version]').textContent(), 'Talos version');
  // Without a version the upgrade command has a placeholder for it.
  assert.match(await first.textContent(), new RegExp(`installer/${ID}:<talos-version>`));
  assert.match(await page.locator('#talos-version-hint').textContent(), /Not detected/);

  await version.fill('1.9.x');
  await page.getByTestId('talos-version-error').waitFor({ timeout: 5_000 });
  assert.match(await page.getByTestId('talos-version-error').textContent(), /expected vX\.Y\.Z.*not applied/);

  await version.fill('v1.9.2');
  await page.getByTestId('talos-version-error').waitFor({ state: 'detached', timeout: 5_000 });
  await page.waitForFunction(
    (id) =>
      document
        .querySelector('[data-testid=finding][data-rule=duplicate-extension]')
        ?.textContent.includes(`${id}:v1.9.2`),
    ID,
    { timeout: 10_000 },
  );
  const text = await first.textContent();
  assert.match(text, new RegExp(`talosctl upgrade -n <control-plane-ip> --image factory\\.talos\\.dev/installer/${ID}:v1\\.9\\.2`));
  // The installer reference is shown and copyable on its own.
  const installer = first.locator('.installer-ref').first();
  assert.equal(await installer.locator('code').textContent(), `factory.talos.dev/installer/${ID}:v1.9.2`);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await installer.getByTestId('copy').click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `factory.talos.dev/installer/${ID}:v1.9.2`);
  assert.deepEqual(errors, []);
});

test('show in input selects the finding’s span in the editor, again when asked again', async () => {
  const { page } = await openApp(browser.context);
  await page.getByTestId('examples').selectOption('seed');
  const first = finding(page, 'duplicate-extension').first();
  await first.waitFor({ timeout: 10_000 });
  const button = first.getByTestId('show-in-input').first();
  const selection = () =>
    page.evaluate(() => {
      const area = document.querySelector('#paste');
      const before = area.value.slice(0, area.selectionStart);
      return {
        focused: document.activeElement === area,
        line: before.split('\n').length,
        text: area.value.slice(area.selectionStart, area.selectionEnd),
      };
    });
  await button.click();
  const shown = await selection();
  assert.equal(shown.focused, true);
  assert.ok(shown.line === 3 || shown.line === 4, `line ${shown.line}`);
  assert.match(shown.text, /iscsi-tools/);
  assert.ok(await page.locator('.band.shown').count() >= 1, 'the span is marked strongly');

  // The user moves away; the same button shows the same span again.
  await page.locator('#paste').evaluate((area) => area.setSelectionRange(0, 0));
  await page.getByTestId('summary').click();
  await button.click();
  assert.deepEqual(await selection(), shown);
});

test('a large input is analysed in the worker, with progress shown', async () => {
  const { page, errors } = await openApp(browser.context);
  // 2,000 nodes running iscsi-tools v0.1.6; the last one has v0.1.5 as well.
  const rows = ['NODE        NAMESPACE   TYPE              ID   VERSION   NAME          VERSION'];
  for (let i = 0; i < 2000; i++) {
    const node = `10.1.${Math.floor(i / 250)}.${(i % 250) + 1}`;
    rows.push(`${node}   runtime     ExtensionStatus   0    1         iscsi-tools   v0.1.6`);
    rows.push(`${node}   runtime     ExtensionStatus   1    1         schematic     ${ID}`);
  }
  rows.push('10.1.7.250   runtime     ExtensionStatus   2    1         iscsi-tools   v0.1.5');
  const text = rows.join('\n');
  assert.ok(text.length > 256 * 1024, 'over the worker threshold');

  await page.evaluate(() => {
    window.__progress = [];
    new MutationObserver(() => {
      const p = document.querySelector('[data-testid=progress]');
      if (p) window.__progress.push(p.textContent);
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  // Pasted (Playwright's fill types large text too slowly): the value, then the input event a paste fires.
  await page.evaluate((text) => {
    const area = document.querySelector('#paste');
    area.value = text;
    area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
  const dup = page.locator('[data-testid=finding][data-rule=duplicate-extension][data-node="10.1.7.250"]');
  await dup.first().waitFor({ timeout: 30_000 });
  const progress = await page.evaluate(() => window.__progress);
  assert.ok(progress.some((p) => /^Analysing \d+\.\d KB…$/.test(p)), JSON.stringify(progress));
  assert.equal(await page.getByTestId('progress').count(), 0, 'progress gone once the report arrived');
  assert.equal(await page.getByTestId('analysis-note').count(), 0, 'no fallback to the page thread');

  // Over 128 KiB, the text is shown in the read-only view, which draws only the lines around the visible ones; the
  // gutter numbers the same lines, both follow the scroll; the finding's lines are marked.
  await page.getByTestId('large-input').waitFor();
  assert.equal(await page.locator('#paste').count(), 0, 'no textarea holds the large text');
  const view = page.getByTestId('input-view');
  const numbers = () => page.locator('.gutter .numbers').textContent();
  const shownLines = () => view.locator('pre').textContent();
  assert.match(await numbers(), /^1\n2\n3\n/);
  assert.ok((await shownLines()).startsWith(rows.slice(0, 3).join('\n')));
  assert.ok((await shownLines()).split('\n').length < 1000, 'only a block of lines is drawn');
  await view.evaluate((v) => {
    v.scrollTop = 3000 * 20;
    v.dispatchEvent(new Event('scroll'));
  });
  assert.match(await numbers(), /^3001\n3002\n/);
  assert.ok((await shownLines()).startsWith(rows.slice(3000, 3002).join('\n')));
  // The duplicate's two rows: the last node's first row (line 4,000) and the last line (4,002).
  const tops = await page.locator('.band.error').evaluateAll((bs) => bs.map((b) => b.offsetTop).sort((a, b) => a - b));
  assert.deepEqual(tops, [3999 * 20, 4001 * 20]);

  // "Show in input" scrolls the view to the span and marks its lines strongly.
  await view.evaluate((v) => {
    v.scrollTop = 0;
    v.dispatchEvent(new Event('scroll'));
  });
  await dup.first().getByTestId('show-in-input').first().click();
  await page.locator('.band.shown').first().waitFor();
  const at = await view.evaluate((v) => v.scrollTop);
  assert.ok(at > 3900 * 20 - 600 && at <= 4002 * 20, `scrolled to ${at}`);
  assert.match(await numbers(), /(^|\n)4000\n/);
  assert.deepEqual(errors, []);
});

test('a large paste goes to the read-only view without the browser inserting it; edit as text and clear', async () => {
  const { page, errors } = await openApp(browser.context);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const seed = await readFile(SEED, 'utf8');
  const big = `${seed}\n${'# a long comment line to make the paste large, repeated\n'.repeat(4000)}`;
  assert.ok(big.length > 128 * 1024);
  await page.evaluate((text) => navigator.clipboard.writeText(text), big);
  await page.evaluate(() => {
    // An input event would mean the browser inserted the text into the textarea.
    window.__inputs = 0;
    document.querySelector('#paste').addEventListener('input', () => window.__inputs++);
  });
  await page.locator('#paste').focus();
  await page.keyboard.press('Control+V');
  await page.getByTestId('large-input').waitFor();
  assert.match(await page.getByTestId('large-input').textContent(), /A large input \(\d+\.\d KB, 4,0\d\d lines\)/);
  await finding(page, 'duplicate-extension').first().waitFor({ timeout: 30_000 });
  assert.equal(await page.evaluate(() => window.__inputs), 0);
  assert.equal(await page.locator('#paste').count(), 0);
  assert.ok(await page.getByTestId('input-view').evaluate((v) => v === document.activeElement), 'the view has focus');

  // Pasting into the view replaces the whole text.
  const again = `${seed}\n${'# another long comment line, also repeated many times over\n'.repeat(4000)}`;
  await page.evaluate((text) => navigator.clipboard.writeText(text), again);
  await page.keyboard.press('Control+V');
  await page.getByTestId('input-view').locator('pre', { hasText: 'another long comment' }).first().waitFor();

  await page.getByTestId('edit-as-text').click();
  await page.locator('#paste').waitFor();
  assert.equal(await page.locator('#paste').inputValue(), again);
  assert.equal(await page.getByTestId('large-input').count(), 0);
  await finding(page, 'duplicate-extension').first().waitFor();

  await page.getByTestId('input').fill('');
  await page.evaluate((text) => navigator.clipboard.writeText(text), big);
  await page.locator('#paste').focus();
  await page.keyboard.press('Control+V');
  // Still editing as text: the browser inserts it.
  await page.waitForFunction(() => document.querySelector('#paste')?.value.length > 128 * 1024);
  await page.getByTestId('input').evaluate((a) => a.blur());
  assert.equal(await page.getByTestId('large-input').count(), 0);
  assert.deepEqual(errors, []);
});

test('a paste of several megabytes is read a slice at a time, and every line arrives whole', async () => {
  const { page, errors } = await openApp(browser.context);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const seed = await readFile(SEED, 'utf8');
  // 5.2 million UTF-16 units (the page reads 2 million per task: web/src/state/pasted_text.rs), with
  // characters of two and three UTF-8 bytes throughout and the seed at the very end.
  const lines = 400_000;
  const line = '# é comment ☃'; // 13 units and the line break: the slices end inside lines
  const big = `${`${line}\n`.repeat(lines)}${seed}`;
  assert.ok(big.length > 2 * 2 ** 21);
  await page.evaluate((text) => navigator.clipboard.writeText(text), big);
  // Whether the page said it was reading the paste while it did (the notice comes and goes within tasks).
  await page.evaluate(() => {
    window.__reading = false;
    new MutationObserver(() => {
      window.__reading ||= document.querySelector('[data-testid="reading-paste"]') !== null;
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.locator('#paste').focus();
  await page.keyboard.press('Control+V');
  await page.getByTestId('large-input').waitFor({ timeout: 30_000 });
  assert.ok(await page.evaluate(() => window.__reading), 'the reading notice was shown');
  assert.equal(await page.getByTestId('reading-paste').count(), 0, 'and is gone once the text is read');
  // The line count from the index built slice by slice.
  const total = big.split('\n').length.toLocaleString('en-US');
  assert.ok((await page.getByTestId('large-input').textContent()).includes(`${total} lines`));
  // The seed's duplicate, found where the whole text puts it: nothing was lost or doubled between slices.
  const duplicate = finding(page, 'duplicate-extension').first();
  await duplicate.waitFor({ timeout: 60_000 });
  assert.ok((await duplicate.textContent()).includes(`line ${lines + 3}`), await duplicate.textContent());
  // Around the end of each of the first two slices, every line reads as pasted (the view draws the lines in sight).
  for (const slice of [1, 2]) {
    const at = Math.floor((slice * 2 ** 21) / (line.length + 1));
    await page.getByTestId('input-view').evaluate((view, at) => {
      view.scrollTop = (at - 5) * 20;
    }, at);
    const shown = page.getByTestId('input-view').locator('pre');
    await page.waitForFunction((at) => {
      const first = Number(document.querySelector('.gutter .numbers')?.textContent.trim().split(/\s+/)[0]);
      return Number.isFinite(first) && first <= at && at < first + 200;
    }, at + 1);
    const drawn = (await shown.textContent()).split('\n');
    assert.ok(drawn.length >= 100, `${drawn.length} lines drawn`);
    assert.deepEqual([...new Set(drawn)], [line], `slice ${slice}`);
  }
  assert.deepEqual(errors, []);
});

test('clearing a large input empties it', async () => {
  const { page, errors } = await openApp(browser.context);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((text) => navigator.clipboard.writeText(text), 'x: 1\n'.repeat(40_000));
  await page.locator('#paste').focus();
  await page.keyboard.press('Control+V');
  // 39,999 input errors (a repeated key): the first 100 are drawn until asked.
  await page.getByTestId('input-errors-show-all').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId('input-error').count(), 100);
  await page.getByTestId('clear-input').click();
  await page.locator('#paste').waitFor();
  assert.equal(await page.locator('#paste').inputValue(), '');
  assert.deepEqual(errors, []);
});

test('findings over 200 are drawn when asked', async () => {
  const { page, errors } = await openApp(browser.context);
  const rows = ['NODE        NAMESPACE   TYPE              ID   VERSION   NAME          VERSION'];
  for (let i = 1; i <= 250; i++) {
    rows.push(`10.2.0.${i}   runtime     ExtensionStatus   0    1         iscsi-tools   v0.1.1`);
    rows.push(`10.2.0.${i}   runtime     ExtensionStatus   1    1         iscsi-tools   v0.1.4`);
  }
  await page.getByTestId('input').fill(rows.join('\n'));
  await page.getByTestId('findings-show-all').waitFor({ timeout: 30_000 });
  const total = Number(/Show all (\d+)/.exec(await page.getByTestId('findings-show-all').textContent())[1]);
  assert.ok(total >= 250, `${total} findings`);
  assert.equal(await page.getByTestId('finding').count(), 200);
  await page.getByTestId('findings-show-all').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=finding]').length === n, total);
  assert.equal(await page.getByTestId('findings-show-all').count(), 0);
  assert.deepEqual(errors, []);
});

test('the detected Talos version is the field’s placeholder', async () => {
  const { page } = await openApp(browser.context);
  await page.getByTestId('examples').selectOption('chat-paste');
  await page.locator('#talos-version-hint', { hasText: 'Detected v1.9.2' }).waitFor({ timeout: 10_000 });
  assert.equal(await page.getByTestId('talos-version').getAttribute('placeholder'), 'v1.9.2');
});

test('an input over 64 MiB is refused before any work, and the limit is stated', async () => {
  const { page, errors } = await openApp(browser.context);
  assert.match(await page.locator('#input-limit').textContent(), /Up to 64 MiB per input/);
  await drop(page, '#paste', [['huge.log', 64 * 1024 * 1024 + 1]]);
  const refused = page.getByTestId('refused');
  await refused.waitFor({ timeout: 10_000 });
  assert.match(await refused.textContent(), /huge\.log is 67\.1 MB; the limit is 64 MiB per input\. It was not read\./);
  assert.equal(await page.getByTestId('input-tab').count(), 0, 'no input was added');
  assert.equal(await page.getByTestId('progress').count(), 0);
  assert.deepEqual(errors, []);
});

test('the gutter numbers every line in sight after the input box is made taller', async () => {
  const { page, errors } = await openApp(browser.context);
  const lines = Array.from({ length: 1200 }, (_, i) => `# line ${i + 1}`).join('\n');
  await page.getByTestId('input').fill(lines);
  const last = async () => Number((await page.locator('.gutter .numbers').textContent()).split('\n').at(-1));
  // Filling leaves the caret, and the scroll, at the end: back to the top.
  await page.getByTestId('input').evaluate((area) => {
    area.scrollTop = 0;
    area.dispatchEvent(new Event('scroll'));
  });
  await page.waitForFunction(() => document.querySelector('.gutter .numbers')?.textContent.startsWith('1\n2\n'));
  assert.ok((await last()) < 1200, 'a short box draws a block of numbers, not all 1,200');
  // Dragging the resize handle to a box taller than the drawn block (24,000 px: all 1,200 lines in sight).
  await page.getByTestId('input').evaluate((area) => {
    area.style.height = '24100px';
  });
  await page.waitForFunction(
    () => Number(document.querySelector('.gutter .numbers').textContent.split('\n').at(-1)) === 1200,
    null,
    { timeout: 5_000 },
  );
  assert.equal(await last(), 1200);
  assert.deepEqual(errors, []);
});

test('when the worker cannot load, a large input is analysed on the page and a note says so', async () => {
  const { page, errors } = await openApp(browser.context);
  await page.route('**/worker.js', (route) => route.abort());
  const rows = ['NODE        NAMESPACE   TYPE              ID   VERSION   NAME          VERSION'];
  for (let i = 0; i < 4000; i++) {
    rows.push(`10.2.${Math.floor(i / 250)}.${(i % 250) + 1}   runtime     ExtensionStatus   0    1         iscsi-tools   v0.1.6`);
  }
  rows.push('10.2.0.1   runtime     ExtensionStatus   1    1         iscsi-tools   v0.1.5');
  const text = rows.join('\n');
  assert.ok(text.length > 256 * 1024, 'over the worker threshold');
  await page.evaluate((text) => {
    const area = document.querySelector('#paste');
    area.value = text;
    area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
  await page.getByTestId('analysis-note').waitFor({ timeout: 30_000 });
  assert.match(await page.getByTestId('analysis-note').textContent(), /could not start/);
  const dup = page.locator('[data-testid=finding][data-rule=duplicate-extension][data-node="10.2.0.1"]');
  await dup.first().waitFor({ timeout: 30_000 });
  assert.equal(await page.getByTestId('progress').count(), 0, 'no progress left once analysed');
  assert.equal(await page.getByTestId('results-stale').count(), 0, 'the results are of this input');
  assert.deepEqual(errors, []);
});
