// The timing of one load of the app, shared by bench-browser.mjs and bench-ab.mjs.

/**
 * Opens `url` in `page` and resolves to `{ input, fcp }`: the times from navigation start until the app's input
 * area first exists (a mutation observer) and until the first contentful paint (index.html's body is empty, so that
 * paint is the app's). Timed in the page: nothing of Playwright's runs there while it loads (its selector engine,
 * which a locator's wait starts, is a script evaluated on the page's main thread, about 70 ms here, and it delayed
 * the paint it measured), and timing after Playwright's wait would add its polling and a round trip.
 */
export async function timeLoad(page, url) {
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('[data-testid=input]')) {
        window.__inputAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url, { waitUntil: 'commit' });
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        new PerformanceObserver((list) => {
          const fcp = list.getEntries().find((e) => e.name === 'first-contentful-paint');
          if (!fcp) return;
          const done = () =>
            window.__inputAt ? resolve({ input: window.__inputAt, fcp: fcp.startTime }) : setTimeout(done, 50);
          done();
        }).observe({ type: 'paint', buffered: true });
      }),
  );
}
