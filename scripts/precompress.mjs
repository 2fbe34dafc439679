// Writes `NAME.br` and `NAME.gz` beside every file of a release build, for static hosts that serve a precompressed
// sibling when the browser accepts it (and for scripts/static-server.mjs, which does the same). Run by Trunk as a
// post-build hook (Trunk.toml) on its staging folder, so that whatever `trunk build --release` produces, in
// scripts/test.sh, scripts/serve.sh or by hand, has them; debug builds are left alone (their wasm is megabytes
// and brotli at quality 11 would take longer than the build).
//
//   node scripts/precompress.mjs [dir]     (default: $TRUNK_STAGING_DIR, else dist)
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { brotli, gzip, isPrecompressed } from './compress.mjs';

if (process.env.TRUNK_PROFILE && process.env.TRUNK_PROFILE !== 'release') process.exit(0);
const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';

/** Every file under `root` that is not itself a precompressed sibling. */
function files(root) {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    if (statSync(path).isDirectory()) return files(path);
    return isPrecompressed(name) ? [] : [path];
  });
}

let count = 0;
for (const path of files(dir)) {
  const bytes = readFileSync(path);
  writeFileSync(`${path}.br`, brotli(bytes));
  writeFileSync(`${path}.gz`, gzip(bytes));
  count++;
}
console.log(`precompress: ${count} files in ${dir}, each with .br and .gz beside it`);
