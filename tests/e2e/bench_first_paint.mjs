// First-paint benchmark (not a test; prints a markdown table for BENCHMARKS.md): time from
// navigation to a usable sign-in form, and to the first recommendation when the form is filled in
// as soon as it is usable, on a slow connection (1.6 Mbps down, 0.75 Mbps up, 150 ms round trip,
// Chrome DevTools Protocol Network.emulateNetworkConditions) and on the loopback connection as it
// is. Compared: this build, the same build with its precompressed copies removed (what the new page
// alone gains), and optionally an older build (its app and web folders), e.g. the one whose form
// waited for the wasm.
// Usage: node tests/e2e/bench_first_paint.mjs <bank-proxy> <wasm app dir> [<old app dir> <old web dir>
//        [<old bank-proxy> [runs]]] (an older app needs the proxy of its time when the API's documents changed)
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, repo, waitForState } from '../support/browser.mjs';
import { startProxy } from '../support/proxy.mjs';

const [proxyBin, appDir, oldApp, oldWeb, oldProxy, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 3);
const slow = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 };

async function once(base, network) {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (network) await cdp.send('Network.emulateNetworkConditions', network);
    await page.goto(base + '/', { waitUntil: 'commit' });
    const usable = await (await page.waitForFunction(() => {
      const u = document.getElementById('username');
      return u && u.offsetParent !== null && !u.disabled && performance.now();
    }, null, { polling: 'raf', timeout: 120000 })).jsonValue();
    await page.fill('#username', 'customer101');
    await page.fill('#password', 'demo-101');
    await page.click('#sign-in-button');
    await waitForState(page, (s) => s.profile && s.profile.recommendations, null, 180000);
    const first = await page.evaluate(() => performance.getEntriesByName('first-recommendation')[0].startTime);
    return { usable, first };
  } finally {
    await browser.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (ms) => (ms / 1000).toFixed(1);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'bank-first-paint-'));
const plainApp = path.join(tmp, 'app');
cpSync(appDir, plainApp, { recursive: true, filter: (f) => !f.endsWith('.gz') });
const builds = [
  ['this build', await startProxy({ proxyBin, appDir })],
  ['this build, app files not precompressed', await startProxy({ proxyBin, appDir: plainApp })],
];
if (oldApp) {
  builds.push(['older build', await startProxy({ proxyBin: oldProxy || proxyBin, appDir: oldApp,
    extraArgs: ['--web', path.resolve(repo, oldWeb)] })]);
}
try {
  console.log(`\n### Time to a usable sign-in form and to the first recommendation (s from navigation, median of ${runs})\n`);
  console.log('| build | 1.6 Mbps / 150 ms: sign-in usable | 1.6 Mbps / 150 ms: first recommendation | loopback: sign-in usable | loopback: first recommendation |');
  console.log('|---|---|---|---|---|');
  for (const [label, server] of builds) {
    const cells = [];
    for (const network of [slow, null]) {
      const results = [];
      for (let i = 0; i < runs; ++i) results.push(await once(server.base, network));
      cells.push(seconds(median(results.map((r) => r.usable))), seconds(median(results.map((r) => r.first))));
    }
    console.log(`| ${label} | ${cells.join(' | ')} |`);
  }
} finally {
  for (const [, server] of builds) server.stop();
  rmSync(tmp, { recursive: true, force: true });
}
