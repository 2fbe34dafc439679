// The results side: the summary, findings grouped by node or by rule, per-span "Show in input" buttons, the rule's
// explanation on demand, copy bars that never cover the text, and input errors with their line.
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp } from './browser.mjs';

const SEED = new URL('../fixtures/examples/01-talos-10404-duplicate-iscsi-tools-table.txt', import.meta.url);
const CLUSTER = new URL('../fixtures/web/cluster-drift.txt', import.meta.url);

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens the app and pastes a fixture; waits for the first finding. */
async function paste(fixture) {
  const { page, errors } = await openApp(browser.context);
  await page.getByTestId('input').fill(await readFile(fixture, 'utf8'));
  await page.getByTestId('finding').first().waitFor({ timeout: 10_000 });
  return { page, errors };
}

test('the summary counts findings by severity, nodes, extensions and says what was read and skipped', async () => {
  const { page, errors } = await paste(CLUSTER);
  const summary = page.getByTestId('summary');
  const tiles = await summary.locator('.tile').evaluateAll((ts) =>
    ts.map((t) => `${t.querySelector('dd').textContent} ${t.querySelector('dt').textContent}`),
  );
  assert.deepEqual(tiles, ['1 error', '1 warning', '0 info', '3 nodes', '3 extensions', 'unknown Talos']);
  const read = await summary.locator('.read').textContent();
  assert.match(read, /talosctl get extensions \(table\)/);
  assert.match(read, /3 lines of other text skipped/);
  await page.close();
  assert.deepEqual(errors, []);
});

test('findings group by node by default and by rule on request', async () => {
  const { page, errors } = await paste(CLUSTER);
  const groupBy = page.getByTestId('group-by');
  assert.equal(await groupBy.inputValue(), 'node');
  const titles = () => page.locator('.group-title .group-name').allTextContents();
  assert.deepEqual(await titles(), ['10.0.0.13', 'Cluster-wide, configs and schematics']);
  // Grouped by node, the drift finding (about no one node) sits in the cluster-wide group.
  const drift = page.locator('[data-testid=finding-group]').nth(1).getByTestId('finding');
  assert.equal(await drift.getAttribute('data-rule'), 'version-drift');

  await groupBy.selectOption('rule');
  assert.deepEqual(await titles(), ['duplicate-extension', 'version-drift']);
  // Grouped by rule, each finding names its node; the rule's title links to its page.
  const dup = page.locator('[data-testid=finding][data-rule=duplicate-extension]');
  assert.match(await dup.locator('.chip.node').textContent(), /10\.0\.0\.13/);
  assert.equal(await page.locator('.group-title a').first().getAttribute('href'), '#/rules/duplicate-extension');

  await groupBy.selectOption('node');
  assert.deepEqual(await titles(), ['10.0.0.13', 'Cluster-wide, configs and schematics']);
  await page.close();
  assert.deepEqual(errors, []);
});

test('each span of a finding has a Show in input button, and each finding links to its rule', async () => {
  const { page, errors } = await paste(SEED);
  const finding = page.locator('[data-testid=finding][data-rule=duplicate-extension]');
  const buttons = finding.getByTestId('show-in-input');
  // The two table rows of the seed case: lines 3 and 4.
  assert.deepEqual(
    (await buttons.allTextContents()).map((t) => t.trim()),
    ['Show line 3 in the input', 'Show line 4 in the input'],
  );
  assert.equal(await finding.getByRole('button', { name: 'Show line 3 in the input' }).count(), 1);
  await buttons.first().click();
  assert.equal(await finding.locator('a.rule').getAttribute('href'), '#/rules/duplicate-extension');
  assert.deepEqual(await finding.locator('.chip.version').allTextContents(), ['v0.1.1', 'v0.1.4']);
  await page.close();
  assert.deepEqual(errors, []);
});

test('Explain discloses the rule doc in place, with a link to the rule page', async () => {
  const { page, errors } = await paste(SEED);
  const finding = page.getByTestId('finding').first();
  const explain = finding.getByTestId('explain');
  assert.equal(await explain.getAttribute('aria-expanded'), 'false');
  assert.equal(await finding.locator('.explanation').count(), 0);

  await explain.focus();
  await page.keyboard.press('Enter');
  assert.equal(await explain.getAttribute('aria-expanded'), 'true');
  const body = finding.locator('.explanation');
  assert.equal(await body.getAttribute('id'), await explain.getAttribute('aria-controls'));
  assert.deepEqual(await body.locator('h4').allTextContents(), [
    'What it finds',
    'Why it matters',
    'Example',
    'How to fix',
  ]);
  assert.match(await body.textContent(), /strategic-merge patch appends/);
  assert.equal(await body.locator('.rule-link a').getAttribute('href'), '#/rules/duplicate-extension');

  await explain.click();
  assert.equal(await finding.locator('.explanation').count(), 0);
  await page.close();
  assert.deepEqual(errors, []);
});

test('copy buttons sit beside, never over, the fix text; long commands wrap at 360 px', async () => {
  const { page, errors } = await paste(SEED);
  for (const width of [1440, 360]) {
    await page.setViewportSize({ width, height: 900 });
    const fixes = page.locator('.fix-code');
    const count = await fixes.count();
    assert.ok(count >= 3, `${count} fixes with code`);
    for (let i = 0; i < count; i += 1) {
      const fix = fixes.nth(i);
      const button = await fix.getByTestId('copy').boundingBox();
      const pre = await fix.locator('pre').boundingBox();
      assert.ok(button.y + button.height <= pre.y + 0.5, `copy button ${i} is above its text at ${width} px`);
    }
    const commands = page.locator('.fix[data-kind=command] pre');
    const overflow = await commands.evaluateAll((ps) => ps.filter((p) => p.scrollWidth > p.clientWidth + 1).length);
    assert.equal(overflow, 0, `commands wrap at ${width} px`);
  }
  const unsafe = page.locator('.fix[data-safety=unsafe]');
  assert.match(await unsafe.locator('.badge.unsafe').textContent(), /destroys data/);
  assert.match(await unsafe.locator('.fix-title').textContent(), /wipes STATE and EPHEMERAL/);
  await page.close();
  assert.deepEqual(errors, []);
});

test('an input error shows its line, what was expected, and a Show in input button', async () => {
  const { page, errors } = await openApp(browser.context);
  await page
    .getByTestId('input')
    .fill('machine:\n  install:\n    extensions:\n      - image: ghcr.io/siderolabs/iscsi-tools:v0.1.1\n     bad: [\n');
  const error = page.getByTestId('input-error');
  await error.first().waitFor({ timeout: 10_000 });
  assert.match(await error.locator('.where').textContent(), /^line 5, column \d+$/);
  assert.match(await error.locator('.message').textContent(), /expected/);
  assert.equal(await error.getByTestId('show-in-input').count(), 1);
  await error.getByTestId('show-in-input').click();
  await page.close();
  assert.deepEqual(errors, []);
});
