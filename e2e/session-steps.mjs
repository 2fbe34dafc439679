// Shared steps of the share, keep, export, crash, network and injection tests (not a test file itself).
import { readFile } from 'node:fs/promises';

/** The seed case: iscsi-tools v0.1.1 and v0.1.4 on one control plane. */
export const SEED_FILE = new URL('../fixtures/examples/01-talos-10404-duplicate-iscsi-tools-table.txt', import.meta.url);
export const readSeed = () => readFile(SEED_FILE, 'utf8');

/** The local-storage key of the session (web/src/state/keep.rs). */
export const STORAGE_KEY = 'talos-ext-analyzer.session';

/** Whether the page has an element with this data-testid (features land one by one). */
export async function present(page, testid) {
  return (await page.getByTestId(testid).count()) > 0;
}

/** Waits until the session is in local storage. */
export async function waitStored(page) {
  await page.waitForFunction((key) => localStorage.getItem(key) !== null, STORAGE_KEY, { timeout: 10_000 });
}

/** Pastes `text` and waits for the analysis to show (a finding, "no findings", or an input error). */
export async function paste(page, text) {
  await page.getByTestId('input').fill(text);
  await page
    .locator('[data-testid=finding], [data-testid=no-findings], [data-testid=input-error]')
    .first()
    .waitFor({ timeout: 20_000 });
}

/** Sets the group-by control (a <select>, or a group of radio buttons/buttons with values). */
export async function setGroupBy(page, value) {
  const control = page.getByTestId('group-by');
  if ((await control.evaluate((e) => e.tagName)) === 'SELECT') await control.selectOption(value);
  else await control.locator(`[value="${value}"]`).click();
}

/** The group-by control's value. */
export async function groupBy(page) {
  return page.getByTestId('group-by').evaluate((e) =>
    e.tagName === 'SELECT' ? e.value : (e.querySelector('[aria-pressed=true], :checked')?.getAttribute('value') ?? ''),
  );
}

/** Clicks "Share link" and returns the link it shows. */
export async function makeShareLink(page) {
  await page.getByTestId('share').click();
  const shown = page.getByTestId('share-link');
  await shown.waitFor({ timeout: 10_000 });
  return shown.inputValue();
}

/** Waits until the stored session holds `text` (the stored value is base64url of the uncompressed body). */
export async function waitStoredWith(page, text) {
  await page.waitForFunction(
    ([key, wanted]) => {
      const value = localStorage.getItem(key);
      if (value === null) return false;
      const bytes = Uint8Array.from(atob(value.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
      return new TextDecoder().decode(bytes).includes(wanted);
    },
    [STORAGE_KEY, text],
    { timeout: 10_000 },
  );
}

/** Clicks an export button and returns the downloaded file's name and text. */
export async function download(page, testid) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}
