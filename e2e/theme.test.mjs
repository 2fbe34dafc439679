// Themes: the system's by default, the toggle switches and is remembered across visits.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch({ colorScheme: 'light' });
});
after(async () => {
  await browser?.close();
});

const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('the theme follows the system, toggles, and is remembered', async () => {
  const { page, errors } = await openApp(browser.context);
  const light = await background(page);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), undefined);

  const toggle = page.getByTestId('theme');
  assert.match(await toggle.textContent(), /Dark/);
  await page.emulateMedia({ colorScheme: 'dark' });
  const systemDark = await background(page);
  assert.notEqual(systemDark, light, 'a dark system gives the dark theme');
  // The label follows the system while nothing is picked: it offers the other theme than the one shown.
  await page.waitForFunction(() => document.querySelector('[data-testid=theme]').textContent.includes('Light'));
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => document.querySelector('[data-testid=theme]').textContent.includes('Dark'));

  await toggle.click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.equal(await background(page), systemDark);
  assert.match(await toggle.textContent(), /Light/);

  await page.reload();
  await page.getByTestId('input').waitFor({ timeout: 20_000 });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'remembered');
  assert.equal(await background(page), systemDark);

  await page.getByTestId('theme').click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
  assert.equal(await background(page), light);
  await page.close();
  assert.deepEqual(errors, []);
});
