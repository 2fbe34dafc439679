// Minifies the scripts of a release build, which Trunk copies as they are: the wasm-bindgen glue
// (`talos-ext-web-<hash>.js`, 53 KB of readable JavaScript), whose new Subresource Integrity hash it writes into
// index.html (its `modulepreload` link names the glue with one), and web/boot.js and web/worker.js (commented
// sources, named without integrity). Run by Trunk as a post-build hook (Trunk.toml) on its staging folder, before
// scripts/precompress.mjs, so that the page as served and its precompressed siblings carry the small scripts.
// Measured: the glue 7,862 → 6,130 bytes brotli (docs/performance.md, "Page size").
//
// The glue is an ES module that the page (web/boot.js) and the analysis worker (web/worker.js) import: its exports
// keep their names (terser's `module` mode mangles only what is local), and nothing in it is looked up by name.
//
//   node scripts/minify-scripts.mjs [dir]     (default: $TRUNK_STAGING_DIR, else dist)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { minify } from 'terser';

if (process.env.TRUNK_PROFILE && process.env.TRUNK_PROFILE !== 'release') process.exit(0);
const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';

const glue = readdirSync(dir).filter((name) => /^talos-ext-web-[0-9a-f]+\.js$/.test(name));
if (glue.length !== 1) {
  console.error(`minify-scripts: expected one talos-ext-web-<hash>.js in ${dir}, found ${glue.length}`);
  process.exit(1);
}
const [name] = glue;
const path = join(dir, name);
const source = readFileSync(path, 'utf8');
const result = await minify(source, { module: true, compress: true, mangle: true, format: { comments: false } });
if (!result.code) {
  console.error(`minify-scripts: terser gave no code for ${name}`);
  process.exit(1);
}
writeFileSync(path, result.code);

/** `sha384-<base64>`, as Trunk writes integrity attributes. */
const sri = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;
const htmlPath = join(dir, 'index.html');
const html = readFileSync(htmlPath, 'utf8');
const before = sri(source);
if (!html.includes(before)) {
  console.error(`minify-scripts: index.html does not name ${name} with integrity ${before}`);
  process.exit(1);
}
writeFileSync(htmlPath, html.split(before).join(sri(result.code)));
console.log(`minify-scripts: ${name} ${source.length} → ${result.code.length} bytes, its integrity in index.html updated`);

// The page's own scripts: boot.js is a module, worker.js a module worker; both keep every name the page or the
// worker's messages use (only locals are mangled).
for (const own of ['boot.js', 'worker.js']) {
  const ownPath = join(dir, own);
  const text = readFileSync(ownPath, 'utf8');
  const small = await minify(text, { module: true, compress: true, mangle: true, format: { comments: false } });
  if (!small.code) {
    console.error(`minify-scripts: terser gave no code for ${own}`);
    process.exit(1);
  }
  writeFileSync(ownPath, small.code);
  console.log(`minify-scripts: ${own} ${text.length} → ${small.code.length} bytes`);
}
