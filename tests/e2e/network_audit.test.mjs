// Network audit: with every AI feature switched on (loopback stand-ins for Gemini, the summarizer
// and Vertex AI Search, speaking their real wire formats), record every request the page makes and
// every request the proxy makes upstream, and check that personal data stays home:
//  - the page talks to our proxy and nothing else, and never puts personal fields in a URL;
//  - what leaves the proxy for an AI provider is de-identified (no name, id, exact age, income,
//    credit score or location of any customer), and each key travels only in its own header.
// Usage: node network_audit.test.mjs <bank-proxy binary> <wasm app dir>
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startFakeAi } from './fake_ai.mjs';
import { check, launchBrowser, openPage, press, repo, signIn, waitForPhase, waitForState } from '../support/browser.mjs';
import { startProxy } from '../support/proxy.mjs';

const [proxyBin, appDir] = process.argv.slice(2);

// Every customer's personal fields, from the data the proxy serves.
function customers() {
  const lines = readFileSync(path.join(repo, 'data/customerdata.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
  return lines.map((line) => {
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
    return { id: cells[0], age: cells[1], name: cells[8], location: cells[9], income: cells[11], credit: cells[12] };
  });
}

const keys = { GEMINI_API_KEY: 'canary-gemini-key-7f3a', HF_TOKEN: 'canary-hf-token-91c2',
  VERTEX_SEARCH_API_KEY: 'canary-search-key-44d1' };
const servingConfig = 'projects/bank-web/locations/global/collections/default_collection/engines/bank-site/servingConfigs/default_search';
const ai = await startFakeAi();
const server = await startProxy({ proxyBin, appDir, env: { ...keys, VERTEX_SEARCH_SERVING_CONFIG: servingConfig },
  extraArgs: ['--gemini-url', ai.base, '--summarizer-url', ai.base, '--search-url', ai.base] });
const browser = await launchBrowser();
const everyone = customers();
try {
  const pages = [];
  // A customer: explanations (Gemini), digest (summarizer), more links (Vertex AI Search).
  const c = await openPage(browser, server.base + '/');
  pages.push(c);
  await signIn(c.page, 'customer101', 'demo-101');
  await waitForPhase(c.page, 'ready');
  let state = await waitForState(c.page, (s) => s.profile.insight.explanations_status === 'ready' &&
    s.profile.insight.digest_status === 'ready');
  check(state.profile.insight.explanations_provider === 'gemini', 'explanations came through the Gemini route');
  check(state.profile.insight.digest_provider === 'huggingface', 'the digest came through the summarizer route');
  const top = state.profile.recommendations[0].id;
  await press(c.page, `#mirror-profile li[data-product-id="${top}"] button.more-links-button`);
  // Waits for the answer either way, so a failure says what came back (a loaded CI machine once
  // timed out here with no clue).
  state = await waitForState(c.page, (s, id) => s.profile.insight.links[id] &&
    s.profile.insight.links[id].status !== 'loading', top, 60000);
  const links = state.profile.insight.links[top];
  check(links.status === 'ready', `the search links for ${top} arrived (${JSON.stringify(links).slice(0, 300)})`);
  check(links.provider === 'vertex-ai-search', 'links came through the search route');
  check(links.links.every((l) => new URL(l.link).hostname.endsWith('northwind-bank.example')),
    'only links on the bank\'s own domains reach the page (the stand-in also offered evil.example)');

  // A banker opening one customer of their book.
  const b = await openPage(browser, server.base + '/');
  pages.push(b);
  await signIn(b.page, 'banker01', 'demo-b01');
  await waitForPhase(b.page, 'ready');
  state = await waitForState(b.page, (s) => s.book.length > 0 && s.book_ranked === s.book.length);
  await press(b.page, `#mirror-customers tr[data-customer-id="${state.book[5].id}"] button`);
  await waitForState(b.page, (s) => s.selected_customer !== null &&
    s.book.find((x) => x.id === s.selected_customer).insight.explanations_status === 'ready');

  // 1. The page: our proxy only; personal fields never in a URL; AI requests carry ids, not data.
  const requests = pages.flatMap((p) => p.requests);
  const origin = new URL(server.base).origin;
  const foreign = requests.filter((r) => !/^(data|blob):/.test(r.url) && new URL(r.url).origin !== origin);
  check(requests.length > 20 && foreign.length === 0,
    `all ${requests.length} page requests went to our proxy (${foreign.map((r) => r.url).join(' ')})`);
  const inUrls = requests.filter((r) => everyone.some((p) => r.url.includes(encodeURIComponent(p.name)) ||
    r.url.includes(p.name.replace(/ /g, '+')) || (p.income.length >= 5 && r.url.includes(p.income))));
  check(inUrls.length === 0, 'no name or income appears in any URL');
  const aiCalls = requests.filter((r) => /\/api\/(generate|summarize|search)$/.test(new URL(r.url).pathname));
  check(aiCalls.length >= 3, `${aiCalls.length} AI requests from the page`);
  for (const r of aiCalls) {
    const body = JSON.parse(r.body);
    const allowed = new Set(['customer_id', 'product_ids', 'reason_codes', 'product_id']);
    check(Object.keys(body).every((k) => allowed.has(k)),
      `${new URL(r.url).pathname} carries only ids and reason codes (${Object.keys(body).join(', ')})`);
  }

  // 2. What left the proxy for the AI providers.
  check(ai.received.length >= 4, `${ai.received.length} upstream requests recorded`);
  const gemini = ai.received.filter((r) => r.url.includes(':generateContent'));
  check(gemini.length >= 2, 'Gemini was asked for the customer and for the banker\'s customer');
  for (const r of gemini) {
    const doc = JSON.parse(JSON.parse(r.body).contents[0].parts[0].text);
    const fields = Object.keys(doc.customer).sort().join(',');
    check(fields === 'holds_product_categories,income_band,interests_in_their_own_words,life_stage,risk_appetite,spends_most_on',
      `the prompt describes the customer only by bands and categories (${fields})`);
  }
  for (const r of ai.received) {
    const text = r.url + '\n' + r.body;
    const leaked = everyone.filter((p) => text.includes(p.name) || text.includes(p.location) ||
      text.includes('"' + p.income + '"') || text.includes(':' + p.income) ||
      new RegExp(`"(id|customer_id|age|credit_score)"\\s*:\\s*"?(${p.id}|${p.age}|${p.credit})\\b`).test(text));
    check(leaked.length === 0, `${r.method} ${r.url.split('?')[0]}: no customer's name, location, income, id, exact age or credit score`);
  }
  const where = (secret) => ai.received.flatMap((r) => [
    r.url.includes(secret) ? 'url' : null, r.body.includes(secret) ? 'body' : null,
    ...Object.entries(r.headers).filter(([, v]) => String(v).includes(secret)).map(([k]) => k)].filter(Boolean));
  check([...new Set(where(keys.GEMINI_API_KEY))].join() === 'x-goog-api-key', 'the Gemini key travels only in x-goog-api-key');
  check([...new Set(where(keys.HF_TOKEN))].join() === 'authorization', 'the Hugging Face token travels only in Authorization');
  check([...new Set(where(keys.VERTEX_SEARCH_API_KEY))].join() === 'x-goog-api-key', 'the Vertex AI Search key travels only in x-goog-api-key');

  // 3. No key ever reaches the page or the proxy's log.
  const pageText = await Promise.all(pages.map((p) => p.page.evaluate(() => JSON.stringify(window.bankShell.state))));
  const logText = server.log();
  for (const secret of Object.values(keys)) {
    check(!pageText.some((t) => t.includes(secret)) && !logText.includes(secret), `${secret.split('-').slice(0, 2).join(' ')} stays out of the page and the log`);
  }
  const errors = pages.flatMap((p) => p.errors);
  check(errors.length === 0, `no page errors (${errors.join(' | ')})`);
} finally {
  await browser.close();
  server.stop();
  ai.stop();
}
