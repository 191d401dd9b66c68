// Errors in plain words, and what happens next: a request that cannot reach the bank says so (not
// "TypeError: Failed to fetch"); a session the proxy no longer knows (it restarted) brings back the
// sign-in form with the username kept; a page opened while the bank's server is down shows a page
// that says so, retries by itself and comes back when the server does; a sign-in lockout counts
// down and says who can help.
// Usage: node errors.test.mjs <bank-proxy binary> <wasm app dir>
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check, launchBrowser, openPage, press, repo, screenshot, signIn, waitForState } from '../support/browser.mjs';
import { freePort } from '../support/proxy.mjs';

const [proxyBin, appDir] = process.argv.slice(2);

// Our proxy on a fixed port with a store of its own: stopping it and starting another one on the
// same port is a restart that forgets every session.
async function proxyOn(port) {
  const store = mkdtempSync(path.join(os.tmpdir(), 'bank-errors-'));
  const child = spawn(proxyBin, ['--host', '127.0.0.1', '--port', String(port), '--app', appDir, '--data',
    path.join(repo, 'data'), '--web', path.join(repo, 'web'), '--store', path.join(store, 'store.sqlite')],
  { cwd: repo, stdio: 'ignore' });
  for (let i = 0; i < 150; ++i) {
    try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break; } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    stop: () => new Promise((resolve) => {
      child.once('exit', () => { rmSync(store, { recursive: true, force: true }); resolve(); });
      child.kill('SIGTERM');
    }),
  };
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
let proxy = await proxyOn(port);
const browser = await launchBrowser();
try {
  const { page } = await openPage(browser, base + '/');
  await signIn(page, 'customer101', 'demo-101');
  let state = await waitForState(page, (s) => s.phase === 'ready' && s.profile.recommendations.length > 0);
  const product = state.profile.recommendations[0].id;

  // The connection fails: plain words, nothing technical.
  await page.route('**/api/feedback', (route) => route.abort('connectionrefused'));
  await press(page, `#mirror-profile li[data-product-id="${product}"] button[data-event="interested"]`);
  state = await waitForState(page, (s) => s.notice_problem);
  check(state.notice.includes("The bank's server could not be reached. Check your connection; nothing was changed."),
    `a failed request says what happened in plain words: "${state.notice}"`);
  check(!/TypeError|fetch/i.test(state.notice), 'and no browser internals');
  await page.unroute('**/api/feedback');

  // The proxy restarts and forgets the session: back to sign-in, the username kept.
  await proxy.stop();
  proxy = await proxyOn(port);
  // Not press(): its blur afterwards could come after the form took the focus, and take it away.
  await page.focus(`#mirror-profile li[data-product-id="${product}"] button[data-event="interested"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#sign-in-form:not([hidden])', { timeout: 30000 });
  state = await waitForState(page, (s) => s.phase === 'signed-out');
  check((await page.textContent('#sign-in-message')).includes('session ended'),
    `the form says why: "${await page.textContent('#sign-in-message')}"`);
  check(await page.inputValue('#username') === 'customer101', 'the username typed before is kept');
  check(await page.evaluate(() => document.activeElement.id) === 'password', 'the focus waits in the password field');
  check(!state.profile && !(state.book || []).length && await page.locator('#mirror-profile li').count() === 0,
    'nothing of the customer\'s data stays on the page');
  await page.fill('#password', 'demo-101');
  await page.press('#password', 'Enter');
  await waitForState(page, (s) => s.phase === 'ready' && s.profile.recommendations.length > 0);
  check(true, 'signing in again brings the recommendations back');

  // Opened while the bank's server is down: a page that says so, retrying by itself. The page's
  // files still come (from the browser's cache or an edge in front of the proxy); the API does not.
  const offline = await openPage(browser, 'about:blank', { width: 1280, height: 800 });
  await offline.page.route('**/*', (route) => (new URL(route.request().url()).pathname.startsWith('/api/')
    ? route.abort('connectionrefused') : route.continue()));
  await offline.page.goto(base + '/');
  await offline.page.waitForSelector('#unreachable:not([hidden])', { timeout: 30000 });
  check(await offline.page.textContent('#unreachable-title') === "The bank's server cannot be reached", 'the page says the server cannot be reached');
  check(await offline.page.evaluate(() => document.activeElement.id) === 'unreachable-title', 'the focus is on what it says');
  await offline.page.waitForFunction(() => /Trying again in \d+ seconds?\./.test(document.getElementById('unreachable-retry').textContent));
  check(true, `it says when it tries again: "${await offline.page.textContent('#unreachable-retry')}"`);
  console.log('screenshot:', await screenshot(offline.page, 'error-offline'));
  await offline.page.unroute('**/*');
  await offline.page.waitForSelector('#sign-in-form:not([hidden])', { timeout: 30000 });
  check(true, 'when the server answers again the page comes back by itself, at the sign-in form');

  // A lockout: the form counts down and says who can help.
  const locked = await openPage(browser, base + '/');
  await locked.page.waitForSelector('#sign-in-form:not([hidden])', { timeout: 30000 });
  await locked.page.evaluate(async () => {
    // Enough failures that the next lock lasts a few seconds (it doubles from 1 s after 5).
    for (let failures = 0; failures < 8;) {
      const r = await fetch('/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'customer102', password: 'wrong' }) });
      if (r.status === 429) await new Promise((done) => setTimeout(done, Number(r.headers.get('Retry-After')) * 1000 + 100));
      else failures += 1;
    }
  });
  await signIn(locked.page, 'customer102', 'wrong-again');
  await locked.page.waitForSelector('#sign-in-countdown:not([hidden])');
  const first = await locked.page.textContent('#sign-in-countdown');
  check(/^You can try again in \d+ seconds?\.$/.test(first), `a live countdown: "${first}"`);
  check(!(await locked.page.textContent('#sign-in-message')).includes('Wait'), `no "Wait 1 seconds": "${await locked.page.textContent('#sign-in-message')}"`);
  check(!(await locked.page.isHidden('#sign-in-help')), `a help line: "${(await locked.page.textContent('#sign-in-help')).replace(/\s+/g, ' ').trim()}"`);
  check(await locked.page.isDisabled('#sign-in-button'), 'the button waits with the countdown');
  await locked.page.waitForFunction((was) => document.getElementById('sign-in-countdown').textContent !== was, first);
  check(true, `it counts: "${await locked.page.textContent('#sign-in-countdown')}"`);
  await locked.page.waitForFunction(() => document.getElementById('sign-in-message').textContent === 'You can try again now.',
    null, { timeout: 60000 });
  check(!(await locked.page.isDisabled('#sign-in-button')), 'at zero the form says so and the button works again');
} finally {
  await browser.close();
  await proxy.stop();
}
