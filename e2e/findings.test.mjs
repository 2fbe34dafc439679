// The classic duplicate: the seed table yields a duplicate-extension finding with fixes that copy to the clipboard.
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp } from './browser.mjs';

const SEED = new URL('../fixtures/examples/01-talos-10404-duplicate-iscsi-tools-table.txt', import.meta.url);

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the duplicate iscsi-tools is an error finding whose fix copies', async () => {
  const { page, errors } = await openApp(browser.context);
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  assert.match(await page.getByTestId('privacy').textContent(), /nothing you paste leaves this page/);

  await page.getByTestId('input').fill(await readFile(SEED, 'utf8'));
  const finding = page.locator('[data-testid=finding][data-rule=duplicate-extension]');
  await finding.first().waitFor({ timeout: 10_000 });
  assert.equal(await finding.first().getAttribute('data-severity'), 'error');
  assert.equal(await finding.first().getAttribute('data-node'), '<control-plane-ip>');
  assert.match(await finding.first().locator('.message').textContent(), /iscsi-tools/);

  const copy = finding.first().getByTestId('copy').first();
  const code = await finding.first().locator('.fix-code pre').first().textContent();
  await copy.click();
  assert.equal(await copy.textContent(), 'Copied');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
  assert.deepEqual(errors, []);
});
