// Idle CPU benchmark (not a test; prints a markdown table for BENCHMARKS.md): the share of the
// page's main thread that is busy while nobody touches the page, on the customer view, the banker's
// book and the banker's book with one customer open, measured with the Chrome DevTools Protocol
// (Performance.getMetrics TaskDuration over a quiet window). References: a blank page, and the
// same views of an older build (e.g. the one that redrew every frame) when its folders are given.
// Usage: node tests/e2e/bench_idle.mjs <bank-proxy> <wasm app dir> [<old app dir> <old web dir> [<old bank-proxy>
//        [seconds]]] (an older app needs the proxy of its time when the API's documents changed since)
import { launchBrowser, repo, signIn, waitForState } from '../support/browser.mjs';
import { startProxy } from '../support/proxy.mjs';
import path from 'node:path';

const [proxyBin, appDir, oldApp, oldWeb, oldProxy, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg || 10);

async function busyShare(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const task = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
  const before = await task();
  const started = Date.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const share = (await task() - before) / ((Date.now() - started) / 1000);
  await cdp.detach();
  return share * 100;
}

async function idleView(base, { user, password, openCustomer }) {
  const browser = await launchBrowser();
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  try {
    if (!user) {
      await page.goto('about:blank');
      return await busyShare(page);
    }
    await page.goto(base + '/');
    await signIn(page, user, password);
    await waitForState(page, (s) => s.phase === 'ready' && (s.profile ? !!s.profile.recommendations
      : s.book.length > 0 && s.book_ranked === s.book.length) && s.text_model.stage !== 'loading', null, 120000);
    if (openCustomer) {
      // The mirror's "Open" control of the first customer (a table row now, a list item before).
      await page.evaluate(() => document.querySelector(
        `[data-customer-id="${window.bankShell.state.book[0].id}"] button`).click());
      await waitForState(page, (s) => s.selected_customer !== null &&
        s.book.find((c) => c.id === s.selected_customer).insight.explanations_status === 'ready');
    }
    // The mouse rests on the canvas, away from any control; the page settles first.
    await page.mouse.move(640, 780);
    await new Promise((r) => setTimeout(r, 2000));
    return await busyShare(page);
  } finally {
    await browser.close();
  }
}

const views = [
  ['blank page (reference)', {}],
  ['customer view', { user: 'customer101', password: 'demo-101' }],
  ['banker, book table', { user: 'banker01', password: 'demo-b01' }],
  ['banker, book + one customer\'s cards', { user: 'banker01', password: 'demo-b01', openCustomer: true }],
];
const now = await startProxy({ proxyBin, appDir });
const old = oldApp ? await startProxy({ proxyBin: oldProxy || proxyBin, appDir: oldApp,
  extraArgs: ['--web', path.resolve(repo, oldWeb)] }) : null;
try {
  console.log(`\n### Main-thread CPU while idle (% of one core, ${seconds} s after the page settled)\n`);
  console.log(`| view | this build |${old ? ' older build |' : ''}`);
  console.log(`|---|---|${old ? '---|' : ''}`);
  for (const [label, view] of views) {
    const ours = await idleView(now.base, view);
    const theirs = old && view.user ? await idleView(old.base, view) : null;
    console.log(`| ${label} | ${ours.toFixed(2)} |${old ? ` ${theirs === null ? '-' : theirs.toFixed(2)} |` : ''}`);
  }
} finally {
  now.stop();
  if (old) old.stop();
}
