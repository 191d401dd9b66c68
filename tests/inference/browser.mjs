// Debian's Chromium through playwright-core (never a downloaded browser), a page whose requests and
// errors are recorded, and the tests' check(). Shared by the inference browser tests and benchmarks.
import { chromium } from 'playwright-core';

export async function launchBrowser(extraArgs = []) {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      '--no-first-run', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-quic', ...extraArgs],
  });
}

// Requests from the page's workers are reported to the page too, so `requests` sees model downloads.
export async function openPage(context, url) {
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    // Chromium asks every page for /favicon.ico; the test pages have none.
    if (m.type() === 'error' && !/favicon|Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  await page.goto(url);
  await page.waitForFunction(() => window.bankInference !== undefined);
  return { page, requests, errors };
}

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
