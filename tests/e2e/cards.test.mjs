// What the product cards say and do (issue 15, items 4-7 and 10): interests typed for the visit
// move the products they name and the page says so; each card gives its own reasons, in the
// reader's voice; the customer never reads a threshold about themselves; one score, the model's
// likelihood, in one format (none for the hybrid); "Not for me" takes the product off at once,
// with an Undo, and only then tells the proxy; amounts in euros, "No annual fee", a card rate as
// an APR; "More ways to apply" never repeats the product page.
// Usage: node cards.test.mjs <bank-proxy binary> <wasm app dir>
import { check, fillAndSubmit, launchBrowser, openPage, press, signIn, waitForPhase, waitForState }
  from '../support/browser.mjs';
import { startProxy } from '../support/proxy.mjs';

const [proxyBin, appDir] = process.argv.slice(2);
const server = await startProxy({ proxyBin, appDir });
const browser = await launchBrowser();

const ids = (s) => (s.profile.recommendations || []).map((r) => r.id);
const percent = (l) => (l * 100 < 0.5 ? '<1%' : `${Math.round(Math.min(l * 100, 99))}%`);
const storedFeedback = (page) => page.evaluate(async () => (await (await fetch('/api/feedback')).json()).events);
const clickControl = async (page, name) => {
  const at = (await waitForState(page, (s, n) => s.card_controls && s.card_controls[n], name)).card_controls[name];
  await page.mouse.click(at.x + at.width / 2, at.y + at.height / 2);
};

try {
  const { page, errors } = await openPage(browser, server.base + '/');
  await signIn(page, 'customer101', 'demo-101');
  await waitForPhase(page, 'ready');
  let state = await waitForState(page, (s) => s.profile.recommendations && s.profile.insight.explanations_status === 'ready' &&
    s.profile.insight.digest_status === 'ready');
  const first = state.profile.recommendations;

  // One score: the model's likelihood, one format, never a relative "100% match".
  check(first.every((r) => r.likelihood_text === `${percent(r.likelihood)} likely to be your next product`),
    `each card states the model's likelihood: ${first.map((r) => r.likelihood_text).join(' | ')}`);
  check(!first[0].likelihood_text.startsWith('100%') && first[0].likelihood < 0.9, 'the first card is not "100%"');

  // Own reasons per card, in the customer's voice, nothing the data does not support.
  const reasons = first.flatMap((r) => r.reasons.filter((t) => t !== 'Often chosen by customers like you'));
  check(new Set(reasons).size === reasons.length, `no reason is repeated down the list (${reasons.length} reasons)`);
  check(reasons.filter((t) => t.includes('together with your')).length <= 1, 'the co-ownership reason is given once');
  check(reasons.every((t) => !/\btheir\b|\bthem\b/.test(t)), 'the customer reads "your", never "their"');
  check(first.filter((r) => r.headline).length >= first.length / 2,
    `most cards have a personal headline (${first.filter((r) => r.headline).length} of ${first.length})`);
  const kids = first.find((r) => r.id === 'SAV-KIDS');
  check(!kids || (!kids.headline && kids.reasons[0] === 'For parents and grandparents saving for a child'),
    'the kids\' savings card claims no child the data does not show');
  const insurance = first.filter((r) => r.category === 'insurance');
  check(insurance.every((r) => r.reasons.every((t) => !/mortgage payment|groceries|dining/.test(t))),
    'insurance is never suggested for unrelated spending');

  // Nothing internal: no credit-score or income threshold about the customer.
  const whyNot = state.profile.why_not;
  check(whyNot.every((t) => !/credit score|income|EUR/.test(t)), `"why not" reveals no threshold: ${whyNot.join(' | ')}`);

  // Without an AI provider the words are the product's own ("About this product"), and the digest
  // is written on the device from the cards' headlines, not from catalogue copy.
  const insight = state.profile.insight;
  check(Object.values(insight.explanations).every((t) => !t.includes('Suggested mainly because')),
    'offline explanations are the product description, without a generic reason');
  check(insight.digest_provider === 'device' && insight.digest.startsWith('First on your list: ' + first[0].name),
    `the digest is personal: "${insight.digest}"`);

  // Amounts and rates as a customer reads them.
  const facts = Object.fromEntries(state.catalog.map((p) => [p.id, p.facts]));
  check(facts['CARD-CASHBACK'] === '19.9% APR  \u00b7  No annual fee', `a card rate is an APR: "${facts['CARD-CASHBACK']}"`);
  check(facts['INS-RENTERS'] === 'Premium \u20ac72 a year', `euros with the symbol: "${facts['INS-RENTERS']}"`);
  check(facts['SAV-EASY'] === '2.25% a year  \u00b7  No annual fee', `a saver's rate: "${facts['SAV-EASY']}"`);
  check(Object.values(facts).every((f) => !/EUR|fee \u20ac0/.test(f)), 'no "EUR" and no "fee 0" anywhere');

  // "More ways to apply" never lists the product page the card's main button opens.
  await press(page, `#mirror-profile li[data-product-id="${first[0].id}"] button.more-links-button`);
  state = await waitForState(page, (s, id) => s.profile.insight.links[id] && s.profile.insight.links[id].status === 'ready',
    first[0].id);
  const official = state.catalog.find((p) => p.id === first[0].id).link;
  check(state.profile.insight.links[first[0].id].links.every((l) => l.link.replace(/\/$/, '') !== official),
    'the official link is not repeated under "More ways to apply"');

  // Interests typed for the visit move what they name, and the page says what moved.
  await fillAndSubmit(page, '#mirror-interests', 'Stocks, ETF, Crypto');
  state = await waitForState(page, (s) => s.profile.interests.includes('ETF') && s.profile.interests_note);
  const investing = state.profile.recommendations.filter((r) => r.moved_for_interest === 'investing');
  check(investing.length >= 1 && investing.every((r) => r.category === 'investment'),
    `investment products moved up: ${investing.map((r) => r.name).join(', ')}`);
  check(state.profile.interests_note.startsWith('Moved up for your interest in investing: ') &&
    investing.every((r) => state.profile.interests_note.includes(r.name)), `the page says so: "${state.profile.interests_note}"`);
  check(ids(state).join() !== first.map((r) => r.id).join(), 'the list changed');
  check(investing.every((r) => r.likelihood_text === `${percent(r.likelihood)} likely to be your next product`),
    'a moved product keeps the model\'s likelihood');
  await fillAndSubmit(page, '#mirror-interests', 'Retirement, Pension');
  state = await waitForState(page, (s) => s.profile.interests.includes('Pension') && s.profile.interests_note);
  check(state.profile.interests_note.startsWith('Moved up for your interest in retirement: ') &&
    ids(state).includes('INV-PENSION'), `retirement moves the pension plan in: "${state.profile.interests_note}"`);
  await fillAndSubmit(page, '#mirror-interests', 'Golf');
  state = await waitForState(page, (s) => s.profile.interests.includes('Golf'));
  check(state.profile.recommendations.every((r) => !r.moved_for_interest) && state.profile.interests_note.startsWith('None of'),
    `words no product names move nothing, and the page says so: "${state.profile.interests_note}"`);
  await fillAndSubmit(page, '#mirror-interests', 'Tech Gadgets, AI');
  state = await waitForState(page, (s) => s.profile.interests.includes('AI'));

  // "Not for me": gone at once, the next product comes up, Undo brings it back; the proxy hears
  // only when the undo window closes.
  const before = ids(state);
  const top = before[0];
  await press(page, `#mirror-profile li[data-product-id="${top}"] button[data-event="not_for_me"]`);
  state = await waitForState(page, (s, id) => s.undo && s.undo.product_id === id, top);
  check(!ids(state).includes(top) && ids(state).length === before.length &&
    ids(state).slice(0, before.length - 1).join() === before.slice(1).join(),
    `the product left the list and the next one came up: ${ids(state).join(', ')}`);
  check(!(await storedFeedback(page)).some((e) => e.product_id === top && e.event === 'not_for_me'),
    'nothing is sent while Undo is offered');
  await clickControl(page, 'undo');
  state = await waitForState(page, (s) => !s.undo);
  check(ids(state).join() === before.join(), 'Undo puts it back where it was');
  check(state.notice.includes('is back in your list'), `the page confirms: "${state.notice}"`);
  await page.waitForTimeout(9000);
  check(!(await storedFeedback(page)).some((e) => e.product_id === top && e.event === 'not_for_me'),
    'an undone "Not for me" never reaches the proxy');

  await press(page, `#mirror-profile li[data-product-id="${top}"] button[data-event="not_for_me"]`);
  state = await waitForState(page, (s, id) => s.undo && s.undo.product_id === id, top);
  state = await waitForState(page, (s) => !s.undo && s.notice.startsWith('Noted'), null, 20000);
  check((await storedFeedback(page)).some((e) => e.product_id === top && e.event === 'not_for_me'),
    `when the window closes the proxy keeps it: "${state.notice}"`);
  check(!ids(state).includes(top), 'and the product stays off the list');
  check(errors.length === 0, `no page errors (${errors.join(' | ')})`);

  // The next visit remembers it.
  const again = await openPage(browser, server.base + '/');
  await signIn(again.page, 'customer101', 'demo-101');
  await waitForPhase(again.page, 'ready');
  state = await waitForState(again.page, (s, id) => s.profile.recommendations && !s.profile.recommendations.some((r) => r.id === id) &&
    Object.keys(s.profile.feedback).length > 0, top);
  check(!ids(state).includes(top), 'a product declined on an earlier visit stays off the list');

  // The banker reads the same cards about "their" customer, with the thresholds.
  const banker = await openPage(browser, server.base + '/');
  await signIn(banker.page, 'banker01', 'demo-b01');
  await waitForPhase(banker.page, 'ready');
  state = await waitForState(banker.page, (s) => s.book.length > 0 && s.book_ranked === s.book.length);
  const chosen = state.book[0].id;
  await press(banker.page, `#mirror-customers [data-customer-id="${chosen}"] button`);
  state = await waitForState(banker.page, (s, id) => {
    const c = s.book.find((x) => x.id === id);
    return s.selected_customer === id && c.recommendations && c.recommendations.every((r) => r.reasons.length > 0);
  }, chosen);
  const opened = state.book.find((c) => c.id === chosen);
  const theirs = opened.recommendations.flatMap((r) => r.reasons);
  check(theirs.every((t) => !/\byour\b|\byou\b/i.test(t)), `the banker reads the third person: ${theirs.slice(0, 3).join(' | ')}`);
  check(theirs.some((t) => /\btheir\b|\bthem\b/.test(t)), 'some reason speaks of "their" data');
  check(opened.recommendations.every((r) => r.likelihood_text === `${percent(r.likelihood)} likely to be their next product`),
    'the banker sees the same likelihood, in their words');

  // The hybrid (no learned model) shows no number, only the order.
  const hybrid = await openPage(browser, server.base + '/');
  await hybrid.page.route('**/api/ranking-model', async (route) => {
    const real = await (await route.fetch()).json();
    real.propensity.learner.feature_names[0] = 'gender';
    await route.fulfill({ contentType: 'application/json', body: JSON.stringify(real) });
  });
  await signIn(hybrid.page, 'customer104', 'demo-104');
  state = await waitForPhase(hybrid.page, 'ready');
  state = await waitForState(hybrid.page, (s) => s.profile.recommendations && s.profile.recommendations.length > 0);
  check(state.profile.recommendations.every((r) => r.likelihood === -1 && r.likelihood_text === ''),
    'the hybrid ranks without a percentage');
} finally {
  await browser.close();
  server.stop();
}
