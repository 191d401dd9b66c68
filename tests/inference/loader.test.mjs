// End to end, the model loader in Chromium (TEST MODELS):
//  1. first load shows per-file progress (bytes done / total) and stores every model in Cache Storage;
//  2. a reload makes no model request (Playwright's request log) and runs from the cache;
//  3. a damaged cache entry is detected by its sha256 and fetched again;
//  4. a missing file, a wrong hash, an unreachable source, an unpinned hash or a missing manifest
//     leave the page working with a visible notice that matching falls back to the lexical encoder,
//     and a second source is tried when the first fails;
//  5. without cross-origin isolation (a plain static host) inference still works, on one thread.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check, inferencePage, launchBrowser, openPage, run } from '../support/browser.mjs';
import { modelsDir, tokenBatch } from './fixtures.mjs';
import { inferenceMounts, startStaticServer } from './static_server.mjs';

const tiny = JSON.parse(readFileSync(path.join(modelsDir, 'tiny/manifest.json'), 'utf8'));
const paths = (requests) => requests.map((r) => r.path);
const onnxRequests = (requests) => paths(requests).filter((p) => p.endsWith('.onnx'));
const batch = tokenBatch('minilm', 3, 5);
const plainBatch = { ...batch, inputIds: Array.from(batch.inputIds), attentionMask: Array.from(batch.attentionMask) };

// Starts inference on the page, recording every status the page sees and whether the progress
// panel was on screen while bytes were arriving.
async function startOnPage(page, options) {
  return page.evaluate(async (opts) => {
    const seen = [];
    window.bankInference.onStatus((id, s) => {
      if (id) {
        seen.push({ id, phase: s.phase, state: s.state, done: s.bytesDone, total: s.bytesTotal,
          panel: !!document.querySelector(`#inference-status [data-model="${id}"] progress`) });
      }
    });
    await window.bankInference.start(opts);
    return { seen, status: window.bankInference.status() };
  }, options);
}

function writeManifest(folder, edit) {
  const copy = structuredClone(tiny);
  edit(copy);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'manifest.json'), JSON.stringify(copy));
}

async function noticeText(page) {
  const notice = page.locator('#inference-notice');
  return (await notice.isVisible()) ? notice.innerText() : '';
}

await run(async (defer) => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'inference-loader-'));
  defer(async () => rmSync(tmp, { recursive: true, force: true }));
  const byId = (m, id) => m.models.find((x) => x.id === id);
  writeManifest(path.join(tmp, 'broken'), (m) => {
    for (const x of m.models) x.sources = ['/models/'];
    byId(m, 'minilm').file.path = 'missing.onnx';
    byId(m, 'clip-text').file.sha256 = '0'.repeat(64);
    byId(m, 'clip-vision').sources = ['https://127.0.0.1:9/', '/models/'];
  });
  writeManifest(path.join(tmp, 'offline'), (m) => {
    byId(m, 'clip-vision').sources = ['/models/'];
    byId(m, 'clip-vision').output = 'pooled_output';
    byId(m, 'minilm').sources = ['https://127.0.0.1:9/'];
    byId(m, 'clip-text').sources = ['/models/'];
    byId(m, 'clip-text').file.sha256 = null;
  });
  const server = await startStaticServer({
    mounts: inferenceMounts([['/models/', path.join(modelsDir, 'tiny')], ['/variants/', tmp]]),
    slow: { suffix: '.onnx', chunk: 16 * 1024, delayMs: 40 },
  });
  defer(server.close);
  const browser = await launchBrowser();
  defer(() => browser.close());

  // 1. First visit.
  const context = await browser.newContext();
  const visit = await openPage(context, server.base + '/', inferencePage);
  const first = await startOnPage(visit.page, {});
  for (const m of tiny.models) {
    const s = first.status.models[m.id];
    check(s.state === 'ready' && !s.fromCache, `first visit: ${m.id} downloaded and ready`);
    const partial = first.seen.filter((e) => e.id === m.id && e.phase === 'downloading' && e.done > 0 && e.done < e.total);
    check(partial.length >= 2 && partial.every((e) => e.total === m.file.bytes && e.panel),
      `first visit: ${m.id} showed ${partial.length} progress steps of ${m.file.bytes} bytes in the panel`);
  }
  check(onnxRequests(visit.requests).length === 3, 'first visit: each model file was requested once');
  const cached = await visit.page.evaluate(async () => (await (await caches.open('bank-models-v1')).keys()).map((r) => r.url));
  check(tiny.models.every((m) => cached.some((u) => u.endsWith(m.file.sha256))), 'first visit: all three models are in Cache Storage');
  check(await visit.page.locator('#inference-status').isHidden(), 'first visit: the panel goes away once everything is ready');

  // 2. Second visit: nothing but the manifest goes to the network.
  visit.requests.length = 0;
  await visit.page.reload();
  const second = await startOnPage(visit.page, {});
  check(tiny.models.every((m) => second.status.models[m.id].state === 'ready' && second.status.models[m.id].fromCache),
    'reload: all three models ready from the cache');
  check(onnxRequests(visit.requests).length === 0, `reload: no model request (requests: ${paths(visit.requests).join(', ')})`);
  const vectors = await visit.page.evaluate(async (b) => (await window.bankInference.embedTokens('minilm', b)).rows, plainBatch);
  check(vectors === 3, 'reload: embeddings work from the cached model');

  // 3. A damaged cache entry.
  const minilm = byId(tiny, 'minilm');
  await visit.page.evaluate(async ({ sha, bytes }) => {
    const cache = await caches.open('bank-models-v1');
    const key = `https://model-cache.bank.invalid/sha256/${sha}`;
    const good = new Uint8Array(await (await cache.match(key)).arrayBuffer());
    good[bytes >> 1] ^= 0xff;
    await cache.put(key, new Response(good));
  }, { sha: minilm.file.sha256, bytes: minilm.file.bytes });
  visit.requests.length = 0;
  await visit.page.reload();
  const third = await startOnPage(visit.page, {});
  const repaired = third.status.models.minilm;
  check(repaired.state === 'ready' && !repaired.fromCache && /damaged/.test(repaired.message),
    `damaged cache: detected and downloaded again ("${repaired.message}")`);
  check(onnxRequests(visit.requests).join() === '/models/minilm.onnx', 'damaged cache: only the damaged model was fetched');
  check(third.status.models['clip-text'].fromCache && third.status.models['clip-vision'].fromCache, 'damaged cache: the others came from the cache');
  check(visit.errors.length === 0, `no page errors (${visit.errors.join(' | ')})`);

  // 4. Broken sources: the page keeps working and says why.
  const brokenVisit = await openPage(await browser.newContext(), server.base + '/', inferencePage);
  const broken = (await startOnPage(brokenVisit.page, { manifestUrl: '/variants/broken/manifest.json' })).status.models;
  check(broken.minilm.state === 'fallback' && /404/.test(broken.minilm.message), `missing file: fallback ("${broken.minilm.message}")`);
  check(broken['clip-text'].state === 'fallback' && /differs from the one pinned/.test(broken['clip-text'].message),
    `wrong hash: fallback ("${broken['clip-text'].message}")`);
  check(broken['clip-vision'].state === 'ready' && broken['clip-vision'].source === '/models/clip-vision.onnx',
    'unreachable first source: the second source was used');
  const notice = await noticeText(brokenVisit.page);
  check(/Text matching \(MiniLM\).*unavailable/.test(notice) && /Picture matching, text side/.test(notice) &&
    /word-matching encoder/.test(notice), `the notice is visible: "${notice.replace(/\n/g, ' / ')}"`);
  const refused = await brokenVisit.page.evaluate(async (b) => {
    try {
      await window.bankInference.embedTokens('minilm', b);
      return null;
    } catch (e) {
      return { fallback: e.fallback, message: e.message };
    }
  }, plainBatch);
  check(refused && refused.fallback === true, `an embedding request for a fallen-back model says "use the lexical encoder" (${refused && refused.message})`);
  const cachedBroken = await brokenVisit.page.evaluate(async () => (await (await caches.open('bank-models-v1')).keys()).length);
  check(cachedBroken === 1, 'nothing that failed verification was cached');

  const offlineVisit = await openPage(await browser.newContext(), server.base + '/', inferencePage);
  const offline = (await startOnPage(offlineVisit.page, { manifestUrl: '/variants/offline/manifest.json' })).status.models;
  check(offline.minilm.state === 'fallback' && /could not be reached/.test(offline.minilm.message),
    `unreachable source: fallback ("${offline.minilm.message}")`);
  check(offline['clip-text'].state === 'fallback' && /no sha256 is pinned/.test(offline['clip-text'].message),
    `unpinned hash: refused ("${offline['clip-text'].message}")`);
  check(offline['clip-vision'].state === 'fallback' && /has no output 'pooled_output'/.test(offline['clip-vision'].message),
    `a model file that does not match its manifest entry: fallback ("${offline['clip-vision'].message}")`);
  check(!onnxRequests(offlineVisit.requests).includes('/models/clip-text.onnx'), 'an unpinned model is not even downloaded');

  const noManifest = await openPage(await browser.newContext(), server.base + '/', inferencePage);
  const none = await startOnPage(noManifest.page, { manifestUrl: '/variants/nowhere/manifest.json' });
  const noneNotice = await noticeText(noManifest.page);
  check(/model list could not be read/.test(none.status.problem) && /word-matching encoder/.test(noneNotice),
    `missing manifest: visible notice ("${noneNotice.replace(/\n/g, ' / ')}")`);

  // A worker that cannot start at all (here: its script is missing).
  const noWorkerServer = await startStaticServer({
    mounts: inferenceMounts([['/inference/worker.js', path.join(tmp, 'nothing')], ['/models/', path.join(modelsDir, 'tiny')]]),
  });
  defer(noWorkerServer.close);
  const noWorker = await openPage(await browser.newContext(), noWorkerServer.base + '/', inferencePage);
  const stopped = await startOnPage(noWorker.page, {});
  const stoppedNotice = await noticeText(noWorker.page);
  check(/On-device matching stopped/.test(stopped.status.problem) && /word-matching encoder/.test(stoppedNotice),
    `no worker: visible notice ("${stoppedNotice.replace(/\n/g, ' / ')}")`);

  // An http page reached over the network is no secure context: no WebCrypto, so no models.
  const lan = Object.values(os.networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
  if (lan) {
    const insecureServer = await startStaticServer({ host: lan.address, mounts: inferenceMounts([['/models/', path.join(modelsDir, 'tiny')]]) });
    defer(insecureServer.close);
    const insecure = await openPage(await browser.newContext(), insecureServer.base + '/', inferencePage);
    const refusedAll = await startOnPage(insecure.page, {});
    check(/served over https/.test(refusedAll.status.problem) && /word-matching encoder/.test(await noticeText(insecure.page)),
      `insecure context: visible notice ("${refusedAll.status.problem}")`);
  } else {
    console.log('note - no non-loopback address on this machine: the insecure-context case was not exercised');
  }

  // 5. A plain static host (no COOP/COEP): one thread, same results.
  const plainServer = await startStaticServer({ isolated: false, mounts: inferenceMounts([['/models/', path.join(modelsDir, 'tiny')]]) });
  defer(plainServer.close);
  const plainVisit = await openPage(await browser.newContext(), plainServer.base + '/', inferencePage);
  const single = await plainVisit.page.evaluate(async (b) => {
    await window.bankInference.start({ only: ['minilm'] });
    const r = await window.bankInference.embedTokens('minilm', b);
    return { runtime: window.bankInference.status().runtime, vectors: Array.from(r.vectors) };
  }, plainBatch);
  const threaded = await visit.page.evaluate(async (b) => Array.from((await window.bankInference.embedTokens('minilm', b)).vectors), plainBatch);
  check(!single.runtime.crossOriginIsolated && single.runtime.threads === 1, 'not cross-origin isolated: ONNX Runtime Web runs on 1 thread');
  check(single.vectors.every((v, i) => Math.abs(v - threaded[i]) <= 1e-5), 'single-threaded results equal the threaded ones');
});
