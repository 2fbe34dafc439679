// The analysis in wasm side by side with the peer users would otherwise script: in one Node process, the whole
// analysis (crates/bench-wasm, the page's release profile) of a generated `talosctl get extensions -o yaml` stream
// of N nodes against js-yaml's `loadAll` merely parsing the same text. Prints the medians, their ratio per N, and
// the wasm linear memory after the largest input (it only grows: the peak). Figures only, never pass/fail.
//
//   node scripts/bench-node.mjs [runs=9]        (builds the module first: scripts/bench-wasm-build.sh)
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 9);
if (!process.env.BENCH_NO_BUILD) {
  execFileSync(join(root, 'scripts/bench-wasm-build.sh'), { stdio: 'inherit' });
}
const require = createRequire(import.meta.url);
const wasm = require(join(root, 'target/bench-wasm/node/talos_ext_bench_wasm.js'));
const yaml = require('js-yaml');

function median(f) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    f();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

console.log(`node ${process.version}, ${runs} runs each, medians`);
console.log('nodes      bytes   wasm analysis   js-yaml loadAll   ratio (analysis / parse)');
let largest = 0;
for (const nodes of [10, 100, 1000, 10000]) {
  const text = wasm.cluster_yaml(nodes);
  largest = text.length;
  // Warm both up once; check the analysis read every extension (4 per node and the schematic row's).
  const seen = wasm.extensions_seen(text);
  const docs = yaml.loadAll(text).filter((d) => d !== null).length;
  if (docs !== nodes * 4) throw new Error(`js-yaml read ${docs} documents, expected ${nodes * 4}`);
  if (seen !== nodes * 4) throw new Error(`the analysis saw ${seen} extensions, expected ${nodes * 4}`);
  const analysis = median(() => wasm.analyze_paste(text));
  const parse = median(() => yaml.loadAll(text));
  console.log(
    `${String(nodes).padStart(5)} ${String(text.length).padStart(10)} ${analysis.toFixed(1).padStart(12)} ms ${parse
      .toFixed(1)
      .padStart(14)} ms ${(analysis / parse).toFixed(2).padStart(10)}×`,
  );
}
const memory = wasm.memory_bytes();
console.log(
  `\nwasm linear memory after the 10,000-node input: ${memory} bytes (${(memory / 2 ** 20).toFixed(1)} MiB) = ` +
    `${(memory / largest).toFixed(2)}× the input (${largest} bytes); goal ≤ 4×`,
);
