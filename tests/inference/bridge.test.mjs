// The C++ bridge (wasm/platform) in Chromium, and catalog vectors from build time to the browser:
//  - the bridge's status, read each frame by a C++ loop, goes Loading (with bytes) -> Ready;
//  - text and image embeddings requested from C++ equal onnxruntime-node's (<= 1e-4);
//  - bad batches are refused in C++ with a message; a fallen-back model answers use_lexical;
//  - scripts/embed_catalog.mjs writes catalog vectors versioned by model sha256 + content digest,
//    a second run does nothing, a changed model hash makes it recompute, absent weights are skipped;
//  - the browser takes those vectors ('build'), keeps them ('cache'), and computes them itself when
//    the catalog differs ('computed').
// Usage: node bridge.test.mjs <folder holding bridge_test.js/.wasm>. TEST MODELS with random weights.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { clipPixelValues } from '../../web/inference/clip_image.js';
import { embedPixels, embedTokens } from '../../web/inference/encoders.js';
import { parseManifest } from '../../web/inference/manifest.js';
import { check, inferencePage, launchBrowser, maxAbsDiff, openPage, run } from '../support/browser.mjs';
import { modelsDir, repo, tokenBatch, writeTestImages } from './fixtures.mjs';
import { inferenceMounts, startStaticServer } from './static_server.mjs';

const bridgeDir = path.resolve(process.argv[2] || path.join(repo, 'build/bridge'));
const tiny = JSON.parse(readFileSync(path.join(modelsDir, 'tiny/manifest.json'), 'utf8'));
const MODEL = { minilm: 0, 'clip-text': 1, 'clip-vision': 2 };
const STATE = { loading: 1, ready: 2, fallback: 3 };
const CATALOG_TEXT = 'Cashback credit card for everyday spending';

// Calls the harness's exported functions; arrays go through the wasm heap as int32.
async function request(page, name, { model, catalog = false, batch = null, urls = null }) {
  await page.evaluate(({ name, model, catalog, batch, urls }) => {
    const b = window.bridge;
    if (urls) {
      b.ccall('bridge_request_images', null, ['string', 'number', 'string'], [name, catalog ? 1 : 0, urls.join('\n')]);
      return;
    }
    const put = (values) => {
      if (!values) return 0;
      const p = b._malloc(values.length * 4);
      b.HEAP32.set(values, p >> 2);
      return p;
    };
    const ptrs = [put(batch.inputIds), put(batch.attentionMask), put(batch.tokenTypeIds)];
    b.ccall('bridge_request_tokens', null, ['string', 'number', 'number', 'number', 'number', 'number', 'number', 'number', 'number'],
      [name, model, catalog ? 1 : 0, batch.rows, batch.seq, ptrs[0], batch.inputIds.length, ptrs[1], ptrs[2]]);
    ptrs.forEach((p) => p && b._free(p));
  }, { name, model: MODEL[model], catalog, batch, urls });
  await page.waitForFunction((n) => window.bridgeResults && window.bridgeResults[n], name, { timeout: 30000 });
  return page.evaluate((n) => window.bridgeResults[n], name);
}

const plain = (b) => ({ rows: b.rows, seq: b.seq, inputIds: Array.from(b.inputIds),
  attentionMask: b.attentionMask && Array.from(b.attentionMask), tokenTypeIds: b.tokenTypeIds && Array.from(b.tokenTypeIds) });

function batchOf(rowsOfIds) {
  const seq = Math.max(...rowsOfIds.map((r) => r.length));
  const b = { rows: rowsOfIds.length, seq, inputIds: new Int32Array(rowsOfIds.length * seq), attentionMask: new Int32Array(rowsOfIds.length * seq) };
  rowsOfIds.forEach((ids, r) => ids.forEach((id, t) => { b.inputIds[r * seq + t] = id; b.attentionMask[r * seq + t] = 1; }));
  return b;
}

function embedCatalog(itemsFile, manifest) {
  return execFileSync('node', [path.join(repo, 'scripts/embed_catalog.mjs'), '--items', itemsFile, '--manifest', manifest],
    { encoding: 'utf8', cwd: repo });
}

async function openBridge(context, base) {
  const visit = await openPage(context, base + '/bridge.html', inferencePage);
  await visit.page.waitForFunction(() => window.bridge !== undefined);
  return visit;
}

await run(async (defer) => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'inference-bridge-'));
  defer(async () => rmSync(tmp, { recursive: true, force: true }));
  // A models folder shaped like the real one: manifest, weights in local/, tokenizers/.
  const site = path.join(tmp, 'models');
  mkdirSync(path.join(site, 'local'), { recursive: true });
  for (const m of tiny.models) symlinkSync(path.join(modelsDir, 'tiny', m.file.path), path.join(site, 'local', m.file.path));
  symlinkSync(path.join(repo, 'models/tokenizers'), path.join(site, 'tokenizers'));
  const manifest = structuredClone(tiny);
  for (const m of manifest.models) m.sources = ['local/'];
  writeFileSync(path.join(site, 'manifest.json'), JSON.stringify(manifest));
  const broken = structuredClone(manifest);
  broken.models[0].file.path = 'missing.onnx';
  writeFileSync(path.join(site, 'broken.json'), JSON.stringify(broken));
  const images = writeTestImages(path.join(tmp, 'images'));

  // Catalog items: three pre-tokenized products and one tokenized by the reference tokenizer.
  const productIds = [[101, 2000, 3000, 4000, 102], [101, 2222, 102], [101, 5, 6, 7, 8, 9, 10, 102]];
  const items = {
    text: [...productIds.map((ids, i) => ({ id: `P${i}`, input_ids: ids })), { id: 'P3', text: CATALOG_TEXT }],
    images: images.map((im, i) => ({ id: `P${i}`, url: `/images/${im.file}`, file: path.join(tmp, 'images', im.file) })),
  };
  const itemsFile = path.join(tmp, 'items.json');
  writeFileSync(itemsFile, JSON.stringify(items));

  const runOne = embedCatalog(itemsFile, path.join(site, 'manifest.json'));
  check((runOne.match(/wrote/g) || []).length === 3, `embed_catalog: wrote vectors for all three models\n${runOne.trim()}`);
  const runTwo = embedCatalog(itemsFile, path.join(site, 'manifest.json'));
  check((runTwo.match(/up to date/g) || []).length === 3, 'embed_catalog: a second run with nothing changed does nothing');
  const minilmFile = path.join(site, 'catalog/minilm.json');
  const built = JSON.parse(readFileSync(minilmFile, 'utf8'));
  check(built.model_sha256 === manifest.models[0].file.sha256 && built.rows === 4 && built.dims === 384,
    'embed_catalog: the file is versioned by the model sha256 and holds 4 x 384 values');
  writeFileSync(minilmFile, JSON.stringify({ ...built, model_sha256: 'f'.repeat(64) }));
  check(/minilm: wrote/.test(embedCatalog(itemsFile, path.join(site, 'manifest.json'))), 'embed_catalog: vectors of another model file are recomputed');
  const absent = structuredClone(manifest);
  for (const m of absent.models) m.sources = ['nothing-here/'];
  writeFileSync(path.join(site, 'absent.json'), JSON.stringify(absent));
  const skipped = embedCatalog(itemsFile, path.join(site, 'absent.json'));
  check((skipped.match(/skipped, no weights/g) || []).length === 3, 'embed_catalog: absent weights are skipped with a message');

  // The batch the browser app would send for the same products (the reference tokenizer's ids for P3).
  env.allowRemoteModels = false;
  env.localModelPath = path.join(repo, 'models/tokenizers') + path.sep;
  const tokenizer = await AutoTokenizer.from_pretrained('all-MiniLM-L6-v2');
  const p3 = Array.from(tokenizer(CATALOG_TEXT).input_ids.data, Number);
  const catalogBatch = batchOf([...productIds, p3]);

  // Node reference for the direct requests.
  const specs = parseManifest(manifest, 'file:///m/manifest.json').models;
  const session = (id) => ort.InferenceSession.create(path.join(modelsDir, 'tiny', `${id}.onnx`));
  const textBatch = tokenBatch('minilm', 7, 21, 30);
  const clipBatch = tokenBatch('clip-text', 4, 22, 20);
  const expected = {
    minilm: await embedTokens(ort, await session('minilm'), specs[0], textBatch),
    clip: await embedTokens(ort, await session('clip-text'), specs[1], clipBatch),
  };
  const per = 3 * 224 * 224;
  const pixels = new Float32Array(images.length * per);
  images.forEach((im, i) => pixels.set(clipPixelValues(im.data, im.width, im.height, specs[2].image), i * per));
  expected.images = await embedPixels(ort, await session('clip-vision'), specs[2], pixels, images.length);

  const server = await startStaticServer({
    mounts: inferenceMounts([['/models/', site], ['/images/', path.join(tmp, 'images')], ['/bridge/', bridgeDir]]),
  });
  defer(server.close);
  const browser = await launchBrowser();
  defer(() => browser.close());
  const context = await browser.newContext();
  const { page, errors } = await openBridge(context, server.base);

  // Requests sent before the models are ready wait for them.
  await page.evaluate(() => window.bridge.ccall('bridge_start', null, ['string'], ['/models/manifest.json']));
  const minilm = await request(page, 'minilm', { model: 'minilm', batch: plain(textBatch) });
  const clip = await request(page, 'clip', { model: 'clip-text', batch: plain(clipBatch) });
  const pictures = await request(page, 'images', { model: 'clip-vision', urls: [...images.map((im) => `/images/${im.file}`), '/images/none.png'] });
  check(minilm.error === '' && minilm.rows === 7 && minilm.dims === 384 && minilm.sha256 === manifest.models[0].file.sha256,
    'C++ request_text_embeddings(MiniLm): 7 x 384 vectors with the model sha256');
  check(maxAbsDiff(minilm.values, expected.minilm) <= 1e-4, `C++ MiniLM vectors equal onnxruntime-node's (max diff ${maxAbsDiff(minilm.values, expected.minilm).toExponential(2)})`);
  check(maxAbsDiff(clip.values, expected.clip) <= 1e-4, `C++ CLIP text vectors equal onnxruntime-node's (max diff ${maxAbsDiff(clip.values, expected.clip).toExponential(2)})`);
  check(pictures.rows === 4 && pictures.failed.trim() === '3' && pictures.values.slice(3 * 512).every((v) => v === 0),
    'C++ request_image_embeddings: a missing image is reported and gets a zero vector');
  check(maxAbsDiff(pictures.values.slice(0, 3 * 512), expected.images) <= 1e-4, 'C++ CLIP image vectors equal onnxruntime-node\'s');

  const log = await page.evaluate(() => window.bridgeStatusLog);
  for (const id of Object.keys(MODEL)) {
    const mine = log.filter((e) => e.model === id);
    check(mine.some((e) => e.state === STATE.loading && e.total > 0) && mine.at(-1).state === STATE.ready && /TEST MODEL/.test(mine.at(-1).label),
      `C++ status(${id}) seen by the frame loop: ${mine.map((e) => e.phase).join(' > ')}`);
  }

  const wrongSize = await request(page, 'bad', { model: 'minilm', batch: { rows: 2, seq: 3, inputIds: [1, 2, 3] } });
  check(/input_ids has 3 values, rows x seq is 6/.test(wrongSize.error), `a malformed batch is refused in C++ ("${wrongSize.error}")`);
  const notText = await request(page, 'vision-tokens', { model: 'clip-vision', batch: plain(clipBatch) });
  check(/embeds images, not tokens/.test(notText.error), 'token requests to the image model are refused');

  // Catalog vectors: from the build, then from the device, then recomputed for another catalog.
  const fromBuild = await request(page, 'catalog-1', { model: 'minilm', catalog: true, batch: plain(catalogBatch) });
  const builtVectors = new Float32Array(Buffer.from(JSON.parse(readFileSync(minilmFile, 'utf8')).vectors_base64, 'base64').buffer.slice(0));
  check(fromBuild.source === 'build' && maxAbsDiff(fromBuild.values, builtVectors) === 0, 'catalog (MiniLM): the build-time vectors are used');
  const fresh = await request(page, 'catalog-fresh', { model: 'minilm', batch: plain(catalogBatch) });
  check(maxAbsDiff(fresh.values, builtVectors) <= 1e-4, 'catalog (MiniLM): build-time (node) and browser vectors agree');
  const imagesFromBuild = await request(page, 'catalog-images', { model: 'clip-vision', catalog: true, urls: images.map((im) => `/images/${im.file}`) });
  check(imagesFromBuild.source === 'build' && maxAbsDiff(imagesFromBuild.values, expected.images) <= 1e-4,
    'catalog (CLIP images): build-time vectors (ImageMagick decode) used and equal the browser\'s');
  await page.reload();
  await page.waitForFunction(() => window.bridge !== undefined);
  await page.evaluate(() => window.bridge.ccall('bridge_start', null, ['string'], ['/models/manifest.json']));
  const fromCache = await request(page, 'catalog-2', { model: 'minilm', catalog: true, batch: plain(catalogBatch) });
  check(fromCache.source === 'cache' && maxAbsDiff(fromCache.values, builtVectors) === 0, 'catalog (MiniLM): the next visit reads them from the device');
  const changed = batchOf([...productIds.slice(0, 2), [101, 7777, 102], p3]);
  const computed = await request(page, 'catalog-3', { model: 'minilm', catalog: true, batch: plain(changed) });
  const again = await request(page, 'catalog-4', { model: 'minilm', catalog: true, batch: plain(changed) });
  check(computed.source === 'computed' && again.source === 'cache' && maxAbsDiff(computed.values, again.values) === 0,
    'catalog (MiniLM): a changed product is computed in the browser, then kept');
  check(errors.length === 0, `no page errors (${errors.join(' | ')})`);

  // A model that cannot load: the C++ side sees Fallback with the reason and gets use_lexical.
  const other = await openBridge(await browser.newContext(), server.base);
  await other.page.evaluate(() => window.bridge.ccall('bridge_start', null, ['string'], ['/models/broken.json']));
  const lexical = await request(other.page, 'fallback', { model: 'minilm', batch: plain(textBatch) });
  check(lexical.useLexical && /404/.test(lexical.error), `a fallen-back model answers use_lexical ("${lexical.error}")`);
  const lexicalCatalog = await request(other.page, 'fallback-catalog', { model: 'minilm', catalog: true, batch: plain(catalogBatch) });
  check(lexicalCatalog.useLexical, 'catalog vectors of a fallen-back model also answer use_lexical');
  await other.page.waitForFunction(() => (window.bridgeStatusLog || []).some((e) => e.model === 'minilm' && e.state === 3));
  const fallbackStatus = (await other.page.evaluate(() => window.bridgeStatusLog)).filter((e) => e.model === 'minilm').at(-1);
  check(fallbackStatus.state === STATE.fallback && /missing\.onnx/.test(fallbackStatus.message), `C++ status(MiniLm) is Fallback: "${fallbackStatus.message}"`);
});
