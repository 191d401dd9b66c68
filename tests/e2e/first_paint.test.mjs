// First paint: the sign-in form is usable before the app (2 MB of wasm) has arrived. Here the
// wasm is held back until the test lets it go: the form shows, signs in through POST /api/login,
// and the page shows the app's download progress; once the wasm arrives the app finds the session
// and shows the first recommendations. The app's files travel compressed (precompressed gzip for
// the wasm, Content-Encoding set, Vary: Accept-Encoding).
// Usage: node first_paint.test.mjs <bank-proxy binary> <wasm app dir>
import { check, launchBrowser, openPage, waitForState } from '../support/browser.mjs';
import { startProxy } from '../support/proxy.mjs';

const [proxyBin, appDir] = process.argv.slice(2);

const server = await startProxy({ proxyBin, appDir });
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await context.route('**/app/bank_app.wasm', async (route) => { await held; await route.continue(); });
  const encodings = {};
  context.on('response', (r) => {
    encodings[new URL(r.url()).pathname] = { encoding: r.headers()['content-encoding'] || '', vary: r.headers().vary || '',
      status: r.status() };
  });
  const { page, errors, failures } = await openPage(context, server.base + '/');

  await page.waitForSelector('#sign-in-form:not([hidden])', { timeout: 30000 });
  check(await page.evaluate(() => window.bankShell.state.phase) === 'starting', 'the sign-in form shows while the app is still on its way');
  check(await page.evaluate(() => document.activeElement.id) === 'username', 'and it is ready for typing');
  await page.fill('#username', 'customer101');
  await page.fill('#password', 'demo-101');
  await page.press('#password', 'Enter');
  await page.waitForFunction(() => document.getElementById('loading-title').textContent === 'Signed in');
  check(!(await page.isHidden('#app-progress')), 'signed in before the app arrived: the page shows the download\'s progress');
  check(await page.evaluate(() => document.activeElement.id) === 'loading-title', 'the focus moves to what the page now says');
  check(failures.every((f) => !f.includes('/api/login')), 'the sign-in itself was accepted');

  release();
  const state = await waitForState(page, (s) => s.phase === 'ready' && s.profile.recommendations.length > 0, null, 60000);
  check(state.profile.id === 101, 'once the app has arrived it finds the session and shows the recommendations');
  check(await page.evaluate(() => document.activeElement.id) === 'canvas', 'the focus goes to the app');
  check(await page.isHidden('#loading'), 'the progress card is gone');

  for (const file of ['/app/bank_app.wasm', '/app/bank_app.js']) {
    check(encodings[file] && encodings[file].encoding === 'gzip', `${file} is sent gzip-encoded (${JSON.stringify(encodings[file])})`);
  }
  for (const file of ['/', '/shell.js', '/app.css', '/mirror.js']) {
    check(encodings[file] && ['gzip', 'br'].includes(encodings[file].encoding), `${file} is sent compressed (${JSON.stringify(encodings[file])})`);
  }
  // The files served (not an error about one that is not there: the on-device models' weights are
  // not shipped, and the 404 for them, never compressed, may arrive before this check or after it).
  const files = Object.entries(encodings).filter(([p, e]) => !p.startsWith('/api/') && e.status < 400);
  check(files.length >= 6 && files.every(([, e]) => e.vary.includes('Accept-Encoding')),
    `every file says it varies with Accept-Encoding (${files.filter(([, e]) => !e.vary.includes('Accept-Encoding')).map(([p]) => p).join(', ')})`);

  // Signed in already: a reload shows "Welcome back" and the app's progress, no form.
  const shown = [];
  await page.exposeFunction('noteScreen', (s) => shown.push(s));
  await page.addInitScript(() => new MutationObserver(() => window.noteScreen(document.body.dataset.screen))
    .observe(document, { subtree: true, attributes: true, attributeFilter: ['data-screen'] }));
  await page.reload();
  await waitForState(page, (s) => s.phase === 'ready' && s.profile.recommendations.length > 0, null, 60000);
  check(shown.includes('loading') && shown.includes('app') && !shown.includes('sign-in'),
    `a signed-in reload goes from the progress card to the app, never the form (${[...new Set(shown)].join(' → ')})`);
  check(errors.length === 0, `no page errors (${errors.join(' | ')})`);
  const unexpected = failures.filter((f) => f !== '401 /api/me' && !f.startsWith('404 /models/'));
  check(unexpected.length === 0, `no failed requests (${unexpected.join(' | ')})`);
} finally {
  await browser.close();
  server.stop();
}
