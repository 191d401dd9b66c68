// The banker's book ranked off the page's main thread: banker01 with 1,000 extra customers. The
// book worker (app/book_worker.js, wasm/book_worker/) is handed the /api/book answer as it came,
// reads it itself and ranks it with the same best product and likelihood, customer by customer,
// as the page's own path (?book-worker=off); where the worker cannot start (its script missing),
// cannot read the book it is handed (truncated, or the wrong types) or posts garbage, the page
// says so and ranks the rest itself;
// "Rank all again" takes the workers' path too; an opened customer gets their reasons on demand;
// the export waits for every customer's reasons; a background tab gets its book ranked; signing
// out leaves nothing of the banker in the workers; and the static demo's banker view uses the
// worker too.
// Usage: node book_worker.test.mjs <bank-proxy binary> <wasm app dir>
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check, launchBrowser, openPage, press, signIn, waitForState } from '../support/browser.mjs';
import { clickBookControl } from '../support/book_table.mjs';
import { serveDemoSite } from '../support/demo_site.mjs';
import { startProxy } from '../support/proxy.mjs';
import { bundledBookSize, dataWithBiggerBook } from './big_book.mjs';

const [proxyBin, appDir] = process.argv.slice(2);
const EXTRA = 1000;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'bank-book-worker-'));

// Bank data with 1,000 more customers for banker B01 (copies of existing rows with new ids).
const data = dataWithBiggerBook(path.join(tmp, 'data'), { banker: 'B01', extra: EXTRA });

const rankedDetail = (page) => page.evaluate(() => {
  const mark = performance.getEntriesByName('book-ranked')[0];
  return mark ? mark.detail : null;
});

// Signs in (or opens the demo's banker view) and waits until every customer of the book is ranked.
async function rankedBook(page, { demo = false } = {}) {
  if (demo) {
    await page.waitForSelector('#demo-chooser:not([hidden])', { timeout: 30000 });
    await page.click('#demo-banker');
  } else {
    await signIn(page, 'banker01', 'demo-b01');
  }
  const state = await waitForState(page, (s) => s.phase === 'ready' && s.book.length > 0 &&
    s.book_ranked === s.book.length, null, 120000);
  for (let i = 0; i < 50 && !(await rankedDetail(page)); ++i) await new Promise((r) => setTimeout(r, 100));
  return { state, detail: await rankedDetail(page) };
}


// Each customer's list as the table shows it: product ids and likelihoods, in order.
function lists(state) {
  return new Map(state.book.map((c) => [c.id, (c.recommendations || []).map((r) => `${r.id}:${r.likelihood}`).join(' ')]));
}

// RFC 4180 rows: quoted fields may hold commas, quotes and line breaks.
function csvRows(text) {
  const rows = [[]];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; ++i; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { rows[rows.length - 1].push(field); field = ''; }
    else if (ch === '\n') { rows[rows.length - 1].push(field.replace(/\r$/, '')); field = ''; rows.push([]); }
    else field += ch;
  }
  if (field !== '' || rows[rows.length - 1].length) rows[rows.length - 1].push(field);
  return rows.filter((r) => r.length > 1);
}

function sameLists(a, b) {
  if (a.size !== b.size) return `${a.size} customers against ${b.size}`;
  for (const [id, list] of a) {
    if (b.get(id) !== list) return `customer ${id}: "${list}" against "${b.get(id)}"`;
  }
  return '';
}

const server = await startProxy({ proxyBin, appDir, extraArgs: ['--data', data] });
const browser = await launchBrowser();
try {
  // 1. The worker's path.
  const worker = await openPage(browser, server.base + '/');
  const viaWorker = await rankedBook(worker.page);
  const assigned = bundledBookSize('B01') + EXTRA;
  check(viaWorker.state.book.length === assigned, `the book holds all ${assigned} customers of B01`);
  check(viaWorker.detail && viaWorker.detail.worker === true, 'the book worker ranked the book');
  check(viaWorker.detail.worker_core_ms > 0, `the worker spent ${Math.round(viaWorker.detail.worker_core_ms)} ms in the core`);
  check(worker.requests.some((r) => r.path === '/app/book_worker.wasm'), 'the worker loaded its own small module');
  check(viaWorker.state.book.every((c) => (c.recommendations || []).length >= 1), 'every customer has a list');
  // The worker's book is the page's: every customer's ranking came from it, each in the place the
  // page has that customer (a ranking for anyone else would count as not found).
  check(viaWorker.detail.by_workers === assigned && viaWorker.detail.not_found === 0,
    `the worker ranked all ${assigned} customers from its own copy of the book, each where the page has them ` +
    `(${viaWorker.detail.by_workers} ranked, ${viaWorker.detail.not_found} not found)`);
  const handed = await worker.page.evaluate(() => performance.getEntriesByName('book-handed-to-workers').map((e) => e.detail));
  check(handed.length === 1 && handed[0].bytes > 100000, `the /api/book answer went to the worker as it came (${JSON.stringify(handed)})`);
  check(viaWorker.detail.sending_ms === 0, 'the page wrote no job for the first ranking');
  // Small batches, so the page never has much to read at once (what they cost: bench_book.mjs).
  check(viaWorker.detail.batches >= Math.ceil(assigned / 64), `the rankings came in ${viaWorker.detail.batches} batches ` +
    `of at most 64 customers (the page read them in ${Math.round(viaWorker.detail.batch_ms)} ms in all, ` +
    `${viaWorker.detail.longest_batch_ms.toFixed(1)} ms at most)`);
  check(worker.errors.length === 0, `no page errors (${worker.errors.join(' | ')})`);

  // 2. The page's own path, switched on by the URL.
  const own = await openPage(browser, server.base + '/?book-worker=off');
  const onPage = await rankedBook(own.page);
  check(onPage.detail && onPage.detail.worker === false, 'with ?book-worker=off the page ranks the book itself');
  check(!own.requests.some((r) => r.path.startsWith('/app/book_worker')), 'and never asks for the worker');
  const mismatch = sameLists(lists(viaWorker.state), lists(onPage.state));
  check(mismatch === '', `the worker's lists and likelihoods equal the page's, customer by customer ${mismatch}`);

  // "Rank all again" takes the same path: the workers rank the whole book again, to the same lists.
  await clickBookControl(worker.page, 'rank-all-again');
  await worker.page.waitForFunction(() => performance.getEntriesByName('book-ranked').length === 2, null,
    { timeout: 120000, polling: 200 });
  const again = await waitForState(worker.page, (st) => st.book_ranked === st.book.length, null, 60000);
  const second = await worker.page.evaluate(() => performance.getEntriesByName('book-ranked')[1].detail);
  check(second.worker === true, '"Rank all again" ranked the book in the workers too');
  check(sameLists(lists(again), lists(viaWorker.state)) === '', 'to the same lists');

  // 3. Reasons on demand: an opened customer's cards have their reasons, the same on both paths.
  // One listed on the first page of both accessible tables (a page shows a hundred rows).
  const rowIds = (page) => page.$$eval('#mirror-customers tr', (trs) => trs.map((tr) => Number(tr.dataset.customerId)));
  const onBoth = new Set(await rowIds(own.page));
  const customer = (await rowIds(worker.page)).filter((id) => onBoth.has(id))[5];
  const opened = [];
  for (const { page } of [worker, own]) {
    await press(page, `#mirror-customers [data-customer-id="${customer}"] button`);
    const s = await waitForState(page, (st, id) => st.selected_customer === id, customer);
    opened.push(s.book.find((c) => c.id === customer).recommendations);
  }
  check(opened[0].some((r) => r.reasons.length > 0), 'the opened customer\'s cards give their reasons');
  check(JSON.stringify(opened[0].map((r) => r.reasons)) === JSON.stringify(opened[1].map((r) => r.reasons)),
    'the same reasons on both paths');

  // 4. The export lists every customer's reasons, worked out (by the worker) when asked for.
  const download = worker.page.waitForEvent('download', { timeout: 120000 });
  await press(worker.page, '#mirror-export');
  const csv = csvRows(readFileSync(await (await download).path(), 'utf8'));
  const reasonsColumn = csv[0].findIndex((name) => name.toLowerCase() === 'reasons');
  const withReasons = new Set(csv.slice(1).filter((row) => row[reasonsColumn] !== '').map((row) => row[0]));
  check(reasonsColumn > 0, 'the export has a reasons column');
  check(withReasons.size > viaWorker.state.book.length * 0.9,
    `the export gives reasons for ${withReasons.size} of ${viaWorker.state.book.length} customers`);
  await worker.page.close();
  await own.page.close();

  // 4b. A background tab gets no animation frames (headless Chromium cannot hide a tab, so the
  // page's requestAnimationFrame stops answering from the click on Sign in): the workers' batches
  // still arrive and the book gets ranked without a single frame.
  const hiddenContext = await browser.newContext();
  await hiddenContext.addInitScript(() => {
    const frame = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) => (window.bankNoFrames ? 0 : frame(callback));
  });
  const hidden = await openPage(hiddenContext, server.base + '/');
  await hidden.page.waitForSelector('#sign-in:not([hidden])', { timeout: 30000 });
  await hidden.page.evaluate(() => { window.bankNoFrames = true; });
  await signIn(hidden.page, 'banker01', 'demo-b01');
  await hidden.page.waitForFunction(() => performance.getEntriesByName('book-ranked').length > 0, null,
    { timeout: 120000, polling: 500 });
  const backgroundRun = await hidden.page.evaluate(() => performance.getEntriesByName('book-ranked')[0].detail);
  check(backgroundRun.worker === true && backgroundRun.customers === viaWorker.state.book.length,
    `without animation frames, the book of ${backgroundRun.customers} customers was ranked all the same`);
  await hiddenContext.close();

  // 4c. Signing out leaves nothing of the banker in the workers: asked afterwards (as a script on
  // the page could) to rank the first customer of the book they held, each says it holds none.
  const outContext = await browser.newContext();
  await outContext.addInitScript(() => {
    const Original = window.Worker;
    window.bookWorkers = [];
    window.Worker = class extends Original {
      constructor(...args) {
        super(...args);
        if (String(args[0]).includes('book_worker')) window.bookWorkers.push(this);
      }
    };
  });
  const out = await openPage(outContext, server.base + '/');
  await rankedBook(out.page);
  await press(out.page, '#mirror-sign-out');
  await waitForState(out.page, (s) => s.phase === 'signed-out');
  const probed = await out.page.evaluate(() => Promise.all(window.bookWorkers.map((worker) => new Promise((done) => {
    worker.addEventListener('message', (e) => done(e.data.type === 'batch'
      ? 'a batch: ' + new TextDecoder().decode(e.data.bytes).slice(0, 120) : `${e.data.type}: ${e.data.message}`));
    worker.postMessage({ type: 'job', text: JSON.stringify({ generation: 1e6, reasons: false, indices: [0] }) });
    setTimeout(() => done('no answer'), 10000);
  }))));
  check(probed.length > 0 && probed.every((said) => said.includes('outside the book it holds (0 customers)')),
    `after signing out, the book workers hold no customer (${probed.join(' | ')})`);
  await outContext.close();

  // 5. No worker: its script is missing. The page says why and ranks the book itself.
  const missing = await openPage(await browser.newContext(), 'about:blank');
  await missing.page.route('**/app/book_worker.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await missing.page.goto(server.base + '/');
  const fallback = await rankedBook(missing.page);
  check(fallback.detail.worker === false, 'without its script, the page ranked the book');
  check(fallback.state.notice.includes('background ranker stopped'), `the page says why: "${fallback.state.notice}"`);
  check(sameLists(lists(fallback.state), lists(viaWorker.state)) === '', 'with the same lists');
  await missing.page.close();

  // 6. A worker that posts garbage: the rows already ranked stay, the page ranks the rest.
  const garbage = await openPage(await browser.newContext(), 'about:blank');
  await garbage.page.route('**/app/book_worker.js', (route) => route.fulfill({
    contentType: 'text/javascript',
    // A cross-origin-isolated page runs a worker only if its script says it may be embedded.
    headers: { 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Resource-Policy': 'same-origin' },
    body: "self.onmessage = (e) => { if (e.data.type === 'book' || e.data.type === 'job') { const bytes = new TextEncoder().encode('{\"generation\": 1, \"core_ms\": 1, \"rankings\": [{\"index\": 0}]}'); postMessage({type: 'batch', bytes: bytes.buffer}, [bytes.buffer]); } else postMessage({type: 'ready'}); };",
  }));
  await garbage.page.goto(server.base + '/');
  const recovered = await rankedBook(garbage.page);
  check(recovered.state.notice.includes('could not read'), `garbage is named: "${recovered.state.notice}"`);
  check(sameLists(lists(recovered.state), lists(viaWorker.state)) === '', 'and the book is ranked all the same');
  await garbage.page.close();

  // 6b. The worker is handed a book it cannot read (the page's copy is whole): cut short, or with a
  // field of the wrong type. The page says what is wrong with it and ranks the book itself.
  for (const [what, kind, expected] of [['cut short', 'cut', 'it is not JSON'],
    ['with a banker that is not an object', 'banker', 'field banker']]) {
    const context = await browser.newContext();
    await context.addInitScript((spoil) => {
      const spoilt = (bytes) => (spoil === 'cut' ? bytes.slice(0, bytes.length >> 1)
        : new TextEncoder().encode(new TextDecoder().decode(bytes).replace(/"banker":\{[^}]*\}/, '"banker":7')));
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (message, transfer) {
        if (message && message.type === 'book') {
          const bytes = spoilt(new Uint8Array(message.bytes));
          return post.call(this, { ...message, bytes: bytes.buffer }, [bytes.buffer]);
        }
        return post.call(this, message, transfer);
      };
    }, kind);
    const spoilt = await openPage(context, server.base + '/');
    const ranked = await rankedBook(spoilt.page);
    check(ranked.detail.worker === false, `a book ${what}: the page ranked it itself`);
    check(ranked.state.notice.includes('could not be read') && ranked.state.notice.includes(expected),
      `and says why: "${ranked.state.notice}"`);
    check(sameLists(lists(ranked.state), lists(viaWorker.state)) === '', 'with the same lists');
    await context.close();
  }

  // 7. The static demo (no proxy, no isolation headers): its banker view uses the worker too.
  const demoSite = await serveDemoSite({ site: path.join(tmp, 'site'), appDir, proxyBin });
  try {
    const demo = await openPage(browser, demoSite.base + '/');
    const demoBook = await rankedBook(demo.page, { demo: true });
    check(demoBook.state.demo && demoBook.detail.worker === true, 'the static demo\'s banker book was ranked by the worker');
    check(demoBook.detail.by_workers === demoBook.state.book.length && demoBook.detail.not_found === 0,
      `from the demo's book handed to it (${demoBook.detail.by_workers} of ${demoBook.state.book.length})`);
    check(demo.errors.length === 0, `no page errors in the demo (${demo.errors.join(' | ')})`);
  } finally {
    demoSite.stop();
  }
} finally {
  await browser.close();
  server.stop();
  rmSync(tmp, { recursive: true, force: true });
}
