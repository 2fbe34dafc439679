// Not a test: `BASE_URL=… node e2e/screenshot.mjs OUT.png [light|dark] [FIXTURE] [WIDTH] [HEIGHT|full]` saves a
// screenshot of the app (default 1440 wide, the whole page; a numeric HEIGHT keeps to the viewport).
import { readFile } from 'node:fs/promises';
import { launch, openApp } from './browser.mjs';

const [out = 'screenshot.png', scheme = 'light', fixture, width = '1440', height = 'full'] = process.argv.slice(2);
const full = height === 'full';
// The colour scheme is the context's from the start, as a visitor's system would set it.
const browser = await launch({
  colorScheme: scheme,
  viewport: { width: Number(width), height: full ? 900 : Number(height) },
});
try {
  await browser.context.pages()[0]?.close();
  const { page } = await openApp(browser.context);
  if (fixture) await page.getByTestId('input').fill(await readFile(fixture, 'utf8'));
  // Take the focus off the input, so the picture shows the page at rest.
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  await page.waitForTimeout(300);
  await page.screenshot({ path: out, fullPage: full });
} finally {
  await browser.close();
}
