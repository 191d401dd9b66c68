// What one publish of the app's state costs the page (not a test; prints a markdown table): the
// banker01 book of 76 customers and larger ones (tests/e2e/big_book.mjs), fully ranked, then
// customers opened from the accessible table's "Open" buttons, one after the other. Opening a
// customer runs synchronously from the click: the app works out the customer's reasons,
// publishes its state (wasm/flows/dom_mirror.cpp) and the page takes it in and updates the
// accessible view (web/shell.js, web/mirror.js); the style and layout that follow are timed by
// asking for the layout at once. Also a publish with nothing changed in the book (the segment
// chips' "All" while none is on), where the page has one.
// Usage: node tests/e2e/bench_mirror.mjs build/native/proxy/bank-proxy build/wasm/app [opens] [sizes]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, signIn, waitForState } from '../support/browser.mjs';
import { startProxy } from '../support/proxy.mjs';
import { bundledBookSize, dataWithBiggerBook } from './big_book.mjs';

const [proxyBin, appDir, opensArg, sizesArg] = process.argv.slice(2);
const opens = Number(opensArg || 7);
const sizes = (sizesArg || '76,10000').split(',').map(Number);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'bank-bench-mirror-'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// In the page: times `act` (a click whose work is synchronous), the part of it in
// bankShell.updateMirror, the layout asked for at once after it, and the published text's length.
function timeClick(selector) {
  const shell = window.bankShell;
  const deliver = shell.updateMirror;
  const seen = { page: 0, chars: 0, publishes: 0 };
  shell.updateMirror = (message) => {
    const t = performance.now();
    try {
      return deliver.call(shell, message);
    } finally {
      seen.page += performance.now() - t;
      seen.chars += typeof message === 'string' ? message.length : JSON.stringify(message).length;
      seen.publishes += 1;
    }
  };
  try {
    const t0 = performance.now();
    document.querySelector(selector).click();
    const t1 = performance.now();
    document.getElementById('mirror').getBoundingClientRect();
    document.body.offsetHeight;  // style and layout, now
    const t2 = performance.now();
    return { total: t1 - t0, page: seen.page, layout: t2 - t1, chars: seen.chars, publishes: seen.publishes };
  } finally {
    shell.updateMirror = deliver;
  }
}

async function measure(base) {
  const browser = await launchBrowser();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(base + '/');
    await signIn(page, 'banker01', 'demo-b01');
    const state = await waitForState(page, (s) => s.phase === 'ready' && s.book.length > 0 && s.book_ranked === s.book.length &&
      (!s.book_view || s.book_view.ranked_when_sorted === s.book.length), null, 300000);
    await page.waitForTimeout(2000);  // the table's last re-sort and the workers' end
    const rows = await page.$$eval('#mirror-customers tr', (trs) => trs.slice(0, 20).map((tr) => tr.dataset.customerId));
    const open = [];
    for (let i = 0; i < opens; ++i) {
      open.push(await page.evaluate(timeClick, `#mirror-customers tr[data-customer-id="${rows[i % rows.length]}"] button`));
      await page.waitForTimeout(1500);  // the AI explanations arrive (more publishes), the page settles
    }
    const hasAll = await page.$('[data-focus-key="segment:all"]');
    const unchanged = [];
    for (let i = 0; hasAll && i < opens; ++i) {
      unchanged.push(await page.evaluate(timeClick, '[data-focus-key="segment:all"]'));
      await page.waitForTimeout(300);
    }
    return { customers: state.book.length, open, unchanged };
  } finally {
    await browser.close();
  }
}

const pick = (list, key) => (list.length ? median(list.map((r) => r[key])) : NaN);
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');
const results = [];
try {
  for (const size of sizes) {
    const data = dataWithBiggerBook(path.join(tmp, `data-${size}`), { banker: 'B01', extra: size - bundledBookSize('B01') });
    const server = await startProxy({ proxyBin, appDir, extraArgs: ['--data', data] });
    try {
      results.push(await measure(server.base));
      console.error(JSON.stringify(results[results.length - 1]));
    } finally {
      server.stop();
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

console.log(`\n### One publish of the state (ms, median of ${opens})\n`);
console.log('| customers in the book | what was published | characters published | click to the page updated | of which the page (updateMirror) | style and layout after it |');
console.log('|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.customers} | a customer opened | ${pick(r.open, 'chars')} | ${f1(pick(r.open, 'total'))} | ` +
    `${f1(pick(r.open, 'page'))} | ${f1(pick(r.open, 'layout'))} |`);
  if (r.unchanged.length) {
    console.log(`| ${r.customers} | nothing changed in the book | ${pick(r.unchanged, 'chars')} | ${f1(pick(r.unchanged, 'total'))} | ` +
      `${f1(pick(r.unchanged, 'page'))} | ${f1(pick(r.unchanged, 'layout'))} |`);
  }
}
