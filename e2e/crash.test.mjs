// The crash overlay: a deliberate panic (#panic-selftest) shows it, its diagnostic copies without the input, and
// the input is still there after a reload; a wasm that cannot load shows the same overlay from boot.js.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, openApp } from './browser.mjs';
import { paste, readSeed, STORAGE_KEY, waitStored } from './session-steps.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('a panic shows the overlay, copies a diagnostic without the input, and keeps the input', async () => {
  const seed = await readSeed();
  const { page } = await openApp(browser.context);
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await paste(page, seed);
  await waitStored(page);

  await page.evaluate(() => (location.hash = '#panic-selftest'));
  const overlay = page.getByTestId('crash');
  await overlay.waitFor({ timeout: 10_000 });
  assert.equal(await overlay.count(), 1, 'one overlay');
  assert.equal(await overlay.getAttribute('role'), 'alertdialog');
  assert.match(await overlay.textContent(), /Something went wrong/);

  await page.getByTestId('copy-diagnostic').click();
  await page.getByTestId('copy-diagnostic').filter({ hasText: 'Copied' }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await page.getByTestId('diagnostic').textContent());
  assert.match(copied, /^panic: panic self-test \(#panic-selftest\)$/m);
  assert.match(copied, /^at: web\/src\/crash\.rs:\d+:\d+$/m);
  assert.match(copied, /^app: talos-ext-web \d+\.\d+\.\d+/m);
  assert.match(copied, /^build: .*_bg\.wasm$/m);
  assert.ok(copied.includes(await page.evaluate(() => navigator.userAgent)), 'the user agent');
  for (const fromInput of ['iscsi-tools', 'control-plane-ip', 'ExtensionStatus']) {
    assert.ok(!copied.includes(fromInput), `the diagnostic holds nothing of the input (${fromInput})`);
  }
  assert.equal(await page.getByTestId('input').inputValue(), seed, 'the text area stays');

  await page.goto(BASE_URL);
  await page.getByTestId('input').waitFor();
  assert.equal(await page.getByTestId('input').inputValue(), seed, 'and the input is back after a reload');
  assert.equal(await page.getByTestId('crash').count(), 0);
});

test('the overlay reloads without the self-test fragment, and can forget the input', async () => {
  const { page } = await openApp(browser.context);
  await paste(page, 'kept\n');
  await waitStored(page);
  await page.evaluate(() => (location.hash = '#panic-selftest'));
  await page.getByTestId('crash').waitFor({ timeout: 10_000 });
  await Promise.all([page.waitForURL((url) => url.hash === ''), page.getByTestId('crash-reload').click()]);
  await page.getByTestId('input').waitFor();
  assert.equal(await page.getByTestId('input').inputValue(), 'kept\n');

  await page.evaluate(() => (location.hash = '#panic-selftest'));
  await page.getByTestId('crash').waitFor({ timeout: 10_000 });
  await Promise.all([page.waitForEvent('load'), page.getByTestId('crash-forget').click()]);
  await page.getByTestId('input').waitFor();
  assert.equal(await page.getByTestId('input').inputValue(), '');
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY), null);
});

test('a wasm that fails to load shows the same overlay, from boot.js', async () => {
  const page = await browser.context.newPage();
  await page.route(/_bg\.wasm$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(BASE_URL);
  const overlay = page.getByTestId('crash');
  await overlay.waitFor({ timeout: 20_000 });
  assert.match(await overlay.textContent(), /could not start/);
  assert.match(await page.getByTestId('diagnostic').textContent(), /^start-up failure: /);
  await page.close();
});
