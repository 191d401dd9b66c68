// Banker book benchmark (not a test; prints the markdown table of BENCHMARKS.md "Banker book in the
// browser"): banker01 signs in with books of 76, 1,000, 5,000 and 10,000 customers (the bundled
// data plus copies of existing rows with new ids, as bench_ui.mjs makes them). From the click on
// "Sign in": the book listed (performance mark 'book-ranking-started': the book's rows are in the
// table) and fully ranked ('book-ranked'), the frame times meanwhile (app_frame_time_percentile,
// reset at the click), the tab's memory once ranked (measureUserAgentSpecificMemory: the page and
// its workers), the /api/book answer (bytes on the wire and decoded,
// time to fetch it), and beside them the core's own time for the same book in the same run: the
// worker's time inside the core (wasm, in the browser) and bank-bench-device's natively.
// Usage: node tests/e2e/bench_book.mjs build/native/proxy/bank-proxy build/wasm/app [runs] [sizes]
//   e.g. node tests/e2e/bench_book.mjs build/h-book/proxy/bank-proxy build/h-book-wasm/app 1 76,10000
// `BOOK_WORKER=off` adds ?book-worker=off: the page's own time-budgeted path, for comparison;
// `BOOK_WORKERS=N` runs N workers (default: one per core, up to 4).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, repo, waitForState } from '../support/browser.mjs';
import { startProxy } from '../support/proxy.mjs';

const [proxyBin, appDir, runsArg, sizesArg] = process.argv.slice(2);
const runs = Number(runsArg || 3);
const sizes = (sizesArg || '76,1000,5000,10000').split(',').map(Number);
const benchDevice = path.resolve(path.dirname(proxyBin), '../tests/eval/bank-bench-device');
const query = process.env.BOOK_WORKER === 'off' ? '?book-worker=off'
  : process.env.BOOK_WORKERS ? `?book-workers=${Number(process.env.BOOK_WORKERS)}` : '';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'bank-bench-book-'));

const originalRows = readFileSync(path.join(repo, 'data/customerdata.csv'), 'utf8').trimEnd().split('\n');
const bundledBook = originalRows.slice(1).filter((l) => /,B01\r?$/.test(l)).length;

// A data folder whose banker B01 has `size` customers (at least the bundled ones).
function dataFor(size) {
  const dir = path.join(tmp, `data-${size}`);
  cpSync(path.join(repo, 'data'), dir, { recursive: true });
  const extra = [];
  for (let i = 0; i < size - bundledBook; ++i) {
    const row = originalRows[1 + (i % (originalRows.length - 1))];
    extra.push(String(20001 + i) + row.slice(row.indexOf(',')).replace(/,B0\d\r?$/, ',B01'));
  }
  writeFileSync(path.join(dir, 'customerdata.csv'), originalRows.concat(extra).join('\n') + '\n');
  return dir;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function oneRun(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(base + '/' + query);
  await page.waitForSelector('#sign-in:not([hidden])', { timeout: 30000 });
  await page.fill('#username', 'banker01');
  await page.fill('#password', 'demo-b01');
  const clicked = await page.evaluate(() => {
    window.bankShell.frameTimePercentile(0, true);
    const t = performance.now();
    document.getElementById('sign-in-button').click();
    return t;
  });
  await page.waitForFunction(() => performance.getEntriesByName('book-ranked').length > 0, null,
    { timeout: 600000, polling: 200 });
  const frames = await page.evaluate(() => [50, 95, 100].map((p) => window.bankShell.frameTimePercentile(p, false)));
  const timing = await page.evaluate(() => {
    const started = performance.getEntriesByName('book-ranking-started')[0];
    const ranked = performance.getEntriesByName('book-ranked')[0];
    const book = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname === '/api/book');
    const ready = performance.getEntriesByName('book-worker-ready').map((e) => e.startTime);
    const handed = performance.getEntriesByName('book-handed-to-workers')[0];
    const batches = performance.getEntriesByName('book-worker-batch').map((e) => e.detail.ready_at);
    return {
      listed: started.startTime, ranked: ranked.startTime, detail: ranked.detail,
      workersReady: ready.length ? Math.max(...ready) : NaN,
      handed: handed ? handed.startTime : NaN,
      workersDone: batches.length ? Math.max(...batches) : NaN,
      bookFetch: book ? book.responseEnd - book.startTime : NaN,
      bookArrived: book ? book.responseEnd : NaN,
      wire: book ? book.encodedBodySize : NaN, decoded: book ? book.decodedBodySize : NaN,
    };
  });
  const state = await waitForState(page, (s) => s.book_ranked === s.book.length && s.book.length > 0, null, 60000);
  const memory = await page.evaluate(async () => (await performance.measureUserAgentSpecificMemory()).bytes);
  await context.close();
  return {
    customers: state.book.length,
    listed: timing.listed - clicked,
    ranked: timing.ranked - clicked,
    afterData: timing.ranked - timing.bookArrived,
    workersDoneAfterData: timing.workersDone - timing.bookArrived,
    workersReadyAfterData: timing.workersReady - timing.bookArrived,
    dataToListed: timing.listed - timing.bookArrived,
    worker: timing.detail.worker, workers: timing.detail.workers, workerCore: timing.detail.worker_core_ms,
    pageMs: timing.detail.page_ms,
    batches: timing.detail.batches, batchMs: timing.detail.batch_ms, longestBatchMs: timing.detail.longest_batch_ms,
    batchP50: timing.detail.batch_ms_p50, batchP95: timing.detail.batch_ms_p95,
    handedAfterData: timing.handed - timing.bookArrived,
    p50: frames[0], p95: frames[1], max: frames[2],
    memory, bookFetch: timing.bookFetch, wire: timing.wire, decoded: timing.decoded,
  };
}

const results = [];
const browser = await launchBrowser(['--enable-blink-features=ForceEagerMeasureMemory']);
try {
  for (const size of sizes) {
    const data = dataFor(size);
    const server = await startProxy({ proxyBin, appDir, extraArgs: ['--data', data] });
    try {
      const runsOf = [];
      for (let i = 0; i < runs; ++i) runsOf.push(await oneRun(browser, server.base));
      const core = JSON.parse(execFileSync(benchDevice, ['book', data, 'B01', path.join(repo, 'config/propensity-model.json'),
        String(Math.max(3, runs))], { encoding: 'utf8' }));
      const pick = (k) => median(runsOf.map((r) => r[k]));
      results.push({ size, customers: runsOf[0].customers, worker: runsOf.every((r) => r.worker), core,
        ...Object.fromEntries(Object.keys(runsOf[0]).filter((k) => typeof runsOf[0][k] === 'number').map((k) => [k, pick(k)])) });
      console.error(`${size}: ${JSON.stringify(results[results.length - 1])}`);
    } finally {
      server.stop();
    }
  }
} finally {
  await browser.close();
  rmSync(tmp, { recursive: true, force: true });
}

const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : '-');
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');
const mb = (x) => (x / 1048576).toFixed(0);
console.log(`\n### Banker book in the browser (ms from clicking Sign in; median of ${runs} run(s)${query ? ', ' + query : ''})\n`);
console.log('| customers in the book | ranked by | book listed | fully ranked (in the table) | after the book arrived: fully ranked | ' +
  '… the workers done | core\'s own time, wasm, all workers together | core\'s own time, native (bank-bench-device) | ' +
  'fully ranked ÷ native core | frame p50 / p95 / max while ranking | the page reading batches: all, ms (batches); each p50 / p95 / max | ' +
  'tab memory (page + workers), MB |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.customers} | ${r.worker ? `${r.workers} book worker(s)` : 'the page'} | ${f0(r.listed)} | ${f0(r.ranked)} | ` +
    `${f0(r.afterData)} | ${r.worker ? f0(r.workersDoneAfterData) : '-'} | ${r.worker ? f0(r.workerCore) : '-'} | ${f0(r.core.list_ms)} | ` +
    `${(r.afterData / r.core.list_ms).toFixed(1)}× | ${f1(r.p50)} / ${f1(r.p95)} / ${f1(r.max)} | ` +
    `${r.worker ? `${f0(r.batchMs)} (${f0(r.batches)}); ${f1(r.batchP50)} / ${f1(r.batchP95)} / ${f1(r.longestBatchMs)}` : '-'} | ` +
    `${mb(r.memory)} |`);
}
console.log('\n### GET /api/book (gzip, as the browser fetched it)\n');
console.log('| customers | raw bytes | bytes on the wire | fetch, ms | from the answer to the workers having it, ms | ' +
  'from the answer to the book listed (decode, ranker), ms |');
console.log('|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.customers} | ${r.decoded} | ${r.wire} | ${f0(r.bookFetch)} | ${f0(r.handedAfterData)} | ${f0(r.dataToListed)} |`);
}
