// The pipeline end to end: a pasted `talosctl get extensions` table becomes extension rows, via the analysis crate.
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

test('pasting the iscsi-tools table lists both iscsi-tools rows', async () => {
  const { page, errors } = await openApp(browser.context);
  const rows = page.getByTestId('extension-row');
  assert.equal(await rows.count(), 0, 'no rows before a paste');

  await page.getByTestId('input').fill(await readFile(SEED, 'utf8'));
  await rows.nth(1).waitFor({ timeout: 10_000 });

  const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
  const iscsi = cells.filter((c) => c[1] === 'iscsi-tools');
  assert.deepEqual(
    iscsi.map((c) => [c[0], c[2], c[3]]),
    [
      ['<control-plane-ip>', 'v0.1.1', 'installed'],
      ['<control-plane-ip>', 'v0.1.4', 'installed'],
    ],
  );
  assert.deepEqual(errors, []);
});
