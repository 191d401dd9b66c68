// Customer flow: sign in, see the best next products ranked on this device with reasons, the AI
// explanation and digest (offline providers: no keys here), give feedback that the proxy keeps,
// adjust interests for the visit, switch theme, and use a phone-sized screen.
// Usage: node customer.test.mjs <bank-proxy binary> <wasm app dir>
import { MISSING_MODEL, check, fillAndSubmit, launchBrowser, press, openPage, screenshot, signIn,
  waitForPhase, waitForState } from '../support/browser.mjs';
import { startProxy } from '../support/proxy.mjs';

const [proxyBin, appDir] = process.argv.slice(2);
const server = await startProxy({ proxyBin, appDir });
const browser = await launchBrowser();
try {
  const { page, errors, failures } = await openPage(browser, server.base + '/');
  await signIn(page, 'customer101', 'demo-101');
  let state = await waitForPhase(page, 'ready');

  check(state.user.role === 'customer', 'signed in as a customer');
  check(state.profile && state.profile.id === 101, 'the profile shown is customer 101');
  check(state.catalog.length >= 40, `the catalog has ${state.catalog.length} products (>= 40)`);
  check(state.book.length === 0, 'a customer sees no customer book');
  check(!state.demo, 'the live app is not labelled as demo data');

  // Ranked in the browser from the model /api/ranking-model serves.
  const recs = state.profile.recommendations || [];
  check(recs.length >= 3 && recs.length <= 7, `${recs.length} recommendations (3..7)`);
  check(recs.every((r) => r.reasons.length >= 1), 'every recommendation gives at least one reason');
  const held = new Set(state.profile.products_held);
  check(recs.every((r) => !held.has(r.id)), 'nothing the customer already holds is recommended');
  check(recs.every((r, i) => i === 0 || recs[i - 1].score >= r.score), 'recommendations are in score order');
  check(state.profile.signals[0].startsWith('learned propensity model (XGBoost'),
    `ranked by the learned model: "${state.profile.signals[0]}"`);
  check(recs.every((r) => r.likelihood > 0 && r.likelihood <= 1), 'every recommendation carries its likelihood');
  const mirrored = await page.locator('#mirror-profile ol.recommendations > li').count();
  check(mirrored === recs.length, 'the accessible mirror lists every recommendation');
  const links = await page.locator('#mirror-profile ol.recommendations a[target="_blank"]').evaluateAll(
    (as) => as.map((a) => a.href));
  check(links.length === recs.length && links.every((h) => h.startsWith('https://')),
    'every recommendation has an https apply link that opens in a new tab');

  // The explanation and digest arrive after the ranking (loading state first).
  state = await waitForState(page, (s) => s.profile.insight.explanations_status === 'ready' &&
    s.profile.insight.digest_status === 'ready');
  const insight = state.profile.insight;
  check(insight.explanations_provider === 'offline', 'with no API key the offline provider explains');
  check(recs.slice(0, 6).every((r) => (insight.explanations[r.id] || '').length > 20),
    'each of the top six products has an explanation');
  check(insight.digest.length > 40, 'a digest of the shortlist is shown');
  check(await page.locator('#mirror-profile p.explanation').count() >= Math.min(6, recs.length),
    'the mirror carries the explanations');
  console.log('screenshot:', await screenshot(page, 'customer'));

  // Feedback: the mirror's button does what the card's does, and the proxy keeps it.
  const first = recs[0].id;
  await press(page, `#mirror-profile li[data-product-id="${first}"] button[data-event="interested"]`);
  state = await waitForState(page, (s, id) => s.profile.feedback[id] === 'interested' && s.notice !== '', first);
  check(state.notice.includes('saved'), `the page confirms: "${state.notice}"`);
  const stored = await page.evaluate(async () => (await (await fetch('/api/feedback')).json()).events);
  check(stored.some((e) => e.product_id === first && e.event === 'interested' && e.customer_id === 101),
    'the proxy stored the feedback');

  // Typing on the canvas the way a phone does: the app focuses the hidden input while it edits
  // text, and text inserted there without key presses (an on-screen keyboard, an IME) reaches the
  // field. The app publishes where it drew the button (card_controls, in CSS pixels).
  const adjust = async () => {
    const at = (await waitForState(page, (s) => s.card_controls && s.card_controls['adjust-interests']))
      .card_controls['adjust-interests'];
    await page.mouse.click(at.x + at.width / 2, at.y + at.height / 2);  // "Adjust for this visit"
  };
  await adjust();
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'text-input');
  check(await page.evaluate(() => document.activeElement.id) === 'text-input',
    'editing text focuses the hidden input that raises a phone keyboard');
  await page.keyboard.insertText('Cycling, Hiking');
  await page.keyboard.press('Enter');
  state = await waitForState(page, (s) => s.profile.interests.includes('Hiking'));
  check(state.profile.interests.join('|') === 'Cycling|Hiking', `typed interests arrive whole: ${state.profile.interests.join(', ')}`);
  // A desktop keyboard (key events and input events together) types each letter once.
  await adjust();
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'text-input');
  await page.keyboard.press('Control+A', { delay: 50 });
  await page.keyboard.type('Golf, Sailing', { delay: 20 });
  await page.keyboard.press('Enter');
  state = await waitForState(page, (s) => s.profile.interests.includes('Sailing'));
  check(state.profile.interests.join('|') === 'Golf|Sailing', `desktop typing arrives once: ${state.profile.interests.join(', ')}`);
  // Copy and paste go through the system clipboard, not an in-page one.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
  await adjust();
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'text-input');
  await page.keyboard.press('Control+A', { delay: 50 });
  await page.keyboard.press('Control+C', { delay: 50 });
  await page.waitForFunction(async () => (await navigator.clipboard.readText()) !== '', null, { timeout: 5000 });
  check(await page.evaluate(() => navigator.clipboard.readText()) === 'Golf, Sailing',
    'Ctrl+C in a field copies to the system clipboard');
  await page.evaluate(() => navigator.clipboard.writeText('Yoga, Pilates'));
  await page.keyboard.press('Control+A', { delay: 50 });
  await page.keyboard.press('Control+V', { delay: 50 });
  await page.keyboard.press('Enter', { delay: 50 });
  state = await waitForState(page, (s) => s.profile.interests.includes('Pilates'));
  check(state.profile.interests.join('|') === 'Yoga|Pilates', 'Ctrl+V pastes from the system clipboard');

  // Interests adjusted for this visit re-rank on the device and are never sent anywhere.
  await fillAndSubmit(page, '#mirror-interests', 'Retirement planning, Pension, Long-term investing');
  state = await waitForState(page, (s) => s.profile.interests.includes('Pension'));
  check(state.notice.includes('this device'), 'the page says the edit stays on this device');

  // Dark theme, for the whole page.
  await press(page, '#mirror-theme');
  await waitForState(page, (s) => s.theme === 'dark');
  check(await page.evaluate(() => document.documentElement.dataset.theme) === 'dark', 'the page follows the dark theme');
  console.log('screenshot:', await screenshot(page, 'customer-dark'));

  // No model weights are installed here: the app says so and keeps ranking with the lexical encoder.
  state = await waitForState(page, (s) => s.text_model.stage === 'fallback');
  check(/model_quantized\.onnx/.test(state.text_model.note), `the fallback says why: "${state.text_model.note}"`);
  check(state.profile.signals.some((s) => s.includes('(lexical')), 'ranking stays on the lexical encoder');

  check(errors.length === 0, `no page errors (${errors.join(' | ')})`);
  // Before sign-in the app asks who is signed in and is told 401; the missing model file is the
  // 404 above; nothing else may fail.
  const unexpected = failures.filter((f) => f !== '401 /api/me' && f !== MISSING_MODEL);
  check(unexpected.length === 0, `no failed requests (${unexpected.join(' | ')})`);

  // A phone: the same app, profile folded above the products.
  const phone = await openPage(browser, server.base + '/', { width: 390, height: 844, scale: 3 });
  await signIn(phone.page, 'customer102', 'demo-102');
  const small = await waitForPhase(phone.page, 'ready');
  check((small.profile.recommendations || []).length >= 3, 'a phone-sized screen shows recommendations');
  console.log('screenshot:', await screenshot(phone.page, 'customer-phone'));

  // A tampered answer, which only a compromised server could send, is an error on the page, not
  // a crash: ranking weights nested 100,000 levels deep (200 KB) used to exhaust the wasm stack.
  const tampered = await openPage(browser, server.base + '/');
  await tampered.page.route('**/api/ranking-model', async (route) => {
    const real = await (await route.fetch()).json();
    const deep = '['.repeat(100000) + ']'.repeat(100000);
    await route.fulfill({ contentType: 'application/json',
      body: `{"behavior": ${JSON.stringify(real.behavior)}, "weights": {"semantic": ${deep}}}` });
  });
  await signIn(tampered.page, 'customer103', 'demo-103');
  const refused = await waitForPhase(tampered.page, 'failed');
  check(refused.status.startsWith('The ranking model from the server was not understood'),
    `the page explains: "${refused.status}"`);
  check(tampered.errors.length === 0, `no page errors on a tampered answer (${tampered.errors.join(' | ')})`);

  // A learned model the app cannot use (here: a feature it cannot compute) is not a dead page:
  // the hand-weighted ranking takes over and the page says why.
  const unusable = await openPage(browser, server.base + '/');
  await unusable.page.route('**/api/ranking-model', async (route) => {
    const real = await (await route.fetch()).json();
    real.propensity.learner.feature_names[0] = 'gender';
    await route.fulfill({ contentType: 'application/json', body: JSON.stringify(real) });
  });
  await signIn(unusable.page, 'customer104', 'demo-104');
  const fallback = await waitForPhase(unusable.page, 'ready');
  check(fallback.notice.startsWith('Recommendations use the standard ranking: the learned ranking model: unknown feature'),
    `the page says why: "${fallback.notice}"`);
  check((fallback.profile.recommendations || []).length >= 3 &&
    fallback.profile.signals.some((s) => s.startsWith('semantic')), 'the hybrid ranks instead');
  check(unusable.errors.length === 0, `no page errors with an unusable model (${unusable.errors.join(' | ')})`);
} finally {
  await browser.close();
  server.stop();
}
