// Shared set-up of the end-to-end tests: the Debian Chromium driven by playwright-core, and the app's URL.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/** The served build (scripts/test.sh starts a static server on dist/ and sets BASE_URL). */
export const BASE_URL = process.env.BASE_URL ?? '';
if (!BASE_URL) throw new Error('BASE_URL is not set: run the e2e tests through scripts/test.sh');

/** Chromium's flags for every test and benchmark (docs/toolchain.md). */
export const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts Chromium with a fresh profile; returns the browser context and a function that closes it all. `options` go
 * to the context as they are (`colorScheme`, `viewport`, `bypassCSP`, …).
 */
export async function launch(options = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'talos-ext-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the app in a new page and waits until the wasm app has rendered its input area. */
export async function openApp(context) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Each test's page starts empty: the app restores the last session of this browser profile (local storage), so
  // the first load in a new tab forgets it; reloads in the same tab keep it (sessionStorage is per tab).
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('e2e-fresh')) {
      localStorage.removeItem('talos-ext-analyzer.session');
      sessionStorage.setItem('e2e-fresh', '1');
    }
  });
  await page.goto(BASE_URL);
  await page.getByTestId('input').waitFor({ timeout: 20_000 });
  return { page, errors };
}
