// Rule docs in the app: the index at #/rules, one page per rule at #/rules/<id> rendered from the rule's Markdown,
// links from findings, and share fragments (#s=…) that are never taken for a route.
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, openApp } from './browser.mjs';

const SEED = new URL('../fixtures/examples/01-talos-10404-duplicate-iscsi-tools-table.txt', import.meta.url);
const RULES = [
  'duplicate-extension',
  'version-drift',
  'config-state-mismatch',
  'deprecated-install-extensions',
  'catalog-version-mismatch',
  'unknown-extension',
  'invalid-image-reference',
  'upgrade-without-image',
  'kmod-talos-mismatch',
  'extension-service-config-orphan',
  'node-did-not-answer',
  'schematic-drift',
  'catalog-out-of-date',
  'no-extensions',
];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens the app at a fragment and waits for the rendered app. */
async function openAt(hash) {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${BASE_URL}${hash}`);
  await page.locator('.app-root').waitFor({ timeout: 20_000 });
  return { page, errors };
}

test('the rule index lists every rule with a link to its page', async () => {
  const { page, errors } = await openAt('#/rules');
  const root = page.getByTestId('rule-page');
  assert.equal(await root.getAttribute('data-route'), 'rules');
  assert.equal(await page.getByTestId('input').count(), 0, 'the analysis view is not shown');
  const links = await root.locator('.rule-list a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(links, RULES.map((r) => `#/rules/${r}`));
  await root.locator('.rule-list a', { hasText: 'version-drift' }).click();
  await page.locator('[data-testid=rule-page][data-rule=version-drift]').waitFor();
  assert.match(await page.locator('h1').textContent(), /version-drift/);
  await page.close();
  assert.deepEqual(errors, []);
});

test('a rule page renders the rule doc: headings, lists, code, safe links only', async () => {
  const { page, errors } = await openAt('#/rules/duplicate-extension');
  const root = page.locator('[data-testid=rule-page][data-rule=duplicate-extension]');
  await root.waitFor();
  assert.deepEqual(await root.locator('article h2').allTextContents(), [
    'What it finds',
    'Why it matters',
    'Example',
    'How to fix',
  ]);
  assert.equal(await root.locator('article ol > li').count(), 4, 'the fix ladder is a numbered list');
  assert.match(await root.locator('article pre code').first().textContent(), /iscsi-tools/);
  assert.ok((await root.locator('article em').count()) >= 1, 'emphasis is rendered');
  // No raw Markdown left over.
  assert.doesNotMatch(await root.locator('article').innerText(), /```|\*appends\*/);
  // Focus lands on the page's heading.
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');

  const { page: other } = await openAt('#/rules/unknown-extension');
  const link = other.locator('article a[href^="https://"]').first();
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  await other.close();
  await page.close();
  assert.deepEqual(errors, []);
});

test('a finding links to its rule page, and the way back keeps the analysis', async () => {
  const { page, errors } = await openApp(browser.context);
  await page.getByTestId('input').fill(await readFile(SEED, 'utf8'));
  await page.getByTestId('finding').first().locator('a.rule').click();
  await page.locator('[data-testid=rule-page][data-rule=duplicate-extension]').waitFor();
  await page.locator('.crumbs a', { hasText: 'Analysis' }).click();
  await page.getByTestId('finding').first().waitFor();
  assert.match(await page.getByTestId('input').inputValue(), /iscsi-tools/);
  await page.close();
  assert.deepEqual(errors, []);
});

test('an unknown rule says so; a share fragment is not a route', async () => {
  const { page, errors } = await openAt('#/rules/no-such-rule');
  await page.getByTestId('rule-page').waitFor();
  assert.match(await page.locator('h1').textContent(), /No such rule/);
  await page.close();

  const { page: shared, errors: sharedErrors } = await openAt('#s=/rules/version-drift');
  await shared.getByTestId('input').waitFor();
  assert.equal(await shared.getByTestId('rule-page').count(), 0);
  await shared.close();
  assert.deepEqual([...errors, ...sharedErrors], []);
});
