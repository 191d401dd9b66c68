// Accessibility: axe-core (npm) judges every state of the page's DOM, in the light and the dark
// theme: the sign-in form, a failed sign-in, the demo chooser, the page for an unreachable server,
// and the customer's and the banker's accessible view (opened, as a keyboard user opens it, so that
// its colours are judged too). No serious or critical violation is allowed; contrast is one of the
// rules (at least 4.5:1 for text). The canvas itself is invisible to axe: the accessible view is
// what it judges there.
// Usage: node a11y.test.mjs <bank-proxy binary> <wasm app dir>
import path from 'node:path';
import { check, launchBrowser, repo, signIn, waitForState } from '../support/browser.mjs';
import { startProxy } from '../support/proxy.mjs';

const [proxyBin, appDir] = process.argv.slice(2);
const axePath = path.join(repo, 'node_modules/axe-core/axe.min.js');

// The page's CSP rightly refuses injected scripts; the test's context bypasses it to add axe.
async function newPage(browser, colorScheme, width = 1280, height = 800) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme, bypassCSP: true });
  return context.newPage();
}

async function audit(page, label) {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(1, 2).join('')}`) }));
  });
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of violations.filter((x) => !blocking.includes(x))) console.log(`  note (${v.impact}) ${label}: ${v.id}: ${v.help}`);
  check(blocking.length === 0, `${label}: no serious or critical axe violations` +
    (blocking.length ? `\n${blocking.map((v) => `    ${v.id} (${v.impact}): ${v.help}\n      ${v.nodes.join('\n      ')}`).join('\n')}` : ''));
}

// A keyboard user's way into the accessible view: the skip link.
async function openAccessibleView(page) {
  await page.focus('#skip-link');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'mirror-title');
}

const server = await startProxy({ proxyBin, appDir });
const browser = await launchBrowser();
try {
  for (const scheme of ['light', 'dark']) {
    const page = await newPage(browser, scheme);
    await page.goto(server.base + '/');
    await page.waitForSelector('#sign-in-form:not([hidden])', { timeout: 30000 });
    check(await page.evaluate(() => document.documentElement.dataset.theme) === scheme, `${scheme}: the page follows the browser's theme`);
    await audit(page, `${scheme}: sign-in`);
    await signIn(page, 'customer101', 'wrong-password');
    await page.waitForFunction(() => document.getElementById('sign-in-message').textContent !== '');
    await audit(page, `${scheme}: sign-in error`);

    await page.fill('#password', 'demo-101');
    await page.click('#sign-in-button');
    await waitForState(page, (s) => s.phase === 'ready' && s.profile.insight.explanations_status === 'ready');
    await openAccessibleView(page);
    await audit(page, `${scheme}: customer view`);
    await page.focus('#mirror-sign-out');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#sign-in-form:not([hidden])');

    await signIn(page, 'banker02', 'demo-b02');
    let state = await waitForState(page, (s) => s.phase === 'ready' && s.book.length > 0 && s.book_ranked === s.book.length);
    await page.focus(`[data-focus-key="open:${state.book[0].id}"]`);
    await page.keyboard.press('Enter');
    state = await waitForState(page, (s) => s.selected_customer !== null &&
      s.book.find((c) => c.id === s.selected_customer).insight.explanations_status === 'ready');
    await openAccessibleView(page);
    await audit(page, `${scheme}: banker view with a customer open`);
    await page.context().close();
  }

  // The demo chooser: a static server (no /api/, the demo bundle present), here simulated.
  const demo = await newPage(browser, 'light');
  await demo.route('**/api/me', (route) => route.fulfill({ status: 404, contentType: 'text/html', body: 'not found' }));
  await demo.route('**/demo/bundle.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{}' }));
  await demo.goto(server.base + '/');
  await demo.waitForSelector('#demo-chooser:not([hidden])', { timeout: 30000 });
  await audit(demo, 'demo chooser');
  await demo.context().close();

  // The bank's server cannot be reached.
  const offline = await newPage(browser, 'dark', 390, 844);
  await offline.route('**/api/me', (route) => route.abort('connectionrefused'));
  await offline.goto(server.base + '/');
  await offline.waitForSelector('#unreachable:not([hidden])', { timeout: 30000 });
  await audit(offline, 'unreachable server (phone, dark)');
  await offline.context().close();
} finally {
  await browser.close();
  server.stop();
}
