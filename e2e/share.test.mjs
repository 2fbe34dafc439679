// Share links: the session (text inputs, Talos version, grouping) travels in the URL fragment and reopens the same
// view in a browser that has never seen it; a broken link is a message and an empty editor, never a crash.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, openApp } from './browser.mjs';
import { groupBy, makeShareLink, paste, present, readSeed, setGroupBy, STORAGE_KEY, waitStored, waitStoredWith } from './session-steps.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('a share link reopens the same inputs, version and grouping in a fresh browser', async () => {
  const seed = await readSeed();
  const { page, errors } = await openApp(browser.context);
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await paste(page, seed);
  const hasVersion = await present(page, 'talos-version');
  const hasGroupBy = await present(page, 'group-by');
  if (hasVersion) await page.getByTestId('talos-version').fill('v1.9.2');
  if (hasGroupBy) await setGroupBy(page, 'rule');
  const findings = await page.getByTestId('finding').count();

  const link = await makeShareLink(page);
  assert.ok(link.startsWith(`${BASE_URL.replace(/\/$/, '')}/`), link);
  assert.match(link, /#s=[A-Za-z0-9_-]+$/);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link, 'the link is on the clipboard');
  assert.match(await page.locator('.share').textContent(), /Everything is in the link itself/);

  // A browser with its own empty profile: only the link can bring the session.
  const fresh = await launch();
  try {
    const other = await fresh.context.newPage();
    const otherErrors = [];
    other.on('pageerror', (e) => otherErrors.push(String(e)));
    await other.goto(link);
    await other.getByTestId('share-opened').waitFor({ timeout: 20_000 });
    assert.equal(await other.getByTestId('input').inputValue(), seed);
    if (hasVersion) assert.equal(await other.getByTestId('talos-version').inputValue(), 'v1.9.2');
    if (hasGroupBy) assert.equal(await groupBy(other), 'rule');
    await other.getByTestId('finding').first().waitFor();
    assert.equal(await other.getByTestId('finding').count(), findings, 'the same findings');
    assert.equal(new URL(other.url()).hash, '', 'the fragment is taken out of the address once opened');
    assert.ok(await other.evaluate((k) => localStorage.getItem(k) !== null, STORAGE_KEY), 'then kept locally');
    assert.deepEqual(otherErrors, []);
  } finally {
    await fresh.close();
  }
  assert.deepEqual(errors, []);
});

test('broken, cut and future links give a message and an empty editor; what was kept survives', async () => {
  const seed = await readSeed();
  const { page, errors } = await openApp(browser.context);
  await paste(page, seed);
  const link = await makeShareLink(page);
  await waitStored(page);
  const fragment = new URL(link).hash.slice('#s='.length);

  const cases = [
    ['cut in half', fragment.slice(0, Math.floor(fragment.length / 2)), /broken or cut off/],
    ['cut by one character', fragment.slice(0, -1), /broken or cut off/],
    ['not base64url', 'not*base64', /broken or cut off/],
    ['empty', '', /broken or cut off/],
    ['version 1, not deflate', 'AQ', /broken or cut off/],
    // Version byte 9 followed by nothing: a newer format.
    ['a newer format', 'CQ', /newer version/],
  ];
  for (const [what, payload, message] of cases) {
    await page.goto(`${BASE_URL}#s=${payload}`);
    const error = page.getByTestId('share-error');
    await error.waitFor({ timeout: 20_000 });
    assert.match(await error.textContent(), message, what);
    assert.equal(await page.getByTestId('input').inputValue(), '', `${what}: the editor is empty`);
  }
  // The broken link did not replace what this browser kept.
  await page.goto(BASE_URL);
  await page.getByTestId('input').waitFor();
  assert.equal(await page.getByTestId('input').inputValue(), seed);
  assert.deepEqual(errors, []);
});

test('a link pasted into the address bar of an open page opens without a reload', async () => {
  const { page, errors } = await openApp(browser.context);
  await paste(page, 'NODE NAMESPACE TYPE ID VERSION NAME VERSION\n');
  const link = await makeShareLink(page);
  await page.getByTestId('input').fill('something else');
  // The editor hands edits on after a pause; wait until this one is in the session (and so in storage).
  await waitStoredWith(page, 'something else');
  await page.evaluate((hash) => (location.hash = hash), new URL(link).hash);
  await page.getByTestId('share-opened').waitFor({ timeout: 20_000 });
  assert.equal(await page.getByTestId('input').inputValue(), 'NODE NAMESPACE TYPE ID VERSION NAME VERSION\n');
  assert.deepEqual(errors, []);
});

test('files that are not text are neither kept nor shared, and the page says so', async (t) => {
  const { page, errors } = await openApp(browser.context);
  if (!(await present(page, 'file-picker'))) return t.skip('no file picker on the page yet');
  await paste(page, 'text\n');
  // An empty zip archive: just the end-of-central-directory record.
  const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]);
  await page.getByTestId('file-picker').setInputFiles({ name: 'support.zip', mimeType: 'application/zip', buffer: zip });
  await page.getByText('neither kept nor shared').waitFor({ timeout: 10_000 });
  await makeShareLink(page);
  assert.match(await page.locator('.share').textContent(), /Not in the link \(not text\): support\.zip/);
  assert.deepEqual(errors, []);
});
