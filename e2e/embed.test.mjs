// Embed mode (?embed=1): class `embed` on the app root, no header chrome but the one-line privacy note, compact.
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch } from './browser.mjs';
import { makeShareLink } from './session-steps.mjs';

const SEED = new URL('../fixtures/examples/01-talos-10404-duplicate-iscsi-tools-table.txt', import.meta.url);

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('?embed=1 shows the compact app with the privacy note only', async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto(`${BASE_URL}?embed=1`);
  await page.getByTestId('input').waitFor({ timeout: 20_000 });

  assert.equal(await page.locator('.app-root.embed').count(), 1);
  assert.equal(await page.locator('.page-header').count(), 0, 'no header chrome');
  assert.equal(await page.locator('h1').count(), 0);
  const privacy = page.getByTestId('privacy');
  assert.match(await privacy.textContent(), /nothing you paste leaves this page/);
  const { height } = await page.locator('.embed-header').boundingBox();
  assert.ok(height < 40, `the note is one line (${height} px)`);

  await page.getByTestId('input').fill(await readFile(SEED, 'utf8'));
  await page.getByTestId('finding').first().waitFor({ timeout: 10_000 });
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 800, 'fits the frame’s width');
  await page.close();

  const plain = await browser.context.newPage();
  await plain.goto(BASE_URL);
  await plain.getByTestId('input').waitFor({ timeout: 20_000 });
  assert.equal(await plain.locator('.app-root.embed').count(), 0);
  assert.equal(await plain.locator('.page-header').count(), 1);
  await plain.close();
  assert.deepEqual(errors, []);
});

test('a share link made in embed mode opens the whole page', async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`${BASE_URL}?lang=en&embed=1`);
  await page.getByTestId('input').waitFor({ timeout: 20_000 });
  const seed = await readFile(SEED, 'utf8');
  await page.getByTestId('input').fill(seed);
  await page.getByTestId('finding').first().waitFor({ timeout: 10_000 });

  const link = await makeShareLink(page);
  const url = new URL(link);
  assert.equal(url.searchParams.get('embed'), null, link);
  assert.equal(url.searchParams.get('lang'), 'en', 'other parameters stay');
  await page.close();

  const opened = await browser.context.newPage();
  opened.on('pageerror', (e) => errors.push(String(e)));
  await opened.goto(link);
  await opened.getByTestId('share-opened').waitFor({ timeout: 20_000 });
  assert.equal(await opened.locator('.app-root.embed').count(), 0, 'not embedded');
  assert.equal(await opened.locator('.page-header').count(), 1);
  assert.equal(await opened.getByTestId('input').inputValue(), seed);
  await opened.close();
  assert.deepEqual(errors, []);
});
