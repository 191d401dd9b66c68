// Shared by the browser end-to-end tests: starts our proxy on a free loopback port, launches
// Debian's Chromium through playwright-core (never a downloaded browser), records every request
// the page makes, and saves screenshots.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const artifacts = process.env.E2E_ARTIFACTS || path.join(repo, 'build/e2e-artifacts');

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealthy(base, proxy, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proxy.exitCode !== null) throw new Error(`proxy exited with code ${proxy.exitCode}`);
    try {
      const r = await fetch(base + '/healthz');
      if (r.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('proxy did not become healthy in time');
}

// Each test gets its own feedback and audit store, so no run sees another's records.
export async function startProxy({ proxyBin, appDir, extraArgs = [], env = {} }) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const storeDir = mkdtempSync(path.join(os.tmpdir(), 'bank-e2e-'));
  const store = path.join(storeDir, 'store.sqlite');
  const proxy = spawn(proxyBin, ['--host', '127.0.0.1', '--port', String(port), '--app', appDir,
    '--data', path.join(repo, 'data'), '--web', path.join(repo, 'web'), '--store', store, ...extraArgs],
  { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let log = '';
  proxy.stdout.on('data', (d) => { log += d; });
  proxy.stderr.on('data', (d) => { log += d; });
  try {
    await waitForHealthy(base, proxy, 15000);
  } catch (e) {
    proxy.kill('SIGKILL');
    throw new Error(`${e.message}\n--- proxy output ---\n${log}`);
  }
  const stop = () => {
    proxy.kill('SIGTERM');
    rmSync(storeDir, { recursive: true, force: true });
  };
  return { base, proxy, store, log: () => log, stop };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      '--no-first-run', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-quic'],
  });
}

// A page whose every request and console error is recorded for the test's assertions.
export async function openPage(browser, url, { width = 1280, height = 800, scale = 1 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: scale,
    acceptDownloads: true });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  const failures = [];
  page.on('request', (req) => requests.push({ url: req.url(), method: req.method(), body: req.postData() || '' }));
  page.on('response', (res) => { if (res.status() >= 400) failures.push(`${res.status()} ${new URL(res.url()).pathname}`); });
  page.on('pageerror', (e) => errors.push(String(e)));
  // Chromium logs every HTTP error status as a console error too; those are judged via `failures`.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  await page.goto(url);
  return { page, requests, errors, failures };
}

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
