// Keyboard only: sign in, use the customer's and the banker's views, and sign out without a
// mouse. Tab and Shift+Tab reach every control in order, Enter and Space act, the canvas takes keys
// only while it has the focus, the focus is never lost to the page body and is always where the
// user can see it (the accessible view opens as a panel when the keyboard enters it), and one small
// status line says what changed.
// Usage: node keyboard.test.mjs <bank-proxy binary> <wasm app dir>
import { check, launchBrowser, openPage, waitForState } from '../support/browser.mjs';
import { startProxy } from '../support/proxy.mjs';

const [proxyBin, appDir] = process.argv.slice(2);

// Where the focus is, and whether the user can see it there.
async function focus(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { id: 'body', visible: false };
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + Math.min(r.width / 2, 8), r.top + Math.min(r.height / 2, 8));
    return { id: el.id, key: el.dataset.focusKey || '', tag: el.tagName.toLowerCase(), text: el.textContent.trim().slice(0, 60),
      inMirror: !!el.closest('#mirror'), visible: r.width > 4 && r.height > 4 && r.bottom > 0 && r.right > 0 &&
        r.top < innerHeight && r.left < innerWidth && (top === el || el.contains(top) || el.id === 'canvas') };
  });
}

async function tab(page, shift = false) {
  await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
  return focus(page);
}

// Tabs from the canvas through the accessible view until the focus comes back round; returns the
// stops in order.
async function tabRound(page) {
  const stops = [];
  for (let i = 0; i < 400; ++i) {
    const f = await tab(page);
    // Past the last control the focus leaves the page for the browser's own controls (the body
    // here), then comes back to the first control.
    if (f.id === 'canvas' || f.id === 'skip-link' || f.id === 'body') break;
    stops.push(f);
  }
  return stops;
}

// Every control of the accessible view a keyboard can reach, as the page counts them.
async function reachable(page) {
  return page.evaluate(() => [...document.querySelectorAll('#mirror button, #mirror a[href], #mirror input, #mirror select')]
    .filter((el) => !el.closest('[hidden]') && !el.disabled).length);
}

const server = await startProxy({ proxyBin, appDir });
const browser = await launchBrowser();
try {
  const { page, errors } = await openPage(browser, server.base + '/');
  await page.waitForSelector('#sign-in-form:not([hidden])', { timeout: 30000 });
  check((await focus(page)).id === 'username', 'the sign-in form opens with the focus in Username');
  await page.waitForFunction(() => window.bankShell.state.phase !== 'starting');  // the app has started too
  await page.keyboard.type('customer1019');
  await page.keyboard.press('Backspace');
  check(await page.inputValue('#username') === 'customer101', 'Backspace edits the field (the app does not swallow it)');
  check((await tab(page)).id === 'password', 'Tab moves from Username to Password');
  check((await tab(page, true)).id === 'username', 'Shift+Tab moves back to Username');
  await tab(page);
  check((await tab(page)).id === 'sign-in-button', 'Tab reaches the Sign in button');

  // A wrong password: the message is said and the focus goes back to the password.
  await page.focus('#password');
  await page.keyboard.type('not-the-password');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('sign-in-message').textContent !== '');
  let f = await focus(page);
  check(f.id === 'password' && f.visible, `after a failed sign-in the focus is on the password field (${f.id})`);
  check(await page.textContent('#sign-in-message') === 'Wrong username or password.', 'the failure is said in words');

  await page.keyboard.type('demo-101');
  await page.keyboard.press('Enter');
  let state = await waitForState(page, (s) => s.phase === 'ready' && s.profile.insight.explanations_status === 'ready');
  f = await focus(page);
  check(f.id === 'canvas', `after sign-in the focus is on the app (${f.id})`);
  check(await page.textContent('#mirror-announce') === `${state.profile.recommendations.length} products ranked for you.`,
    `the status line says what happened: "${await page.textContent('#mirror-announce')}"`);
  check(await page.getAttribute('#mirror', 'aria-live') === null, 'the accessible view is not one big live region');

  // On the canvas the arrow keys move between the controls drawn there and Enter uses one: the
  // first is the theme switch of the top bar.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  state = await waitForState(page, (s, was) => s.theme !== was, state.theme);
  check((await focus(page)).id === 'canvas', `arrow keys and Enter work on the canvas (the theme is now ${state.theme})`);

  // Shift+Tab from the canvas: the skip link, visible while focused; it opens the accessible view.
  f = await tab(page, true);
  check(f.id === 'skip-link' && f.visible, 'Shift+Tab from the canvas reaches the visible skip link');
  await page.keyboard.press('Enter');
  f = await focus(page);
  check(f.id === 'mirror-title' && f.visible, 'the skip link moves the focus to the accessible view, shown on screen');

  // Tab from the canvas walks the whole accessible view, every stop visible, and comes round.
  await page.focus('#canvas');
  let stops = await tabRound(page);
  check(stops.length > 0 && stops.every((s) => s.inMirror), `Tab from the canvas goes through the accessible view (${stops.length} stops)`);
  check(stops.every((s) => s.visible), `the focus is visible at every stop (${stops.filter((s) => !s.visible).map((s) => s.text).join(' | ')})`);
  check(stops.length === await reachable(page), 'every control of the accessible view is reached once');
  const order = stops.map((s) => s.id || s.key);
  check(order.indexOf('mirror-sign-out') < order.indexOf('mirror-interests') &&
    order.indexOf('mirror-interests') < order.findIndex((k) => k.startsWith('feedback:')),
  'the order is: account, interests, then the products in rank order');
  check(!order.some((k) => k.startsWith('open:')), 'a customer has no customer table');

  // Enter acts on a product's button; the rebuilt list keeps the focus on it.
  const first = state.profile.recommendations[0].id;
  await page.focus(`#mirror-profile li[data-product-id="${first}"] button[data-event="interested"]`);
  await page.keyboard.press('Enter');
  state = await waitForState(page, (s, id) => s.profile.feedback[id] === 'interested', first);
  await page.waitForFunction(() => document.getElementById('mirror-announce').textContent !== '');
  f = await focus(page);
  check(f.key === `feedback:101:${first}:interested` && f.visible, `the focus stays on the button it was on (${f.key || f.id})`);
  check(await page.getAttribute(`#mirror-profile li[data-product-id="${first}"] button[data-event="interested"]`, 'aria-pressed') === 'true',
    'the button says it is pressed');
  check(await page.textContent('#mirror-announce') === state.notice, `the status line announces "${state.notice}"`);

  // "Not for me" by keyboard: the product leaves the list, the Undo takes the focus and is
  // announced, and Enter on it brings the product back with the focus on it.
  const declined = state.profile.recommendations[1].id;
  await page.focus(`#mirror-profile li[data-product-id="${declined}"] button[data-event="not_for_me"]`);
  await page.keyboard.press('Enter');
  state = await waitForState(page, (s, id) => s.undo && s.undo.product_id === id, declined);
  f = await focus(page);
  check(f.id === 'mirror-undo-button' && f.visible, `the Undo takes the focus (${f.id || f.key})`);
  await page.waitForFunction(() => document.getElementById('mirror-announce').textContent.includes('is off your list'));
  check(true, `and is announced: "${await page.textContent('#mirror-announce')}"`);
  await page.keyboard.press('Enter');
  state = await waitForState(page, (s, id) => !s.undo && s.profile.recommendations.some((r) => r.id === id), declined);
  await page.waitForFunction((key) => document.activeElement && document.activeElement.dataset.focusKey === key,
    `feedback:101:${declined}:not_for_me`);
  check((await focus(page)).visible, 'Undo puts the product back and the focus on it');

  // Space acts too: the theme switch.
  await page.focus('#mirror-theme');
  await page.keyboard.press('Space');
  state = await waitForState(page, (s, was) => s.theme !== was, state.theme);
  check((await focus(page)).id === 'mirror-theme', 'Space switches the theme; the focus stays');

  // Typing in the accessible view goes to its field, not to the app's canvas.
  await page.focus('#mirror-interests');
  await page.keyboard.type('Travell');
  await page.keyboard.press('Backspace');
  check(await page.inputValue('#mirror-interests') === 'Travel', 'typing and Backspace work in the accessible view');
  await page.keyboard.press('Escape');
  check((await focus(page)).id === 'canvas', 'Escape goes back from the accessible view to the canvas');

  // Sign out by keyboard: back to the form, focus in it.
  await page.focus('#mirror-sign-out');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#sign-in-form:not([hidden])');
  f = await focus(page);
  check(['username', 'password'].includes(f.id), `after signing out the focus is in the form (${f.id})`);

  // The banker: a real table, sortable from the keyboard, opening a customer keeps the focus.
  await page.fill('#username', 'banker02');
  await page.fill('#password', 'demo-b02');
  await page.focus('#password');
  await page.keyboard.press('Enter');
  // The table is the app's own, sorted once more when ranking completes.
  state = await waitForState(page, (s) => s.phase === 'ready' && s.book.length > 0 && s.book_ranked === s.book.length &&
    s.book_view.ranked_when_sorted === s.book.length);
  check((await focus(page)).id === 'canvas', 'the banker starts on the app too');
  check(await page.isHidden('#mirror-interests'), 'the banker is not offered the customer-only interests');
  const rows = await page.$$eval('#mirror-customers tr', (trs) => trs.map((tr) => Number(tr.dataset.customerId)));
  check(rows.length === state.book.length, `the table has one row per customer (${rows.length})`);
  const likelihood = (id) => state.book.find((c) => c.id === id).recommendations[0].likelihood;
  check(rows.every((id, i) => i === 0 || likelihood(rows[i - 1]) >= likelihood(id)), 'it opens sorted by likelihood, highest first');
  check(await page.getAttribute('#mirror-book-head th:nth-child(5)', 'aria-sort') === 'descending', 'the sorted column says so (aria-sort)');
  const headers = await page.$$eval('#mirror-book-head th', (ths) => ths.map((th) => th.textContent));
  check(headers.join('|') === 'Id|Name|Segment|Best next product|Likelihood|Last feedback', `columns: ${headers.join(', ')}`);
  await page.focus('#canvas');
  stops = await tabRound(page);
  order.length = 0;
  order.push(...stops.map((s) => s.id || s.key));
  check(order.indexOf('sort:name') > order.indexOf('mirror-export') && order.indexOf('sort:name') < order.findIndex((k) => k.startsWith('open:')),
    'the banker tabs through export, the sort buttons, then the customers');
  check(!stops.some((s) => s.tag === 'a'), 'no catalog links before (or among) the customers');
  check(stops.every((s) => s.visible), 'the focus is visible at every stop of the banker\'s view');

  await page.focus('[data-focus-key="sort:name"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#mirror-book-head th:nth-child(2)').getAttribute('aria-sort') === 'ascending');
  const names = await page.$$eval('#mirror-customers tr th', (ths) => ths.map((th) => th.textContent.replace(/^Open /, '')));
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  check(names.every((n, i) => i === 0 || collator.compare(names[i - 1], n) <= 0), 'Enter on "Name" sorts by name, in locale order');
  check((await focus(page)).key === 'sort:name', 'the focus stays on the sort button');
  check((await page.textContent('#mirror-announce')).startsWith('Sorted by name'), 'the status line says how it is sorted');

  const customer = state.book[3];
  await page.focus(`[data-focus-key="open:${customer.id}"]`);
  await page.keyboard.press('Space');
  state = await waitForState(page, (s, id) => s.selected_customer === id, customer.id);
  f = await focus(page);
  check(f.key === `open:${customer.id}`, 'opening a customer keeps the focus on their row');
  check(await page.getAttribute(`#mirror-customers tr[data-customer-id="${customer.id}"]`, 'aria-current') === 'true',
    'the open customer\'s row is marked current');
  const actions = await page.$$eval('#mirror-detail li[data-product-id]:first-child button[data-event]', (bs) => bs.map((b) => b.textContent));
  check(actions[0] === 'Mark offered', `"Mark offered" is the banker's first action (${actions.join(', ')})`);
  check(errors.length === 0, `no page errors (${errors.join(' | ')})`);
} finally {
  await browser.close();
  server.stop();
}
