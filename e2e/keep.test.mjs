// Local storage: the last session is back after a reload, "forget" clears it, an input too big to keep is said so
// (never an exception), and a share link wins over what was kept.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, openApp } from './browser.mjs';
import { makeShareLink, paste, present, readSeed, STORAGE_KEY, waitStored, waitStoredWith } from './session-steps.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const stored = (page) => page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);

test('the session is back after a reload, and forget clears the input and the storage', async () => {
  const seed = await readSeed();
  const { page, errors } = await openApp(browser.context);
  assert.match(await page.getByTestId('keep-note').textContent(), /kept in this browser only/);
  await paste(page, seed);
  const hasVersion = await present(page, 'talos-version');
  if (hasVersion) await page.getByTestId('talos-version').fill('v1.8.3');
  await waitStored(page);

  await page.reload();
  await page.getByTestId('input').waitFor();
  assert.equal(await page.getByTestId('input').inputValue(), seed);
  if (hasVersion) assert.equal(await page.getByTestId('talos-version').inputValue(), 'v1.8.3');
  await page.getByTestId('finding').first().waitFor();

  await page.getByTestId('forget').click();
  assert.equal(await page.getByTestId('input').inputValue(), '');
  assert.equal(await stored(page), null);
  await page.reload();
  await page.getByTestId('input').waitFor();
  assert.equal(await page.getByTestId('input').inputValue(), '');
  assert.equal(await stored(page), null);
  assert.deepEqual(errors, []);
});

test('an input too big for storage is not kept, and the page says so', async () => {
  const { page, errors } = await openApp(browser.context);
  await paste(page, 'small');
  await waitStored(page);
  // 4 MiB of comment lines, over the 3 MiB the app stores; set in the page (typing it would take minutes).
  await page.getByTestId('input').evaluate((area) => {
    area.value = '# nothing to see here, just a long paste\n'.repeat(Math.ceil((4 << 20) / 41));
    area.dispatchEvent(new InputEvent('input', { bubbles: true }));
  });
  await page.getByTestId('keep-note').filter({ hasText: 'too big to keep' }).waitFor({ timeout: 30_000 });
  assert.equal(await stored(page), null, 'the older, smaller input is not left behind either');
  await page.reload();
  await page.getByTestId('input').waitFor();
  assert.equal(await page.getByTestId('input').inputValue(), '');
  assert.deepEqual(errors, []);
});

test('a share link wins over the stored session', async () => {
  const { page, errors } = await openApp(browser.context);
  await paste(page, 'shared text\n');
  const link = await makeShareLink(page);
  await paste(page, 'kept text\n');
  await waitStoredWith(page, 'kept text');

  const other = await browser.context.newPage();
  await other.goto(link);
  await other.getByTestId('share-opened').waitFor({ timeout: 20_000 });
  assert.equal(await other.getByTestId('input').inputValue(), 'shared text\n');
  // Opening it replaced what was kept.
  await other.goto(BASE_URL);
  await other.getByTestId('input').waitFor();
  assert.equal(await other.getByTestId('input').inputValue(), 'shared text\n');
  assert.deepEqual(errors, []);
});
