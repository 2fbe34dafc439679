// Accessibility: axe-core finds no serious or critical violation in either theme on the main view with findings
// (an explanation open), on a rule page and in embed mode. The page's CSP forbids injected scripts, so this test
// alone runs in a context that bypasses it (the CSP itself is tested in csp.test.mjs).
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import axe from 'axe-core';
import { BASE_URL, launch } from './browser.mjs';

const CLUSTER = new URL('../fixtures/web/cluster-drift.txt', import.meta.url);

let browser;
before(async () => {
  browser = await launch({ bypassCSP: true });
});
after(async () => {
  await browser?.close();
});

/** Runs axe on the page; returns the serious and critical violations, one line each. */
async function violations(page) {
  await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Opens a URL in the given colour scheme and waits for the app. */
async function open(path, colorScheme) {
  const page = await browser.context.newPage();
  await page.emulateMedia({ colorScheme });
  await page.goto(`${BASE_URL}${path}`);
  await page.locator('.app-root').waitFor({ timeout: 20_000 });
  return page;
}

for (const scheme of ['light', 'dark']) {
  test(`main view with findings, ${scheme}`, async () => {
    const page = await open('', scheme);
    await page.getByTestId('input').fill(await readFile(CLUSTER, 'utf8'));
    await page.getByTestId('finding').first().getByTestId('explain').click();
    await page.getByTestId('matrix').waitFor({ timeout: 10_000 });
    assert.deepEqual(await violations(page), []);
    await page.close();
  });

  test(`rule page and rule index, ${scheme}`, async () => {
    const page = await open('#/rules/duplicate-extension', scheme);
    await page.getByTestId('rule-page').waitFor();
    assert.deepEqual(await violations(page), []);
    await page.close();
    const index = await open('#/rules', scheme);
    await index.getByTestId('rule-page').waitFor();
    assert.deepEqual(await violations(index), []);
    await index.close();
  });

  test(`embed mode with findings, ${scheme}`, async () => {
    const page = await open('?embed=1', scheme);
    await page.getByTestId('input').fill(await readFile(CLUSTER, 'utf8'));
    await page.getByTestId('finding').first().waitFor({ timeout: 10_000 });
    assert.deepEqual(await violations(page), []);
    await page.close();
  });
}

test('the toggled dark theme passes too', async () => {
  const page = await open('', 'light');
  await page.getByTestId('theme').click();
  await page.getByTestId('input').fill(await readFile(CLUSTER, 'utf8'));
  await page.getByTestId('finding').first().waitFor({ timeout: 10_000 });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.deepEqual(await violations(page), []);
  await page.close();
});
