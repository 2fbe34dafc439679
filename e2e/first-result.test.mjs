// The share link that bench-browser.mjs part 4 times (scripts/first-result.mjs writes it by share.rs's format,
// without the app) opens the seed example on a first visit: the benchmark measures the app's real first result.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch } from './browser.mjs';
import { readSeed } from './session-steps.mjs';
import { shareFragment } from '../scripts/first-result.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("the benchmark's share link opens the seed example with its finding", async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${BASE_URL}${shareFragment(await readSeed())}`);
  await page.getByTestId('share-opened').waitFor({ timeout: 20_000 });
  const finding = page.locator('[data-testid=finding][data-rule=duplicate-extension]').first();
  await finding.waitFor({ timeout: 20_000 });
  assert.match(await finding.textContent(), /iscsi-tools/);
  assert.deepEqual(errors, []);
});
