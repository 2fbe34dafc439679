// Time to first result on a throttled network (issue 18), shared by bench-browser.mjs (part 4): a visitor follows a
// share link to the app, as from a documentation page or a ticket, on a fresh browser profile (nothing cached, no
// saved session), through Chromium's network emulation (the DevTools protocol's Network.emulateNetworkConditions,
// what DevTools' throttling menu uses).
import { deflateRawSync } from 'node:zlib';

/**
 * The networks compared. "Slow 4G" is DevTools' profile by its nominal figures, as the issue states them (1.6 Mbit/s
 * down, 750 kbit/s up, 150 ms round trip), which Lighthouse also simulates. DevTools' own preset of that name sends
 * Chromium 90 % of those rates and 3.75 × the latency (562.5 ms added to every request), because Chromium throttles
 * per request rather than per packet; it is measured too, as the harsher figure.
 */
export const NETWORKS = [
  { name: 'unthrottled (127.0.0.1)', conditions: null },
  {
    name: 'Slow 4G: 1.6 Mbit/s, 150 ms',
    conditions: { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 },
  },
  {
    name: "DevTools' Slow 4G preset (562.5 ms, 1.44 Mbit/s)",
    conditions: {
      offline: false,
      latency: 150 * 3.75,
      downloadThroughput: (1.6e6 / 8) * 0.9,
      uploadThroughput: (750e3 / 8) * 0.9,
    },
  },
];

/** Unsigned LEB128, as web/src/state/share.rs writes lengths and counts. */
function varint(n) {
  const out = [];
  for (; n >= 0x80; n >>>= 7) out.push((n & 0x7f) | 0x80);
  out.push(n);
  return out;
}

/** A string as share.rs writes it: its UTF-8 length, then its bytes. */
const str = (s) => {
  const bytes = Buffer.from(s, 'utf8');
  return [...varint(bytes.length), ...bytes];
};

/**
 * The share link's fragment (`#s=…`) of a session holding `text` as its paste, written by the format of
 * web/src/state/share.rs (version 1: flags, Talos version, count, name and text per input; raw DEFLATE; base64url
 * without padding). Made here rather than by clicking "Share link", so that each load is a first visit.
 */
export function shareFragment(text) {
  const body = Buffer.from([0, ...str(''), ...varint(1), ...str('paste'), ...str(text)]);
  const link = Buffer.concat([Buffer.from([1]), deflateRawSync(body)]);
  return `#s=${link.toString('base64url')}`;
}

/**
 * Opens `url` in `page` (of a fresh context) under `conditions` (null: unthrottled) and resolves to
 * `{ fcp, result, before, total }`: the times from navigation start to the first contentful paint and to the frame
 * that shows the first finding, and the bytes transferred (Resource Timing's transferSize: headers and the body as
 * sent, so brotli where the server sent brotli) by requests that ended before that frame, and by the whole load
 * once the network has been quiet for a second.
 */
export async function timeFirstResult(page, url, conditions) {
  if (conditions) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', conditions);
  }
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('[data-testid=finding]')) {
        observer.disconnect();
        requestAnimationFrame(() => (window.__resultAt = performance.now()));
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__resultAt !== undefined, null, { timeout: 60_000, polling: 50 });
  await page.waitForLoadState('networkidle');
  return page.evaluate(() => {
    const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
    const bytes = (es) => es.reduce((s, e) => s + e.transferSize, 0);
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
    return {
      fcp,
      result: window.__resultAt,
      before: bytes(entries.filter((e) => e.responseEnd <= window.__resultAt)),
      total: bytes(entries),
      files: entries.map((e) => `${new URL(e.name).pathname} ${e.transferSize} ${Math.round(e.responseEnd)}`),
    };
  });
}
