// Banker book benchmark (not a test; prints the markdown tables of BENCHMARKS.md "Banker book in
// the browser"): banker01 signs in with books of 76, 1,000, 5,000 and 10,000 customers (the
// bundled data plus copies of existing rows with new ids: big_book.mjs). From the click on
// "Sign in": the book listed (performance mark 'book-ranking-started': the book's rows are in the
// table) and fully ranked ('book-ranked'), the frame times meanwhile (app_frame_time_percentile,
// reset at the click), the tab's memory once ranked (measureUserAgentSpecificMemory: the page and
// its workers), the /api/book answer (bytes on the wire and decoded, time to fetch it), and beside
// them the core's own time for the same book in the same run: the worker's time inside the core
// (wasm, in the browser) and bank-bench-device's natively; what the page spent taking in the
// accessible view's publishes. Then the same book's "Rank all again"
// (from the click on it to the book ranked again), the book worker alone (a fresh one in a page
// that does nothing else, given the same answers: the floor under the app's time, on code V8 has
// not optimized yet and again on code it has), and the static demo's banker view (its bundled
// book of 76, no proxy: from the click on "Banker view" to the book ranked).
// Usage: node tests/e2e/bench_book.mjs build/native/proxy/bank-proxy build/wasm/app [runs] [sizes]
//   e.g. node tests/e2e/bench_book.mjs build/h-book/proxy/bank-proxy build/h-book-wasm/app 1 76,10000
// `BOOK_WORKER=off` adds ?book-worker=off: the page's own time-budgeted path, for comparison;
// `BOOK_WORKERS=N` runs N workers (default: one per core, up to 4).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, repo, waitForState } from '../support/browser.mjs';
import { clickBookControl } from '../support/book_table.mjs';
import { serveDemoSite } from '../support/demo_site.mjs';
import { startProxy } from '../support/proxy.mjs';
import { bundledBookSize, dataWithBiggerBook } from './big_book.mjs';

const [proxyBin, appDir, runsArg, sizesArg] = process.argv.slice(2);
const runs = Number(runsArg || 3);
const sizes = (sizesArg || '76,1000,5000,10000').split(',').map(Number);
const benchDevice = path.resolve(path.dirname(proxyBin), '../tests/eval/bank-bench-device');
const query = process.env.BOOK_WORKER === 'off' ? '?book-worker=off'
  : process.env.BOOK_WORKERS ? `?book-workers=${Number(process.env.BOOK_WORKERS)}` : '';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'bank-bench-book-'));

// A data folder whose banker B01 has `size` customers (at least the bundled ones).
const dataFor = (size) => dataWithBiggerBook(path.join(tmp, `data-${size}`),
  { banker: 'B01', extra: Math.max(0, size - bundledBookSize('B01')) });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function oneRun(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(base + '/' + query);
  await page.waitForSelector('#sign-in:not([hidden])', { timeout: 30000 });
  await page.fill('#username', 'banker01');
  await page.fill('#password', 'demo-b01');
  const clicked = await page.evaluate(() => {
    // Frames as the browser lived them (Long Animation Frames: over 50 ms from the task's start to
    // the frame presented, the browser's own rendering and compositing included), beside the app's
    // CPU per frame: a software-rendered canvas is read back from SwiftShader every frame drawn.
    window.longFrames = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.longFrames.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'long-animation-frame' });
    window.bankShell.frameTimePercentile(0, true);
    // What the page spends taking in the app's publishes to the accessible view (parsing them and
    // updating the DOM) until it holds the whole ranked book, and how much text they were.
    window.mirrorTaken = { ms: 0, chars: 0, publishes: 0 };
    const update = window.bankShell.updateMirror;
    window.bankShell.updateMirror = function timed(text) {
      const t = performance.now();
      try {
        return update.call(this, text);
      } finally {
        Object.assign(window.mirrorTaken, { ms: window.mirrorTaken.ms + performance.now() - t,
          chars: window.mirrorTaken.chars + text.length, publishes: window.mirrorTaken.publishes + 1 });
      }
    };
    const t = performance.now();
    document.getElementById('sign-in-button').click();
    return t;
  });
  await page.waitForFunction(() => performance.getEntriesByName('book-ranked').length > 0, null,
    { timeout: 600000, polling: 200 });
  const frames = await page.evaluate(() => [50, 95, 100].map((p) => window.bankShell.frameTimePercentile(p, false)));
  // Long frames from the book's arrival to it being ranked.
  const longFrames = await page.evaluate(() => {
    const book = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname === '/api/book');
    const ranked = performance.getEntriesByName('book-ranked')[0].startTime;
    const during = window.longFrames.filter((f) => f.start >= book.responseEnd && f.start <= ranked);
    return { count: during.length, longest: Math.max(0, ...during.map((f) => f.ms)) };
  });
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
  const mirror = await page.evaluate(() => window.mirrorTaken);
  const memory = await page.evaluate(async () => (await performance.measureUserAgentSpecificMemory()).bytes);
  const again = await rankAllAgain(page);
  await context.close();
  return {
    again: again.ms, againP50: again.frames[0], againP95: again.frames[1], againMax: again.frames[2],
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
    p50: frames[0], p95: frames[1], max: frames[2], longFrames: longFrames.count, longestFrame: longFrames.longest,
    mirrorMs: mirror.ms, mirrorChars: mirror.chars, mirrorPublishes: mirror.publishes,
    memory, bookFetch: timing.bookFetch, wire: timing.wire, decoded: timing.decoded,
  };
}


const rankedMarks = (page) => page.evaluate(() => performance.getEntriesByName('book-ranked').map((e) => e.startTime));
const framePercentiles = (page) => page.evaluate(() => [50, 95, 100].map((p) => window.bankShell.frameTimePercentile(p, false)));

// "Rank all again" on a ranked book: from the click to the book ranked again.
async function rankAllAgain(page) {
  const before = (await rankedMarks(page)).length;
  const clicked = await clickBookControl(page, 'rank-all-again', () => page.evaluate(() => {
    window.bankShell.frameTimePercentile(0, true);
    return performance.now();
  }));
  await page.waitForFunction((n) => performance.getEntriesByName('book-ranked').length > n, before,
    { timeout: 600000, polling: 100 });
  return { ms: (await rankedMarks(page))[before] - clicked, frames: await framePercentiles(page) };
}

// The book worker alone, in a page left at the sign-in form: banker01's /api/catalog,
// /api/ranking-model and /api/book answers (fetched first, with a session of its own) posted to a
// fresh app/book_worker.js as the app posts them (wasm/book_worker/worker_messages.js); from the
// book posted to its last batch, and the same book posted again to the same worker.
async function workerAlone(browser, base) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + '/');
  await page.waitForSelector('#sign-in:not([hidden])', { timeout: 30000 });
  const result = await page.evaluate(async () => {
    const login = await fetch('/api/login', { method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'banker01', password: 'demo-b01' }) });
    if (!login.ok) throw new Error(`sign-in: ${login.status}`);
    const answer = (p) => fetch(p, { credentials: 'same-origin' }).then((r) => r.arrayBuffer());
    const [catalog, model, book] = await Promise.all(['/api/catalog', '/api/ranking-model', '/api/book'].map(answer));
    const customers = JSON.parse(new TextDecoder().decode(book)).customers.length;
    const worker = new Worker('/app/book_worker.js');
    // The worker's next message (each awaited before the page takes the one after it).
    const next = () => new Promise((resolve, reject) => {
      worker.onmessage = (e) => (e.data.type === 'failed' ? reject(new Error(e.data.message)) : resolve(e.data));
    });
    const rankBook = async (generation) => {
      const posted = performance.now();
      let ranked = 0, core = 0, first = 0;
      worker.postMessage({ type: 'book', bytes: book.slice(0), generation, slot: 0, workers: 1 });
      while (ranked < customers) {
        const m = await next();
        if (m.type !== 'batch') continue;
        const batch = JSON.parse(new TextDecoder().decode(m.bytes));
        if (batch.generation !== generation) continue;
        if (!first) first = performance.now() - posted;
        ranked += batch.rankings.length;
        core += batch.core_ms;
      }
      return { ms: performance.now() - posted, first, core };
    };
    const opening = next();
    worker.postMessage({ type: 'answer', path: '/api/catalog', bytes: catalog });
    worker.postMessage({ type: 'answer', path: '/api/ranking-model', bytes: model });
    for (let m = await opening; m.type !== 'ready'; m = await next());
    const cold = await rankBook(1);
    const warm = await rankBook(2);
    worker.terminate();
    return { cold, warm };
  });
  await context.close();
  return result;
}

// The static demo's banker view (scripts/make_demo_site.sh, served by a plain file server): from
// the click on "Banker view" to its book ranked.
async function demoBanker(browser) {
  const demoSite = await serveDemoSite({ site: path.join(mkdtempSync(path.join(tmp, 'demo-')), 'site'), appDir, proxyBin,
    stdio: 'ignore' });
  try {
    const base = demoSite.base;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(base + '/' + query);
    await page.waitForSelector('#demo-chooser:not([hidden])', { timeout: 30000 });
    const clicked = await page.evaluate(() => {
      window.bankShell.frameTimePercentile(0, true);
      const t = performance.now();
      document.getElementById('demo-banker').click();
      return t;
    });
    await page.waitForFunction(() => performance.getEntriesByName('book-ranked').length > 0, null, { timeout: 120000 });
    const frames = await framePercentiles(page);
    const detail = await page.evaluate(() => performance.getEntriesByName('book-ranked')[0].detail);
    const ms = (await rankedMarks(page))[0] - clicked;
    await context.close();
    return { ms, frames, customers: detail.customers, worker: detail.worker };
  } finally {
    demoSite.stop();
  }
}

const results = [];
const demos = [];
const browser = await launchBrowser(['--enable-blink-features=ForceEagerMeasureMemory']);
try {
  for (const size of sizes) {
    const data = dataFor(size);
    const server = await startProxy({ proxyBin, appDir, extraArgs: ['--data', data] });
    try {
      const runsOf = [];
      for (let i = 0; i < runs; ++i) runsOf.push(await oneRun(browser, server.base));
      const alone = [];
      for (let i = 0; i < runs; ++i) alone.push(await workerAlone(browser, server.base));
      const core = JSON.parse(execFileSync(benchDevice, ['book', data, 'B01', path.join(repo, 'config/propensity-model.json'),
        String(Math.max(3, runs))], { encoding: 'utf8' }));
      const pick = (k) => median(runsOf.map((r) => r[k]));
      const aloneOf = (when) => Object.fromEntries(['ms', 'first', 'core'].map((k) => [k, median(alone.map((a) => a[when][k]))]));
      results.push({ size, customers: runsOf[0].customers, worker: runsOf.every((r) => r.worker), core,
        alone: { cold: aloneOf('cold'), warm: aloneOf('warm') },
        ...Object.fromEntries(Object.keys(runsOf[0]).filter((k) => typeof runsOf[0][k] === 'number').map((k) => [k, pick(k)])) });
      console.error(`${size}: ${JSON.stringify(results[results.length - 1])}`);
    } finally {
      server.stop();
    }
  }
  for (let i = 0; i < runs; ++i) demos.push(await demoBanker(browser));
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
  'fully ranked ÷ native core | frame p50 / p95 / max while ranking (the app\'s CPU per frame) | ' +
  'long frames (> 50 ms, the browser\'s rendering included) after the book arrived: count, longest | ' +
  'the page reading batches: all, ms (batches); each p50 / p95 / max | tab memory (page + workers), MB |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.customers} | ${r.worker ? `${r.workers} book worker(s)` : 'the page'} | ${f0(r.listed)} | ${f0(r.ranked)} | ` +
    `${f0(r.afterData)} | ${r.worker ? f0(r.workersDoneAfterData) : '-'} | ${r.worker ? f0(r.workerCore) : '-'} | ${f0(r.core.list_ms)} | ` +
    `${(r.afterData / r.core.list_ms).toFixed(1)}× | ${f1(r.p50)} / ${f1(r.p95)} / ${f1(r.max)} | ` +
    `${f0(r.longFrames)}, ${f0(r.longestFrame)} | ` +
    `${r.worker ? `${f0(r.batchMs)} (${f0(r.batches)}); ${f1(r.batchP50)} / ${f1(r.batchP95)} / ${f1(r.longestBatchMs)}` : '-'} | ` +
    `${mb(r.memory)} |`);
}
console.log('\n### The accessible view, from the click until it holds the whole ranked book\n');
console.log('| customers | publishes | text published, MB | the page taking them in (parse, merge, DOM), ms |');
console.log('|---|---|---|---|');
for (const r of results) console.log(`| ${r.customers} | ${f0(r.mirrorPublishes)} | ${f1(r.mirrorChars / 1048576)} | ${f0(r.mirrorMs)} |`);
console.log('\n### GET /api/book (gzip, as the browser fetched it)\n');
console.log('| customers | raw bytes | bytes on the wire | fetch, ms | from the answer to the workers having it, ms | ' +
  'from the answer to the book listed (decode, ranker), ms |');
console.log('|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.customers} | ${r.decoded} | ${r.wire} | ${f0(r.bookFetch)} | ${f0(r.handedAfterData)} | ${f0(r.dataToListed)} |`);
}
console.log('\n### The book worker alone (a fresh one in an idle page, the same answers; ms from the book posted to it)\n');
console.log('| customers | its last batch: first time | … the same book again (code optimized) | its first batch (the decode): first / again | ' +
  'its time in the core: first / again | core\'s own time, native |');
console.log('|---|---|---|---|---|---|');
for (const r of results) {
  const a = r.alone;
  console.log(`| ${r.customers} | ${f0(a.cold.ms)} | ${f0(a.warm.ms)} | ${f0(a.cold.first)} / ${f0(a.warm.first)} | ` +
    `${f0(a.cold.core)} / ${f0(a.warm.core)} | ${f0(r.core.list_ms)} |`);
}
console.log('\n### "Rank all again" on the ranked book (ms from the click)\n');
console.log('| customers | ranked again | frame p50 / p95 / max meanwhile |');
console.log('|---|---|---|');
for (const r of results) console.log(`| ${r.customers} | ${f0(r.again)} | ${f1(r.againP50)} / ${f1(r.againP95)} / ${f1(r.againMax)} |`);
const demo = (k) => median(demos.map(k));
console.log(`\n### The static demo's banker view (ms from the click on "Banker view"; median of ${demos.length})\n`);
console.log('| customers | ranked by | fully ranked | frame p50 / p95 / max meanwhile |');
console.log('|---|---|---|---|');
console.log(`| ${demos[0].customers} | ${demos.every((d) => d.worker) ? 'book worker(s)' : 'the page'} | ${f0(demo((d) => d.ms))} | ` +
  `${f1(demo((d) => d.frames[0]))} / ${f1(demo((d) => d.frames[1]))} / ${f1(demo((d) => d.frames[2]))} |`);
