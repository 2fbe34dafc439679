// Hostile values (node names, extension names, versions, image references, schematic fields, YAML keys, file names)
// holding markup, event handlers, javascript: URLs and HTML entities are shown as text everywhere: no dialog, no
// injected element, no javascript: link, in the findings, the extension list, the matrix, the rule pages and the
// exported Markdown.
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp } from './browser.mjs';
import { download, paste, present } from './session-steps.mjs';

const HOSTILE = new URL('./fixtures/hostile-values.txt', import.meta.url);

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** What an injection would add: scripts, images, frames, on* attributes, javascript: URLs. */
const census = (page) =>
  page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    const urls = all.flatMap((e) => ['href', 'src', 'action', 'formaction', 'xlink:href'].map((a) => e.getAttribute(a)));
    return {
      script: document.querySelectorAll('script').length,
      img: document.querySelectorAll('img').length,
      frames: document.querySelectorAll('iframe, object, embed, frame').length,
      handlers: all.filter((e) => [...e.attributes].some((a) => a.name.toLowerCase().startsWith('on'))).length,
      javascriptUrls: urls.filter((u) => u && /^\s*javascript:/i.test(u)).length,
    };
  });

/** Raw HTML in Markdown outside code spans and fenced blocks (where a Markdown renderer would pass it through). */
function htmlOutsideCode(markdown) {
  let fence = null;
  const prose = [];
  for (const line of markdown.split('\n')) {
    const opening = line.match(/^\s*(`{3,}|~{3,})/);
    if (fence) {
      if (opening && opening[1][0] === fence[0] && opening[1].length >= fence.length && line.trim() === opening[1])
        fence = null;
      continue;
    }
    if (opening) {
      fence = opening[1];
      continue;
    }
    prose.push(line.replace(/(`+)(.*?[^`])\1(?!`)/g, ''));
  }
  const text = prose.join('\n');
  return [...(text.match(/(?<!\\)<\/?[a-z!]/gi) ?? []), ...(text.match(/\]\(\s*javascript:/gi) ?? [])];
}

test('hostile values are shown as text, never as markup', async () => {
  const { page, errors } = await openApp(browser.context);
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  const clean = await census(page);

  await paste(page, await readFile(HOSTILE, 'utf8'));
  await page.getByTestId('finding').first().waitFor();

  const findings = await page.getByTestId('finding').allTextContents();
  const all = findings.join('\n');
  for (const shown of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)']) {
    assert.ok(all.includes(shown), `findings show ${shown} as text`);
  }
  const duplicate = page.locator('[data-testid=finding][data-rule=duplicate-extension]').first();
  assert.equal(await duplicate.getAttribute('data-node'), '<script>alert(1)</script>');
  // Several nodes: the full list is drawn once its disclosure is opened.
  if (await present(page, 'all-extensions')) {
    await page.getByTestId('all-extensions').locator('summary').click();
    await page.getByTestId('extension-row').first().waitFor();
  }
  const rows = (await page.getByTestId('extension-row').allTextContents()).join('\n');
  for (const shown of ['<img src=x onerror=alert(1)>', '<script>alert(2)</script>', '&lt;b&gt;']) {
    assert.ok(rows.includes(shown), `the extension list shows ${shown} as text`);
  }
  const inputErrors = (await page.getByTestId('input-error').allTextContents()).join('\n');
  assert.ok(inputErrors.includes('<script>alert(1)</script>'), 'the repeated YAML key is shown as text');
  if (await present(page, 'matrix')) {
    assert.ok((await page.getByTestId('matrix').textContent()).includes('<img src=x onerror=alert(1)>'));
  }
  assert.deepEqual(await census(page), clean, 'after the paste');

  if (await present(page, 'file-picker')) {
    await page.getByTestId('file-picker').setInputFiles({
      name: '<img src=x onerror=alert(1)>.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.from('machine:\n  install:\n    image: "javascript:alert(1)"\n'),
    });
    await page.getByText('<img src=x onerror=alert(1)>.yaml').first().waitFor({ timeout: 10_000 });
    assert.deepEqual(await census(page), clean, 'after a file with a hostile name');
  }

  for (const route of ['#/rules', '#/rules/duplicate-extension', '#/rules/<script>alert(1)<%2Fscript>']) {
    await page.evaluate((hash) => (location.hash = hash), route);
    if (await present(page, 'rule-page')) await page.getByTestId('rule-page').waitFor();
    assert.deepEqual(await census(page), clean, `on ${route}`);
  }
  await page.evaluate(() => (location.hash = ''));
  await page.getByTestId('input').waitFor();

  const markdown = await download(page, 'export-markdown');
  assert.ok(markdown.text.includes('alert(1)'), 'the Markdown holds the hostile values');
  assert.deepEqual(htmlOutsideCode(markdown.text), [], 'and no raw HTML outside code');

  assert.deepEqual(await census(page), clean, 'at the end');
  assert.deepEqual(dialogs, [], 'no dialog opened');
  assert.deepEqual(errors, []);
});

test('the Markdown check finds raw HTML and leaves code alone', () => {
  assert.deepEqual(htmlOutsideCode('a \\<script> `<b>` and\n```\n<img>\n```\n'), []);
  assert.deepEqual(htmlOutsideCode('a <script>'), ['<s']);
  assert.deepEqual(htmlOutsideCode('[x](javascript:alert(1))'), ['](javascript:']);
});
