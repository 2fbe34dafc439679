// The app runs under its Content-Security-Policy (no inline script or style) without a single violation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the app loads and reacts to input under its CSP without violations', async () => {
  await browser.context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const { page, errors } = await openApp(browser.context);
  const consoleCsp = [];
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) consoleCsp.push(m.text());
  });

  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline script in the page');

  await page.getByTestId('input').fill('<img src=x onerror="window.__xss = 1"> <script>window.__xss = 1</script>');
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'pasted text never runs');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(consoleCsp, []);
  assert.deepEqual(errors, []);
});
