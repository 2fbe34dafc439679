// Nothing leaves the page: through a whole session (load, paste, analysis, every example, settings, share link
// opened in a fresh page, every export, rule pages, embed mode) the browser asks only for the page's own files
// (same origin, the files in dist/), and asks for nothing at all once a page has loaded.
//
// To cover a new feature, add a step to STEPS; a step whose data-testid is not on the page yet is reported as
// skipped (see the test's diagnostics), so the test runs on whatever has landed.
import { readdir } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch } from './browser.mjs';
import { download, makeShareLink, paste, present, readSeed, setGroupBy } from './session-steps.mjs';

const DIST = new URL('../dist/', import.meta.url);

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Waits for what the analysis shows after an input changed. */
const analysed = (page) =>
  page
    .locator('[data-testid=finding], [data-testid=no-findings], [data-testid=input-error]')
    .first()
    .waitFor({ timeout: 20_000 });

/** [name, the data-testid the step needs (null: always runs), what it does]. */
const STEPS = [
  ['paste and analysis', null, async (page) => paste(page, await readSeed())],
  ['Talos version', 'talos-version', async (page) => page.getByTestId('talos-version').fill('v1.9.2')],
  ['group by rule, then node', 'group-by', async (page) => {
    await setGroupBy(page, 'rule');
    await setGroupBy(page, 'node');
  }],
  ['every example', 'examples', async (page) => {
    const select = page.getByTestId('examples');
    const values = await select.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    assert.ok(values.length >= 3, `examples: ${values}`);
    for (const value of values) {
      await select.selectOption(value);
      await analysed(page);
    }
  }],
  ['show in input', 'show-in-input', async (page) => page.getByTestId('show-in-input').first().click()],
  ['explain', 'explain', async (page) => page.getByTestId('explain').first().click()],
  ['copy a fix', 'copy', async (page) => page.getByTestId('copy').first().click()],
  ['theme', 'theme', async (page) => page.getByTestId('theme').click()],
  ['share link', 'share', async (page, shared) => shared.push(await makeShareLink(page))],
  ['exports', 'export-json', async (page) => {
    for (const id of ['export-json', 'export-sarif', 'export-markdown']) await download(page, id);
    await page.getByTestId('copy-markdown').click();
  }],
  ['rule pages', null, async (page, _shared, t) => {
    for (const route of ['#/rules', '#/rules/duplicate-extension']) {
      await page.evaluate((hash) => (location.hash = hash), route);
      if (await present(page, 'rule-page')) await page.getByTestId('rule-page').waitFor();
      else t.diagnostic(`no rule-page at ${route} yet`);
    }
    await page.evaluate(() => (location.hash = ''));
    await page.getByTestId('input').waitFor();
  }],
];

test('a whole session asks only for the page’s own files, and nothing after each load', async (t) => {
  const dist = new Set(await readdir(DIST));
  const base = new URL(BASE_URL);
  /** Every request, with the phase it came in: 'load' while a page loads, 'session' once it has. */
  const requests = [];
  const blobs = [];
  let phase = 'load';
  browser.context.on('request', (r) => {
    const url = r.url();
    // blob: (the exports) and data: URLs are read from memory, not the network; kept apart to be checked below.
    if (url.startsWith('blob:') || url.startsWith('data:')) blobs.push(url);
    else requests.push({ url, phase });
  });
  browser.context.on('websocket', (ws) => requests.push({ url: ws.url(), phase: 'websocket' }));
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);

  /** Opens `url` in a new page and waits until it has loaded and gone quiet. */
  const load = async (url) => {
    phase = 'load';
    const page = await browser.context.newPage();
    await page.goto(url);
    await page.getByTestId('input').waitFor({ timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    phase = 'session';
    return page;
  };

  const page = await load(BASE_URL);
  const shared = [];
  for (const [name, testid, run] of STEPS) {
    if (testid && !(await present(page, testid))) {
      t.diagnostic(`skipped: ${name} (no data-testid=${testid} on the page yet)`);
      continue;
    }
    await run(page, shared, t);
  }

  assert.equal(shared.length, 1, 'a share link was made');
  const opened = await load(shared[0]);
  await opened.getByTestId('share-opened').waitFor({ timeout: 20_000 });
  await opened.getByTestId('finding').first().waitFor();

  const embed = await load(new URL('?embed=1', BASE_URL).href);
  await paste(embed, await readSeed());
  if (!(await embed.locator('.embed').count())) t.diagnostic('no embed mode (class "embed") yet');

  // Let anything late show itself: one more quiet network period on every page.
  for (const p of [page, opened, embed]) await p.waitForLoadState('networkidle');

  const foreign = requests.filter(({ url }) => {
    const u = new URL(url);
    if (u.origin !== base.origin || !u.pathname.startsWith(base.pathname)) return true;
    const file = u.pathname.slice(base.pathname.length);
    return file !== '' && file !== 'index.html' && !dist.has(file);
  });
  assert.deepEqual(foreign, [], 'only the page’s own files');
  assert.deepEqual(
    requests.filter((r) => r.phase !== 'load'),
    [],
    'no request once a page has loaded',
  );
  assert.ok(requests.length > 0, 'the loads themselves were seen');
  for (const url of blobs) assert.ok(url.startsWith(`blob:${base.origin}/`) || url.startsWith('data:'), url);
  t.diagnostic(`${requests.length} requests during loads; blob:/data: URLs seen: ${blobs.length}`);
});
