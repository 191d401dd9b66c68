// Walking skeleton: a customer signs in, and the wasm app shows the catalog and the customer's own
// profile fetched from the proxy. Usage: node skeleton.test.mjs <bank-proxy binary> <wasm app dir>
import { check, launchBrowser, openPage, screenshot, signIn, startProxy, waitForPhase } from './harness.mjs';

const [proxyBin, appDir] = process.argv.slice(2);
const server = await startProxy({ proxyBin, appDir });
const browser = await launchBrowser();
try {
  const { page, errors, failures } = await openPage(browser, server.base + '/');
  await signIn(page, 'customer101', 'demo-101');
  const state = await waitForPhase(page, 'ready');

  check(state.user.role === 'customer', 'signed in as a customer');
  check(state.profile && state.profile.id === 101, 'the profile shown is customer 101');
  check(state.catalog.length >= 40, `the catalog shows ${state.catalog.length} products (>= 40)`);
  const categories = new Set(state.catalog.map((p) => p.category));
  check(categories.size >= 7, `the catalog spans ${categories.size} categories (>= 7)`);
  check(state.book.length === 0, 'a customer sees no customer book');
  // Ranked in the browser from the model /api/ranking-model serves.
  const recs = state.profile.recommendations || [];
  check(recs.length >= 3 && recs.length <= 7, `${recs.length} recommendations (3..7)`);
  check(recs.every((r) => r.reasons.length >= 1), 'every recommendation gives at least one reason');
  const held = new Set(state.profile.products_held);
  check(recs.every((r) => !held.has(r.id)), 'nothing the customer already holds is recommended');
  check(recs.every((r, i) => i === 0 || recs[i - 1].score >= r.score), 'recommendations are in score order');
  const mirrored = await page.locator('#mirror-profile ol.recommendations > li').count();
  check(mirrored === recs.length, 'the accessible mirror lists every recommendation');
  const listed = await page.locator('#mirror-products li').count();
  check(listed === state.catalog.length, 'the accessible mirror lists every product shown');
  check(errors.length === 0, `no page errors (${errors.join(' | ')})`);
  // Before sign-in the app asks who is signed in and is told 401; nothing else may fail.
  const unexpected = failures.filter((f) => f !== '401 /api/me');
  check(unexpected.length === 0, `no failed requests (${unexpected.join(' | ')})`);
  console.log('screenshot:', await screenshot(page, 'skeleton-customer'));
} finally {
  await browser.close();
  server.stop();
}
