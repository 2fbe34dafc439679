// Once loaded, the page works offline: the first load carries everything the page shows (rule explanations and
// pages, examples, exports; docs/performance.md, "Time to first result"), so nothing it does needs the network
// afterwards. A paste large enough for the analysis worker (≥ 256 KiB), whose script the page fetches only then,
// is analysed on the page instead, as when a browser refuses workers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp } from './browser.mjs';
import { download, paste, readSeed } from './session-steps.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.context.setOffline(false);
  await browser?.close();
});

const analysed = (page) =>
  page
    .locator('[data-testid=finding], [data-testid=no-findings], [data-testid=input-error]')
    .first()
    .waitFor({ timeout: 30_000 });

test('offline after the load: examples, explanations, rule pages, exports and a large paste all work', async (t) => {
  const { page, errors } = await openApp(browser.context);
  await browser.context.setOffline(true);
  // The browser is really offline: a request to the page's own origin fails.
  const reachable = await page.evaluate(() => fetch(location.href, { cache: 'no-store' }).then(() => true, () => false));
  assert.equal(reachable, false, 'offline');

  const select = page.getByTestId('examples');
  const values = await select.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  for (const value of values) {
    await select.selectOption(value);
    await analysed(page);
  }

  await paste(page, await readSeed());
  const finding = page.locator('[data-testid=finding][data-rule=duplicate-extension]').first();
  await finding.waitFor();
  await finding.getByTestId('explain').click();
  const explanation = finding.locator('.explanation');
  await explanation.waitFor();
  assert.match(await explanation.textContent(), /strategic-merge patch appends/, "the rule's doc");

  const sarif = await download(page, 'export-sarif');
  assert.match(sarif.text, /duplicate-extension/);
  const markdown = await download(page, 'export-markdown');
  assert.match(markdown.text, /iscsi-tools/);

  await page.evaluate(() => (location.hash = '#/rules/duplicate-extension'));
  const article = page.locator('[data-testid=rule-page] article');
  await article.waitFor();
  assert.match(await article.textContent(), /iscsi-tools|extension/);
  await page.evaluate(() => (location.hash = ''));
  await page.getByTestId('input').waitFor();

  // Over the worker's threshold (256 KiB): 4,000 nodes, one of them with iscsi-tools twice; its finding shows only
  // once this input is analysed (the seed's finding is on another node).
  const rows = ['NODE        NAMESPACE   TYPE              ID   VERSION   NAME          VERSION'];
  for (let i = 0; i < 4000; i++) {
    rows.push(`10.2.${Math.floor(i / 250)}.${(i % 250) + 1}   runtime     ExtensionStatus   0    1         iscsi-tools   v0.1.6`);
  }
  rows.push('10.2.0.1   runtime     ExtensionStatus   1    1         iscsi-tools   v0.1.5');
  const text = rows.join('\n');
  assert.ok(text.length > 256 * 1024, 'over the worker threshold');
  // Set as one paste event (as input.test.mjs does): Playwright's fill types a text this long too slowly.
  await page.evaluate((text) => {
    const area = document.querySelector('#paste');
    area.value = text;
    area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
  const dup = page.locator('[data-testid=finding][data-rule=duplicate-extension][data-node="10.2.0.1"]');
  await dup.first().waitFor({ timeout: 60_000 });
  const note = await page.getByTestId('analysis-note').count();
  t.diagnostic(`large paste offline: ${note ? 'analysed on the page (the worker could not load)' : 'analysed by the worker'}`);
  assert.deepEqual(errors, []);
});
