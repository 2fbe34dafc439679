// The two encodings of the page as served, at the settings static hosts' precompression uses at its best:
// brotli quality 11 and gzip level 9. Shared by scripts/precompress.mjs (the files the release build ships) and
// scripts/size.mjs (the sizes the budget counts), so that both speak of the same bytes.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** `bytes` compressed with brotli at quality 11. */
export function brotli(bytes) {
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

/** `bytes` compressed with gzip at level 9. */
export function gzip(bytes) {
  return gzipSync(bytes, { level: 9 });
}

/** Whether `name` is a precompressed sibling (`.br`, `.gz`) rather than an asset of its own. */
export const isPrecompressed = (name) => name.endsWith('.br') || name.endsWith('.gz');
