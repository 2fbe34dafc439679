// Not a test: `BASE_URL=… node e2e/screenshot.mjs OUT.png [light|dark] [FIXTURE]` saves a screenshot of the app.
import { readFile } from 'node:fs/promises';
import { launch, openApp } from './browser.mjs';

const [out = 'screenshot.png', scheme = 'light', fixture] = process.argv.slice(2);
const browser = await launch();
try {
  await browser.context.pages()[0]?.close();
  const { page } = await openApp(browser.context);
  await page.emulateMedia({ colorScheme: scheme });
  await page.setViewportSize({ width: 1400, height: 900 });
  if (fixture) await page.getByTestId('input').fill(await readFile(fixture, 'utf8'));
  await page.waitForTimeout(300);
  await page.screenshot({ path: out, fullPage: true });
} finally {
  await browser.close();
}
