// Judging what is missing, as a support engineer sees it: a node whose `get extensions` shows nothing but the empty
// schematic after a plain-installer upgrade, beside a node that runs extensions. The page names the node, says the
// upgrade dropped its extensions, gives the factory installer of the other node's schematic (its ID named from what
// that node runs), and draws the empty node as a row of the cluster matrix.
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp } from './browser.mjs';

const STORY = new URL('../fixtures/web/absence-plain-upgrade-dropped.txt', import.meta.url);
const ID = '613e1592b2da41ae5e265e8789429f22e121aab91cb4deb6bc3c0b6262961245';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('a node left empty by a plain upgrade gets an error naming it, with the installer of its peer’s schematic', async () => {
  const { page, errors } = await openApp(browser.context);
  await page.getByTestId('input').fill(await readFile(STORY, 'utf8'));
  const finding = page.locator('[data-testid=finding][data-rule="upgrade-without-image"][data-node="10.5.0.22"]');
  await finding.waitFor({ timeout: 10_000 });
  assert.equal(await finding.getAttribute('data-severity'), 'error');
  const text = await finding.textContent();
  assert.match(text, /10\.5\.0\.22 runs no extensions, while 10\.5\.0\.21 runs schematic 613e1592b2da… \(iscsi-tools and util-linux-tools\)/);
  assert.match(text, /that upgrade dropped them/);
  assert.ok(
    text.includes(`talosctl upgrade -n 10.5.0.22 --image factory.talos.dev/installer/${ID}:v1.9.5`),
    'the upgrade onto the peer’s schematic, at the release the user upgraded to',
  );
  // The summary does not say "No findings".
  assert.equal(await page.getByText('No findings').count(), 0);

  const matrix = page.getByTestId('matrix');
  await matrix.waitFor({ timeout: 10_000 });
  assert.deepEqual(await matrix.locator('tbody th').allTextContents(), ['10.5.0.21', '10.5.0.22 runs no extensions']);
  assert.equal(await matrix.locator('tbody tr[data-empty="true"]').count(), 1);
  const hint = await matrix.locator('.hint').first().textContent();
  assert.match(hint, /1 node runs no extensions\. The others run the same versions\./);
  assert.doesNotMatch(hint, /Every node runs the same versions/);
  await page.close();
  assert.deepEqual(errors, []);
});
