// Exports: the report as JSON (the report contract), SARIF 2.1.0 and Markdown downloads, and "copy as Markdown".
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp } from './browser.mjs';
import { download, paste, readSeed } from './session-steps.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the seed report downloads as JSON, SARIF and Markdown, and copies as Markdown', async () => {
  const { page, errors } = await openApp(browser.context);
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await paste(page, await readSeed());

  const json = await download(page, 'export-json');
  assert.equal(json.name, 'talos-ext-report.json');
  const report = JSON.parse(json.text);
  assert.equal(report.report_version, 1);
  assert.equal(report.inputs[0].name, 'paste');
  const duplicate = report.findings.find((f) => f.rule === 'duplicate-extension');
  assert.equal(duplicate?.severity, 'error');
  assert.equal(duplicate?.node, '<control-plane-ip>');

  const sarif = await download(page, 'export-sarif');
  assert.equal(sarif.name, 'talos-ext-report.sarif');
  const log = JSON.parse(sarif.text);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs[0].tool.driver.name, 'talos-ext');
  assert.ok(log.runs[0].results.some((r) => r.ruleId === 'duplicate-extension' && r.level === 'error'));

  const markdown = await download(page, 'export-markdown');
  assert.equal(markdown.name, 'talos-ext-report.md');
  assert.match(markdown.text, /^# Talos extension analysis\n/);
  assert.match(markdown.text, /iscsi-tools/);

  await page.getByTestId('copy-markdown').click();
  await page.getByTestId('copy-markdown').filter({ hasText: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), markdown.text);
  assert.deepEqual(errors, []);
});
