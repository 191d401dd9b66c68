// Demo mode: the same build served by a plain static file server (python3 -m http.server), no
// proxy, bundled synthetic data clearly labelled, AI answered on the device, and not one request
// to any other host.
// Usage: node demo.test.mjs <bank-proxy binary> <wasm app dir>
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check, launchBrowser, openPage, press, screenshot, waitForState } from '../support/browser.mjs';
import { serveDemoSite } from '../support/demo_site.mjs';

const [proxyBin, appDir] = process.argv.slice(2);
const site = path.join(mkdtempSync(path.join(os.tmpdir(), 'bank-demo-')), 'site');
const demoSite = await serveDemoSite({ site, appDir, proxyBin });
const base = demoSite.base;
const browser = await launchBrowser();
try {
  const { page, requests, errors } = await openPage(browser, base + '/');
  await page.waitForSelector('#demo-chooser:not([hidden])', { timeout: 30000 });
  check(await page.locator('#sign-in-form').isHidden(), 'no sign-in form in demo mode');
  check((await page.textContent('#demo-chooser')).includes('Demo data'), 'the chooser says "Demo data"');

  await page.click('#demo-customer');
  let state = await waitForState(page, (s) => s.phase === 'ready' && s.profile &&
    s.profile.insight.explanations_status === 'ready');
  check(state.demo === true, 'the app knows it shows demo data');
  check(!(await page.locator('#mirror-demo').isHidden()), 'the page labels the data as demo data');
  const recs = state.profile.recommendations;
  check(recs.length >= 3, `${recs.length} recommendations for the demo customer`);
  check(state.profile.insight.explanations_provider === 'offline' && state.profile.insight.digest.length > 40,
    'explanations and digest come from the offline providers compiled into the app');
  console.log('screenshot:', await screenshot(page, 'demo-customer'));

  await press(page, '#mirror-sign-out');
  await page.waitForSelector('#demo-chooser:not([hidden])');
  await page.click('#demo-banker');
  state = await waitForState(page, (s) => s.phase === 'ready' && s.book.length > 0 && s.book_ranked === s.book.length);
  check(state.user.role === 'banker' && state.book.length >= 50, `the demo book has ${state.book.length} customers`);
  await press(page, `#mirror-customers tr[data-customer-id="${state.book[0].id}"] button`);
  state = await waitForState(page, (s) => s.selected_customer !== null &&
    s.book.find((c) => c.id === s.selected_customer).insight.explanations_status === 'ready');
  console.log('screenshot:', await screenshot(page, 'demo-banker'));

  const elsewhere = requests.filter((r) => new URL(r.url).origin !== base && !r.url.startsWith('data:') &&
    !r.url.startsWith('blob:'));
  check(elsewhere.length === 0, `zero requests to any other host (${elsewhere.map((r) => r.url).join(' ')})`);
  check(!requests.some((r) => new URL(r.url, base).pathname.startsWith('/api/') && r.method !== 'GET'),
    'nothing is posted anywhere: the demo has no server');
  check(errors.length === 0, `no page errors (${errors.join(' | ')})`);
} finally {
  await browser.close();
  demoSite.stop();
  rmSync(path.dirname(site), { recursive: true, force: true });
}
