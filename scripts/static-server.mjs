// A tiny static file server for the built app (dist/): `node scripts/static-server.mjs DIR HOST PORT`.
// PORT 0 picks a free port. Prints one line `listening http://HOST:PORT/` once it accepts connections.
//
// Like the static hosts the README's deploy notes name, it serves a file's precompressed sibling (`NAME.br`, else
// `NAME.gz`, written by scripts/precompress.mjs after `trunk build --release`) when the browser accepts that
// encoding, so that what the tests and benchmarks transfer is what a visitor transfers. Every response stays
// `no-cache` without validators: each load of a benchmark fetches the page again, as before.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const [dir = 'dist', host = '127.0.0.1', port = '0'] = process.argv.slice(2);
const root = resolve(dir);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file a URL path names inside root, or null when it would leave root. */
function fileFor(urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
  return file === root || file.startsWith(root + sep) ? file : null;
}

/** The encodings a request accepts (`br`, `gzip`), from its Accept-Encoding header; `q=0` refuses one. */
function accepted(header = '') {
  const out = new Set();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) continue;
    out.add(name);
  }
  return out;
}

/** The file to send for `file` and its Content-Encoding: the `.br` or `.gz` sibling when there is one and accepted. */
async function variant(file, acceptEncoding) {
  const wanted = accepted(acceptEncoding);
  for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
    if (!wanted.has(encoding)) continue;
    try {
      if ((await stat(file + suffix)).isFile()) return { path: file + suffix, encoding };
    } catch {
      // No such sibling: try the next.
    }
  }
  return { path: file, encoding: null };
}

const server = createServer(async (req, res) => {
  const file = fileFor(req.url ?? '/');
  if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) {
    res.writeHead(file ? 405 : 400).end();
    return;
  }
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
    const { path, encoding } = await variant(file, req.headers['accept-encoding']);
    const body = await readFile(path);
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      vary: 'accept-encoding',
      ...(encoding ? { 'content-encoding': encoding } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  }
});

server.listen(Number(port), host, () => {
  const { address, port: bound } = server.address();
  console.log(`listening http://${address}:${bound}/`);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
