// The cluster matrix on a three-node paste: versions per node and extension, drift and duplicates marked, a legend,
// and at 360 px it scrolls inside its own box with the node column kept in view.
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp } from './browser.mjs';

const CLUSTER = new URL('../fixtures/web/cluster-drift.txt', import.meta.url);
const SEED = new URL('../fixtures/examples/01-talos-10404-duplicate-iscsi-tools-table.txt', import.meta.url);

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the matrix shows each node’s versions with drift and duplicates marked', async () => {
  const { page, errors } = await openApp(browser.context);
  await page.getByTestId('input').fill(await readFile(CLUSTER, 'utf8'));
  const matrix = page.getByTestId('matrix');
  await matrix.waitFor({ timeout: 10_000 });

  assert.deepEqual(await matrix.locator('thead th').allTextContents(), [
    'Node',
    'iscsi-tools',
    'qemu-guest-agent',
    'util-linux-tools',
  ]);
  const rows = await matrix.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) =>
      [...tr.cells].map((c) => ({
        text: [...c.querySelectorAll('.v')].map((v) => v.firstChild.textContent).join(',') || c.textContent,
        drift: c.dataset.drift === 'true',
        duplicate: c.dataset.duplicate === 'true',
      })),
    ),
  );
  assert.deepEqual(
    rows.map((r) => r.map((c) => c.text)),
    [
      ['10.0.0.11', 'v0.1.6', '9.2.0', '2.40.4'],
      ['10.0.0.12', 'v0.1.6', '9.2.0', '2.40.4'],
      ['10.0.0.13', 'v0.1.1,v0.1.6', '—not installed', '2.39.3'],
    ],
  );
  const marked = rows.flatMap((r, i) => r.map((c, j) => [i, j, c.drift, c.duplicate])).filter((m) => m[2] || m[3]);
  // The old iscsi-tools beside the new one (drift and duplicate), the older util-linux-tools (drift).
  assert.deepEqual(marked, [
    [2, 1, true, true],
    [2, 3, true, false],
  ]);
  assert.equal(await matrix.locator('.legend li').count(), 3);
  await page.close();
  assert.deepEqual(errors, []);
});

test('at 360 px the matrix scrolls in its own box and keeps the node column in view', async () => {
  const { page, errors } = await openApp(browser.context);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.getByTestId('input').fill(await readFile(CLUSTER, 'utf8'));
  const box = page.locator('.matrix-scroll');
  await box.waitFor({ timeout: 10_000 });
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360, 'the page does not scroll sideways');
  const { scrollWidth, clientWidth } = await box.evaluate((b) => ({ scrollWidth: b.scrollWidth, clientWidth: b.clientWidth }));
  assert.ok(scrollWidth > clientWidth, 'the matrix is wider than its box');
  const node = box.locator('tbody th').first();
  const before = await node.boundingBox();
  await box.evaluate((b) => b.scrollBy(200, 0));
  const afterScroll = await node.boundingBox();
  assert.equal(Math.round(afterScroll.x), Math.round(before.x), 'the node column stays');
  assert.equal(await box.getAttribute('tabindex'), '0', 'the box is reachable by keyboard');
  await page.close();
  assert.deepEqual(errors, []);
});

test('one node shows no matrix', async () => {
  const { page, errors } = await openApp(browser.context);
  await page.getByTestId('input').fill(await readFile(SEED, 'utf8'));
  await page.locator('[data-testid=finding][data-node="<control-plane-ip>"]').first().waitFor({ timeout: 10_000 });
  assert.equal(await page.getByTestId('matrix').count(), 0);
  await page.close();
  assert.deepEqual(errors, []);
});

test('a node that did not answer talosctl is named under the matrix, which no longer speaks for every node', async () => {
  const unanswered = new URL('../fixtures/rules/node-did-not-answer--fires--one-of-three.txt', import.meta.url);
  const { page, errors } = await openApp(browser.context);
  await page.getByTestId('input').fill(await readFile(unanswered, 'utf8'));
  const matrix = page.getByTestId('matrix');
  await matrix.waitFor({ timeout: 10_000 });
  assert.deepEqual(await matrix.locator('tbody th').allTextContents(), ['10.0.0.1', '10.0.0.2']);
  const hint = await matrix.locator('.hint').first().textContent();
  assert.match(hint, /Not shown: 10\.0\.0\.3, which did not answer talosctl\./);
  assert.doesNotMatch(hint, /Every node runs/);
  assert.match(hint, /Every node shown runs the same versions/);
  await page.locator('[data-testid=finding][data-node="10.0.0.3"]').first().waitFor();
  await page.close();
  assert.deepEqual(errors, []);
});

test('a large cluster draws its first 100 rows a few at a time, drifting nodes among them, and "Show all" draws every node', async () => {
  const { page, errors } = await openApp(browser.context);
  // 300 nodes; the last one runs another iscsi-tools than the others (drift).
  const rows = ['NODE NAMESPACE TYPE ID VERSION NAME VERSION'];
  for (let i = 1; i <= 300; i++) {
    const node = `10.0.${Math.floor(i / 250)}.${i % 250}`;
    rows.push(`${node} runtime ExtensionStatus 0 1 iscsi-tools ${i === 300 ? 'v0.1.5' : 'v0.1.6'}`);
    rows.push(`${node} runtime ExtensionStatus 1 1 gvisor 20250101.0`);
  }
  await page.getByTestId('input').fill(rows.join('\n'));
  const matrix = page.getByTestId('matrix');
  await matrix.waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=matrix] tbody tr').length === 100);
  const nodes = await matrix.locator('tbody th').allTextContents();
  assert.ok(nodes.includes('10.0.1.50'), 'the drifting node is among the rows drawn');
  assert.match(await matrix.locator('.row-limit').textContent(), /^200 more nodes without drift or duplicates are not drawn\. Show all 300 nodes$/);
  await page.getByTestId('matrix-show-all').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=matrix] tbody tr').length === 300);
  assert.equal(await matrix.locator('.row-limit').count(), 0);
  await page.close();
  assert.deepEqual(errors, []);
});
