// First render of two or more builds, their loads alternated so that a changing machine load hits each alike:
// for every build, the median over N loads of the time from navigation to the app's input area in the DOM, to the
// first contentful paint, and from choosing the `seed` example to its first finding shown. Nothing of Playwright's
// runs in the page while it loads (see first-render.mjs). Figures only (never pass/fail).
//
//   node scripts/bench-ab.mjs LOADS DIR...      e.g. node scripts/bench-ab.mjs 11 /tmp/dist-before dist
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { timeLoad } from './first-render.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const loads = Number(process.argv[2]);
const dirs = process.argv.slice(3);
if (!(loads > 0) || dirs.length === 0) {
  console.error('usage: node scripts/bench-ab.mjs LOADS DIR...');
  process.exit(2);
}

/** Serves `dir` on a free port of 127.0.0.1; resolves to its URL and the server process. */
function serve(dir) {
  const server = spawn(process.execPath, [join(root, 'scripts/static-server.mjs'), dir, '127.0.0.1', '0']);
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.stdout.on('data', (chunk) => {
      const url = /listening (\S+)/.exec(String(chunk))?.[1];
      if (url) resolve({ url, server });
    });
  });
}

const servers = await Promise.all(dirs.map(serve));
process.env.BASE_URL = servers[0].url;
const { launch } = await import('../e2e/browser.mjs');
const { context, close } = await launch();
const figures = dirs.map(() => ({ input: [], fcp: [], example: [] }));
try {
  for (let i = 0; i < loads; i++) {
    for (const [d, { url }] of servers.entries()) {
      const page = await context.newPage();
      const load = await timeLoad(page, url);
      // Time for what the page does once it is idle (it compiles the analysis then), as a reader would take.
      await new Promise((r) => setTimeout(r, 700));
      const start = await page.evaluate(() => performance.now());
      await page.getByTestId('examples').selectOption('seed');
      await page.getByTestId('finding').first().waitFor({ timeout: 30_000 });
      const shown = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(performance.now()))));
      figures[d].input.push(load.input);
      figures[d].fcp.push(load.fcp);
      figures[d].example.push(shown - start);
      await page.close();
    }
  }
} finally {
  await close();
  for (const { server } of servers) server.kill();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`median of ${loads} alternated loads: app in the DOM, first contentful paint, seed example shown`);
for (const [d, dir] of dirs.entries()) {
  const f = figures[d];
  console.log(`  ${dir}: ${median(f.input).toFixed(0)} ms, ${median(f.fcp).toFixed(0)} ms, ` +
    `${median(f.example).toFixed(0)} ms after choosing it`);
}
