// UI benchmark (not a test; prints a markdown table for BENCHMARKS.md):
//  - time from navigation to the first recommendation for a signed-in customer, without models,
//    and with the TEST MODELS on a first and a second (cached) visit, plus to model-based ranking;
//  - the app's CPU time per frame with the customer view (the reference), a 76-customer book and
//    a 1,076-customer book open;
//  - the gzip size of what we ship (wasm + JS), next to ONNX Runtime Web's wasm as a reference.
// Usage: node tests/e2e/bench_ui.mjs build/native/proxy/bank-proxy build/wasm/app [runs]
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { launchBrowser, repo, signIn, waitForState } from '../support/browser.mjs';
import { startProxy } from '../support/proxy.mjs';
import { dataWithBiggerBook } from './big_book.mjs';

const [proxyBin, appDir, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 5);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'bank-bench-'));

// Bank data with 1,000 more customers for banker B01 (copies of existing rows with new ids).
const data = dataWithBiggerBook(path.join(tmp, 'data'), { banker: 'B01', extra: 1000 });
const models = path.join(tmp, 'models');
cpSync(path.join(repo, 'build/native/inference-models/tiny'), models, { recursive: true });
cpSync(path.join(repo, 'models/tokenizers'), path.join(models, 'tokenizers'), { recursive: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x) => (x === undefined ? '-' : x.toFixed(0));

async function timeToRecommendation(base, { withModels }) {
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(base + '/');
  await signIn(page, 'customer101', 'demo-101');
  const marks = async () => page.evaluate(() => Object.fromEntries(['first-recommendation', 'model-ranking']
    .map((n) => [n, (performance.getEntriesByName(n)[0] || {}).startTime])));
  const wait = async () => waitForState(page, (s, m) => s.profile && s.profile.recommendations &&
    (!m || s.text_model.stage === 'active' || s.text_model.stage === 'fallback'), withModels, 120000);
  await wait();
  const first = await marks();
  await page.reload();  // same session, models now in Cache Storage
  await wait();
  const second = await marks();
  await browser.close();
  return { first, second };
}

async function frameTimes(base, username, password, { openCustomer }) {
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(base + '/');
  await signIn(page, username, password);
  await waitForState(page, (s) => s.phase === 'ready' && (s.profile ? !!s.profile.recommendations
    : s.book.length > 0 && s.book_ranked === s.book.length), null, 120000);
  if (openCustomer) {
    const id = await page.evaluate(() => window.bankShell.state.book_view.shown[0]);  // on the first page of the table
    await page.evaluate((cid) => document.querySelector(`#mirror-customers tr[data-customer-id="${cid}"] button`).click(), id);
    await waitForState(page, (s) => s.selected_customer !== null);
  }
  const p = (q, reset) => page.evaluate(([a, b]) => window.bankShell.frameTimePercentile(a, b), [q, reset ? 1 : 0]);
  await new Promise((r) => setTimeout(r, 1000));
  await p(0, true);
  // Scroll the page's canvas while measuring, so the table and cards are redrawn as a user sees them.
  await page.mouse.move(300, 500);
  for (let i = 0; i < 40; ++i) {
    await page.mouse.wheel(0, i % 20 < 10 ? 120 : -120);
    await new Promise((r) => setTimeout(r, 50));
  }
  const result = { p50: await p(50), p95: await p(95), max: await p(100),
    book: await page.evaluate(() => window.bankShell.state.book.length) };
  await browser.close();
  return result;
}

const plain = await startProxy({ proxyBin, appDir, extraArgs: ['--data', data] });
const withModels = await startProxy({ proxyBin, appDir, extraArgs: ['--data', data, '--models', models] });
try {
  const lexical = [];
  const modelRuns = [];
  for (let i = 0; i < runs; ++i) {
    lexical.push(await timeToRecommendation(plain.base, { withModels: false }));
    modelRuns.push(await timeToRecommendation(withModels.base, { withModels: true }));
  }
  console.log(`\n### Time to first recommendation (ms from navigation, median of ${runs})\n`);
  console.log('| page | first visit incl. sign-in: first recommendation | first visit: ranked with the model | reload, signed in, model cached: first recommendation | reload: ranked with the model |');
  console.log('|---|---|---|---|---|');
  console.log(`| no model weights (lexical encoder) | ${fmt(median(lexical.map((r) => r.first['first-recommendation'])))} | - | ${fmt(median(lexical.map((r) => r.second['first-recommendation'])))} | - |`);
  console.log(`| TEST MODELS (MiniLM/CLIP interfaces, random weights) | ${fmt(median(modelRuns.map((r) => r.first['first-recommendation'])))} | ${fmt(median(modelRuns.map((r) => r.first['model-ranking'])))} | ${fmt(median(modelRuns.map((r) => r.second['first-recommendation'])))} | ${fmt(median(modelRuns.map((r) => r.second['model-ranking'])))} |`);

  const views = [
    ['customer view (reference)', 'customer101', 'demo-101', false],
    ['banker, book table only', 'banker02', 'demo-b02', false],
    ['banker, book + one customer\'s cards', 'banker02', 'demo-b02', true],
    ['banker with 1,076 customers, book table only', 'banker01', 'demo-b01', false],
    ['banker with 1,076 customers, book + cards', 'banker01', 'demo-b01', true],
  ];
  console.log('\n### CPU time per frame while scrolling (ms; our C++ + ImGui, not the GPU)\n');
  console.log('| view | customers in book | p50 | p95 | max |');
  console.log('|---|---|---|---|---|');
  for (const [label, user, password, open] of views) {
    const f = await frameTimes(plain.base, user, password, { openCustomer: open });
    console.log(`| ${label} | ${f.book} | ${f.p50.toFixed(2)} | ${f.p95.toFixed(2)} | ${f.max.toFixed(2)} |`);
  }
} finally {
  plain.stop();
  withModels.stop();
}

const gz = (file) => zlib.gzipSync(readFileSync(file), { level: 9 }).length;
const ours = [path.join(appDir, 'bank_app.wasm'), path.join(appDir, 'bank_app.js'),
  ...readdirSync(path.join(repo, 'web')).filter((f) => /\.(js|css|html)$/.test(f)).map((f) => path.join(repo, 'web', f)),
  ...readdirSync(path.join(repo, 'web/inference')).filter((f) => f.endsWith('.js')).map((f) => path.join(repo, 'web/inference', f))];
const ortDir = path.join(repo, 'node_modules/onnxruntime-web/dist');
const ortWasm = readdirSync(ortDir).filter((f) => f.endsWith('.wasm')).map((f) => path.join(ortDir, f));
console.log('\n### What the browser downloads (bytes)\n');
console.log('| part | raw | gzip -9 |');
console.log('|---|---|---|');
let raw = 0; let zipped = 0;
for (const f of ours) {
  const r = readFileSync(f).length; const z = gz(f);
  raw += r; zipped += z;
  console.log(`| ${path.relative(repo, f)} | ${r} | ${z} |`);
}
console.log(`| **ours in total** (wasm + JS + CSS + HTML) | **${raw}** | **${zipped}** |`);
for (const f of ortWasm) console.log(`| reference, not counted: ${path.relative(repo, f)} | ${readFileSync(f).length} | ${gz(f)} |`);
rmSync(tmp, { recursive: true, force: true });
