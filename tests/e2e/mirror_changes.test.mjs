// The accessible view of a large book (issue 17): the app publishes the book as changes (the whole
// book once per book, then only the customers whose entry changed) and the page merges them, so
// that window.bankShell.state.book stays the whole book; and the accessible table shows the canvas
// table's own rows (book_view.shown) a page at a time, sorted and filtered by the app.
// Usage: node mirror_changes.test.mjs <bank-proxy binary> <wasm app dir>
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MISSING_MODEL, check, launchBrowser, openPage, press, run, signIn, waitForState } from '../support/browser.mjs';
import { startProxy } from '../support/proxy.mjs';
import { bundledBookSize, dataWithBiggerBook } from './big_book.mjs';

const [proxyBin, appDir] = process.argv.slice(2);
const EXTRA = 250;  // with B01's own 76: four pages of the accessible table
const PAGE = 100;   // its rows a page (web/mirror_book.js)

// Every message the app publishes, as the page receives it: its length and what book it carries.
function recordPublishes() {
  const shell = window.bankShell;
  const deliver = shell.updateMirror;
  window.published = [];
  shell.updateMirror = (text) => {
    const message = typeof text === 'string' ? JSON.parse(text) : text;
    window.published.push({
      length: typeof text === 'string' ? text.length : JSON.stringify(text).length,
      whole: Array.isArray(message.book) ? message.book.length : null,
      changed: Array.isArray(message.book_changes) ? message.book_changes.map((c) => c.entry.id) : null,
      rows: !!message.book_view && 'order' in message.book_view,
    });
    return deliver.call(shell, text);
  };
}

const published = (page) => page.evaluate(() => window.published);
const tableRows = (page) => page.$$eval('#mirror-customers tr', (trs) => trs.map((tr) => Number(tr.dataset.customerId)));
const announced = (page, words) => page.waitForFunction((w) => document.getElementById('mirror-announce').textContent === w,
  words, { timeout: 5000 });

await run(async (cleanup) => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bank-mirror-changes-'));
  cleanup(async () => rmSync(tmp, { recursive: true, force: true }));
  const data = dataWithBiggerBook(path.join(tmp, 'data'), { banker: 'B01', extra: EXTRA });
  const size = bundledBookSize('B01') + EXTRA;
  const server = await startProxy({ proxyBin, appDir, extraArgs: ['--data', data] });
  cleanup(async () => server.stop());
  const browser = await launchBrowser();
  cleanup(() => browser.close());
  const { page, errors, failures } = await openPage(browser, server.base + '/');
  await page.evaluate(recordPublishes);
  await signIn(page, 'banker01', 'demo-b01');
  // Ranked, and every entry caught up: the page's copy of the book is built from the publishes, at
  // most 100 entries each, made one after another (later than that on a busy machine).
  let state = await waitForState(page, (s) => s.phase === 'ready' && s.book.length > 0 &&
    s.book_ranked === s.book.length && s.book_view.ranked_when_sorted === s.book.length &&
    s.book.every((c) => (c.recommendations || []).length > 0), null, 120000);
  check(state.book.length === size, `banker01's book has ${size} customers`);

  // The whole book was sent once; while it was ranked, only the customers whose results arrived.
  let log = await published(page);
  const wholeBooks = log.filter((m) => m.whole === size);
  check(wholeBooks.length === 1, `the whole book was published once (${wholeBooks.length} times)`);
  const later = log.slice(log.findIndex((m) => m.whole === size) + 1);
  check(later.length > 0 && later.every((m) => m.changed !== null),
    `the ${later.length} publishes after it carried changes only`);
  const sent = later.reduce((n, m) => n + m.changed.length, 0);
  check(sent >= size && sent < 3 * size, `as the book was ranked, ${sent} entries were sent again, not ${later.length} whole books`);
  const most = Math.max(...later.map((m) => m.changed.length));
  check(most <= 100, `at most 100 entries a publish (${most}): a book just ranked is sent over several`);

  // The accessible table: the canvas table's rows, a page at a time.
  let shown = state.book_view.shown;
  check(shown.length === size, 'every customer is shown (no filter)');
  check(JSON.stringify(await tableRows(page)) === JSON.stringify(shown.slice(0, PAGE)),
    `the first page holds the first ${PAGE} of book_view.shown, in its order`);
  check((await page.textContent('#mirror-book-caption')).includes(`1–${PAGE} of ${size}`),
    `the caption says which rows: ${await page.textContent('#mirror-book-caption')}`);
  const seen = [];
  for (let first = 0; first < size; first += PAGE) {
    const rows = await tableRows(page);
    check(JSON.stringify(rows) === JSON.stringify(shown.slice(first, first + PAGE)),
      `page ${first / PAGE + 1}: rows ${first + 1} to ${first + rows.length} of book_view.shown`);
    seen.push(...rows);
    if (first + PAGE >= size) break;
    await page.focus('#mirror-page-next');
    await page.keyboard.press('Enter');
    await announced(page, `Customers ${first + PAGE + 1}–${Math.min(size, first + 2 * PAGE)} of ${size}.`);
    check(await page.evaluate(() => document.activeElement.id) === 'mirror-page-next', 'the focus stays on "Next page"');
  }
  check(seen.length === size && JSON.stringify(seen) === JSON.stringify(shown), 'page by page, the table is book_view.shown');
  check(await page.getAttribute('#mirror-page-next', 'aria-disabled') === 'true', '"Next page" is unavailable on the last page');
  await page.keyboard.press('Enter');
  await announced(page, 'This is the last page.');
  await page.focus('#mirror-page-previous');
  await page.keyboard.press('Enter');
  await announced(page, `Customers ${PAGE * Math.floor((size - 1) / PAGE) - PAGE + 1}–${PAGE * Math.floor((size - 1) / PAGE)} of ${size}.`);

  // A header button asks the app to sort: book_view changes, the table follows from its first page.
  check(state.book_view.sort === 'opportunity', 'the book opened sorted by opportunity');
  await page.focus('[data-focus-key="sort:name"]');
  await page.keyboard.press('Enter');
  state = await waitForState(page, (s) => s.book_view.sort === 'name' && !s.book_view.descending);
  check(true, 'the Name header button sorted the app\'s book by name, A to Z (book_view.sort)');
  check(await page.getAttribute('#mirror-book-head th:nth-child(2)', 'aria-sort') === 'ascending', 'and says so (aria-sort)');
  check(JSON.stringify(await tableRows(page)) === JSON.stringify(state.book_view.shown.slice(0, PAGE)),
    'the table shows the first page of the new order');
  check(await page.evaluate(() => document.activeElement.dataset.focusKey) === 'sort:name', 'the focus stays on the header button');

  // A segment button asks the app to filter, as the canvas's chips do.
  const segment = state.book_view.segments.find((s) => s.customers < size);
  await page.focus(`[data-focus-key="segment:${segment.segment}"]`);
  await page.keyboard.press('Enter');
  state = await waitForState(page, (s, seg) => s.book_view.segments.some((x) => x.segment === seg && x.on), segment.segment);
  shown = state.book_view.shown;
  check(shown.length === segment.customers, `the "${segment.segment}" button shows its ${segment.customers} customers`);
  check(JSON.stringify(await tableRows(page)) === JSON.stringify(shown.slice(0, PAGE)), 'the table shows them, in the app\'s order');
  check(await page.getAttribute(`[data-focus-key="segment:${segment.segment}"]`, 'aria-pressed') === 'true', 'the button is pressed');
  await page.focus('[data-focus-key="segment:all"]');
  await page.keyboard.press('Enter');
  state = await waitForState(page, (s) => s.book_view.shown.length === s.book.length);
  check(true, '"All" shows every segment again');

  // Opening one customer publishes that customer, not the whole book.
  const customer = state.book_view.shown[3];
  await page.evaluate(() => { window.published.length = 0; });
  await press(page, `#mirror-customers tr[data-customer-id="${customer}"] button`);
  state = await waitForState(page, (s, id) => s.selected_customer === id &&
    s.book.find((c) => c.id === id).insight.explanations_status === 'ready' &&
    s.book.find((c) => c.id === id).insight.digest_status === 'ready', customer, 60000);
  log = await published(page);
  check(log.length > 0 && log.every((m) => m.changed !== null && m.changed.every((id) => id === customer)),
    `the ${log.length} publishes since carried the opened customer only (${log.map((m) => m.changed.length).join(', ')} entries)`);
  check(log.every((m) => !m.rows), 'and not the table\'s unchanged order');
  const longest = Math.max(...log.map((m) => m.length));

  // Mark an offer; then the merged book must be exactly what the app publishes as a whole.
  const opened = state.book.find((c) => c.id === customer);
  await press(page, `#mirror-detail li[data-product-id="${opened.recommendations[0].id}"] button[data-event="offered"]`);
  state = await waitForState(page, (s, [id, p]) => s.book.find((c) => c.id === id).last_feedback.startsWith('Offered: ') &&
    s.book.find((c) => c.id === id).feedback[p] === 'offered', [customer, opened.recommendations[0].id]);
  // As a page that lost track would, ask for the whole state: the next publish (a sort, made at
  // once) is refused as changes to another book, and the app publishes everything again.
  const compared = await page.evaluate(() => {
    const shell = window.bankShell;
    const merged = JSON.stringify(shell.state.book);
    const before = window.published.length;
    shell.state.book_generation = -1;
    document.querySelector('[data-focus-key="sort:id"]').click();
    const since = window.published.slice(before);
    return { merged, whole: JSON.stringify(shell.state.book), since };
  });
  check(compared.since.length === 2 && compared.since[0].changed !== null && compared.since[1].whole === size,
    'changes to a book the page does not hold make the app publish the whole book again');
  check(compared.whole === compared.merged, 'the book merged from changes is exactly the whole book the app publishes');
  check(longest * 10 < compared.since[1].length,
    `opening the customer published at most ${longest} characters; the whole ranked book is ${compared.since[1].length}`);
  check(JSON.parse(compared.merged).find((c) => c.id === customer).insight.explanations_status === 'ready',
    'with the opened customer\'s explanations and feedback in it');

  check(errors.length === 0, `no page errors (${errors.join(' | ')})`);
  const unexpected = failures.filter((f) => f !== '401 /api/me' && f !== MISSING_MODEL);
  check(unexpected.length === 0, `no other failed requests (${unexpected.join(' | ')})`);
});
