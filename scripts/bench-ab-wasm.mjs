// Compares two builds of the benchmark wasm module (crates/bench-wasm, as scripts/bench-wasm-build.sh leaves it in
// target/bench-wasm/web/) in one headless Chromium page: both are loaded, then each analyses the same generated
// `-o yaml` cluster in turn, alternating which goes first, so that the machine's load weighs on both alike. Prints
// both medians and their ratio. Figures only (never pass/fail).
//
//   node scripts/bench-ab-wasm.mjs DIR_A DIR_B [rounds=15] [nodes=1000]
//
// For an older commit: check it out in a worktree, run scripts/bench-wasm-build.sh there, and pass its
// target/bench-wasm/web as DIR_A.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createServer } from 'node:http';

const [dirA, dirB] = process.argv.slice(2, 4);
const rounds = Number(process.argv[4] ?? 15);
const nodes = Number(process.argv[5] ?? 1000);
if (!dirA || !dirB) {
  console.error('usage: node scripts/bench-ab-wasm.mjs DIR_A DIR_B [rounds] [nodes]');
  process.exit(2);
}

// /a/… and /b/… serve the two directories; / is an empty page of the same origin.
const server = createServer(async (req, res) => {
  const [, which, name] = /^\/([ab])\/([\w.-]+)$/.exec(req.url ?? '') ?? [];
  if (!which) {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>A/B</title>');
    return;
  }
  try {
    const body = await readFile(join(which === 'a' ? dirA : dirB, name));
    const type = name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
    res.writeHead(200, { 'content-type': type }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
process.env.BASE_URL = `http://127.0.0.1:${server.address().port}/`;
const { launch } = await import('../e2e/browser.mjs');
const { context, close } = await launch();
try {
  const page = await context.newPage();
  await page.goto(process.env.BASE_URL);
  const result = await page.evaluate(
    async ({ rounds, nodes }) => {
      const load = async (which) => {
        const m = await import(`/${which}/talos_ext_bench_wasm.js`);
        await m.default({ module_or_path: `/${which}/talos_ext_bench_wasm_bg.wasm` });
        return m;
      };
      const [a, b] = [await load('a'), await load('b')];
      const text = a.cluster_yaml(nodes);
      if (b.cluster_yaml(nodes) !== text) throw new Error('the two modules generate different clusters');
      // Once each first: compiles the optimised tier, reads the catalog.
      a.analyze_paste(text);
      b.analyze_paste(text);
      const times = { a: [], b: [] };
      for (let i = 0; i < rounds; i++) {
        for (const [m, which] of i % 2 ? [[a, 'a'], [b, 'b']] : [[b, 'b'], [a, 'a']]) {
          const start = performance.now();
          m.analyze_paste(text);
          times[which].push(performance.now() - start);
        }
      }
      const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
      return { a: median(times.a), b: median(times.b), bytes: text.length };
    },
    { rounds, nodes },
  );
  console.log(
    `Chromium ${context.browser()?.version() ?? ''}, ${nodes} nodes of -o yaml (${result.bytes} bytes), ` +
      `${rounds} rounds, medians: A ${result.a.toFixed(1)} ms, B ${result.b.toFixed(1)} ms, ` +
      `B/A ${(result.b / result.a).toFixed(3)}`,
  );
} finally {
  await close();
  server.close();
}
