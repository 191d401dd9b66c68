// The one browser harness of the end-to-end and inference tests and their benchmarks: Debian's
// Chromium through playwright-core (never a downloaded browser), pages whose every request and
// error is recorded, screenshots, the bank app's page (sign-in, the state it publishes, the
// accessible mirror's controls), and the tests' check() and run().
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const artifacts = process.env.E2E_ARTIFACTS || path.join(repo, 'build/e2e-artifacts');

export async function launchBrowser(extraArgs = []) {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      '--no-first-run', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-quic', ...extraArgs],
  });
}

// A page whose every request, failed response and console error is recorded for the test's
// assertions. `on` is a browser (the page gets a fresh context of the given size) or a context
// (kept, so that a second visit finds the first one's Cache Storage). `ready`, when given, runs in
// the page and is waited for after the load. Requests from the page's workers are reported to the
// page too, so `requests` sees model downloads.
export async function openPage(on, url, { width = 1280, height = 800, scale = 1, ready = null } = {}) {
  const context = typeof on.newContext === 'function'
    ? await on.newContext({ viewport: { width, height }, deviceScaleFactor: scale, acceptDownloads: true })
    : on;
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  const failures = [];
  page.on('request', (req) => requests.push({ url: req.url(), path: new URL(req.url()).pathname,
    method: req.method(), body: req.postData() || '' }));
  page.on('response', (res) => { if (res.status() >= 400) failures.push(`${res.status()} ${new URL(res.url()).pathname}`); });
  page.on('pageerror', (e) => errors.push(String(e)));
  // Chromium logs every HTTP error status as a console error too (those are judged through
  // `failures`), and asks every page for /favicon.ico, which the inference test pages lack.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon|Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  await page.goto(url);
  if (ready) await page.waitForFunction(ready);
  return { page, requests, errors, failures };
}

// openPage's options for a page with the on-device inference (web/inference/embedder.js).
export const inferencePage = { ready: () => window.bankInference !== undefined };

export async function signIn(page, username, password) {
  await page.waitForSelector('#sign-in:not([hidden])', { timeout: 30000 });
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('#sign-in-button');
}

// The app publishes its state to window.bankShell.state (the accessible mirror's source).
export async function waitForPhase(page, phase, timeoutMs = 30000) {
  await page.waitForFunction((p) => window.bankShell && window.bankShell.state.phase === p, phase,
    { timeout: timeoutMs });
  return page.evaluate(() => window.bankShell.state);
}

// Waits until the published state satisfies `predicate(state, arg)`, polling from the test (the
// page's CSP forbids evaluating strings, rightly).
export async function waitForState(page, predicate, arg = null, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await page.evaluate(() => window.bankShell && window.bankShell.state);
    try {
      if (state && predicate(state, arg)) return state;
    } catch { /* a field not there yet */ }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${predicate.toString()}; state: ${JSON.stringify(state).slice(0, 600)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Uses one of the accessible mirror's controls the way a keyboard or screen-reader user does
// (focus, Enter), then leaves it so the mirror panel does not cover the canvas in screenshots.
export async function press(page, selector) {
  await page.focus(selector);
  await page.keyboard.press('Enter');
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
}

export async function fillAndSubmit(page, inputSelector, value) {
  await page.fill(inputSelector, value);
  await page.focus(inputSelector);
  await page.keyboard.press('Enter');
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
}

export async function screenshot(page, name) {
  mkdirSync(artifacts, { recursive: true });
  // Two animation frames so the canvas holds the frame drawn after the last state change.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const file = path.join(artifacts, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

// No model weights ship with the repository: the app asks for the MiniLM file, is told 404 and
// ranks with the lexical encoder (the customer test checks the notice). Tests expect this one.
export const MISSING_MODEL = '404 /models/local/Xenova/all-MiniLM-L6-v2/onnx/model_quantized.onnx';

export function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
  console.log(`ok - ${message}`);
}

export function maxAbsDiff(a, b) {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

// Runs main() and exits non-zero with the error on failure; always closes what it opened.
export async function run(main) {
  const cleanups = [];
  try {
    await main((fn) => cleanups.push(fn));
  } catch (e) {
    console.error(e.stack || e);
    process.exitCode = 1;
  } finally {
    for (const fn of cleanups.reverse()) await fn().catch(() => {});
  }
}
