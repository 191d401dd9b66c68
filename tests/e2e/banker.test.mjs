// Banker flow: sign in, see exactly the assigned book ranked on this device, open a customer's
// cards with explanations, mark a product offered, export next best actions (audited first), and
// try another banker's customer: refused by the proxy and shown as such.
// Usage: node banker.test.mjs <bank-proxy binary> <wasm app dir>
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MISSING_MODEL, check, fillAndSubmit, launchBrowser, openPage, press, repo, screenshot,
  signIn, waitForPhase, waitForState } from '../support/browser.mjs';
import { startProxy } from '../support/proxy.mjs';

const [proxyBin, appDir] = process.argv.slice(2);

// Who belongs to whom, read from the data the proxy serves (column "Banker ID").
function bookOf(bankerId) {
  const lines = readFileSync(path.join(repo, 'data/customerdata.csv'), 'utf8').trim().split(/\r?\n/);
  return new Set(lines.slice(1).filter((l) => l.endsWith(',' + bankerId)).map((l) => Number(l.split(',')[0])));
}

const server = await startProxy({ proxyBin, appDir });
const browser = await launchBrowser();
try {
  const { page, requests, errors, failures } = await openPage(browser, server.base + '/');
  await signIn(page, 'banker01', 'demo-b01');
  await waitForPhase(page, 'ready');
  let state = await waitForState(page, (s) => s.book.length > 0 && s.book_ranked === s.book.length);

  const assigned = bookOf('B01');
  const shown = new Set(state.book.map((c) => c.id));
  check(state.user.role === 'banker', 'signed in as a relationship manager');
  check(shown.size === assigned.size && [...shown].every((id) => assigned.has(id)),
    `the book is exactly the ${assigned.size} customers assigned to B01`);
  check(state.book.every((c) => (c.recommendations || []).length >= 1 && c.recommendations.length <= 7),
    'every customer in the book was ranked on this device');
  check(await page.locator('#mirror-customers > tr').count() === assigned.size, 'the mirror lists the whole book');
  console.log('screenshot:', await screenshot(page, 'banker-book'));

  // Drill down: one customer's cards, explanations fetched only for the customer opened.
  const customer = state.book[2];
  await press(page, `#mirror-customers tr[data-customer-id="${customer.id}"] button`);
  state = await waitForState(page, (s, id) => s.selected_customer === id &&
    s.book.find((c) => c.id === id).insight.explanations_status === 'ready', customer.id);
  const opened = state.book.find((c) => c.id === customer.id);
  check(Object.keys(opened.insight.explanations).length >= 1, 'the opened customer has explanations');
  check(requests.filter((r) => r.path === '/api/generate').length === 1,
    'AI explanations are asked for the opened customer only');
  check(state.book.filter((c) => c.insight).length === 1 && !state.book.some((c) => c.id !== customer.id && c.why_not),
    'the accessible view holds the cards of the opened customer only (the others: their table rows)');
  console.log('screenshot:', await screenshot(page, 'banker-customer'));

  // Mark the best product offered: stored by the proxy, shown in the book's last-feedback column.
  const product = opened.recommendations[0].id;
  await press(page, `#mirror-detail li[data-product-id="${product}"] button[data-event="offered"]`);
  state = await waitForState(page, (s, [id, p]) => s.book.find((c) => c.id === id).feedback[p] === 'offered',
    [customer.id, product]);
  check(state.book.find((c) => c.id === customer.id).last_feedback.startsWith('Offered: '),
    'the book shows the last feedback');

  // Export: the proxy records it in the audit trail, then the browser saves the CSV.
  const download = page.waitForEvent('download');
  await press(page, '#mirror-export');
  const file = await download;
  const csv = readFileSync(await file.path(), 'utf8').trim().split('\r\n');
  check(file.suggestedFilename() === 'next-best-actions.csv', 'the export is next-best-actions.csv');
  check(csv[0].startsWith('Customer ID,Customer,Segment,Rank,Product ID'), 'the CSV has its header, in words');
  const exported = new Set(csv.slice(1).map((l) => Number(l.split(',')[0])));
  check(exported.size === assigned.size && [...exported].every((id) => assigned.has(id)),
    'the CSV holds the book and nobody else');
  check(csv.some((l) => l.startsWith(`${customer.id},`) && l.endsWith(',Offered')), 'the CSV carries the feedback');
  const audit = execFileSync(proxyBin, ['export-audit', '--store', server.store], { encoding: 'utf8' });
  const exports = audit.split('\n').filter((l) => l.includes(',export,'));
  check(exports.length === assigned.size, `the audit trail has one export record per customer (${exports.length})`);

  // Another banker's customer (B02's first): the proxy says 404, the page says it is not theirs.
  const other = [...bookOf('B02')][0];
  await fillAndSubmit(page, '#mirror-customer-id', String(other));
  state = await waitForState(page, (s) => s.notice_problem);
  check(state.notice.includes('not in your book'), `the refusal is shown: "${state.notice}"`);
  check(!state.book.some((c) => c.id === other), 'nothing about the other customer reached the page');
  check(failures.includes(`404 /api/book/${other}`), 'the proxy refused the request');
  console.log('screenshot:', await screenshot(page, 'banker-denied'));

  check(errors.length === 0, `no page errors (${errors.join(' | ')})`);
  const unexpected = failures.filter((f) => f !== '401 /api/me' && f !== `404 /api/book/${other}` && f !== MISSING_MODEL);
  check(unexpected.length === 0, `no other failed requests (${unexpected.join(' | ')})`);
} finally {
  await browser.close();
  server.stop();
}
