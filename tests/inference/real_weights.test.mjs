// Additional test for the REAL weights, run when they are placed as models/README.md describes: the
// browser loads models/manifest.json unchanged from models/local/, its vectors equal
// onnxruntime-node's (<= 1e-4) on real tokenized sentences, and they mean something (a card query is
// nearer a card than an insurance policy). Every code path is also tested on the generated TEST
// MODELS by the other tests; this one exits 77 (skipped) when no real weights are present.
// Usage: node real_weights.test.mjs [models folder, default models/]
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { clipPixelValues } from '../../web/inference/clip_image.js';
import { embedPixels, embedTokens } from '../../web/inference/encoders.js';
import { parseManifest } from '../../web/inference/manifest.js';
import { check, inferencePage, launchBrowser, maxAbsDiff, openPage, run } from '../support/browser.mjs';
import { repo, writeTestImages } from './fixtures.mjs';
import { inferenceMounts, startStaticServer } from './static_server.mjs';

const modelsFolder = path.resolve(process.argv[2] || path.join(repo, 'models'));
const raw = JSON.parse(readFileSync(path.join(modelsFolder, 'manifest.json'), 'utf8'));
const specs = parseManifest(raw, 'https://local.invalid/models/manifest.json').models;
const localPath = (spec) => path.join(modelsFolder, raw.models.find((m) => m.id === spec.id).sources[0], spec.file.path);
const present = specs.filter((s) => s.file.sha256 && existsSync(localPath(s)));
const presentText = present.filter((s) => s.kind === 'text');
const vision = present.find((s) => s.kind === 'image');
if (present.length === 0) {
  console.log('SKIPPED: no real weights in models/local/ (see models/README.md); the generated TEST MODELS cover every code path');
  process.exit(77);
}

const SENTENCES = [
  'a credit card with cashback on groceries and fuel',
  'cashback card for everyday shopping',
  'home insurance covering fire and theft',
  'fixed-term savings deposit with a guaranteed rate',
];

await run(async (defer) => {
  env.allowRemoteModels = false;
  env.localModelPath = modelsFolder + path.sep;
  const batches = {};
  for (const spec of present) {
    const bytes = readFileSync(localPath(spec));
    check(createHash('sha256').update(bytes).digest('hex') === spec.file.sha256, `${spec.id}: ${localPath(spec)} matches the pinned sha256`);
  }
  for (const spec of presentText) {
    const tokenizer = await AutoTokenizer.from_pretrained(spec.tokenizer.path.replace(/\/$/, ''));
    const enc = tokenizer(SENTENCES, { padding: spec.id === 'clip-text' ? 'max_length' : true, truncation: true, max_length: spec.max_tokens });
    const [rows, seq] = enc.input_ids.dims;
    batches[spec.id] = { rows, seq, inputIds: Array.from(enc.input_ids.data, Number), attentionMask: Array.from(enc.attention_mask.data, Number) };
    if (enc.token_type_ids) batches[spec.id].tokenTypeIds = Array.from(enc.token_type_ids.data, Number);
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'inference-real-'));
  defer(async () => rmSync(tmp, { recursive: true, force: true }));
  const images = writeTestImages(tmp);
  const server = await startStaticServer({ mounts: inferenceMounts([['/models/', modelsFolder], ['/images/', tmp]]) });
  defer(server.close);
  const browser = await launchBrowser();
  defer(() => browser.close());
  const { page } = await openPage(await browser.newContext(), server.base + '/', inferencePage);
  const got = await page.evaluate(async ({ ids, batches, vision, files }) => {
    await window.bankInference.start({ only: ids });
    const { models } = window.bankInference.status();
    const out = {};
    for (const id of ids) {
      if (models[id].state !== 'ready') throw new Error(`${id}: ${models[id].message}`);
      out[id] = Array.from((id === vision
        ? await window.bankInference.embedImages(id, files.map((f) => `/images/${f}`))
        : await window.bankInference.embedTokens(id, batches[id])).vectors);
    }
    return out;
  }, { ids: present.map((s) => s.id), batches, vision: vision && vision.id, files: images.map((im) => im.file) });
  if (vision) {
    const per = 3 * vision.image.crop * vision.image.crop;
    const pixels = new Float32Array(images.length * per);
    images.forEach((im, i) => pixels.set(clipPixelValues(im.data, im.width, im.height, vision.image), i * per));
    const expected = await embedPixels(ort, await ort.InferenceSession.create(localPath(vision)), vision, pixels, images.length);
    check(maxAbsDiff(got[vision.id], expected) <= 1e-4, `${vision.id}: browser equals onnxruntime-node on real weights (max diff ${maxAbsDiff(got[vision.id], expected).toExponential(2)})`);
  }
  for (const spec of presentText) {
    const session = await ort.InferenceSession.create(localPath(spec));
    const expected = await embedTokens(ort, session, spec, batches[spec.id]);
    check(maxAbsDiff(got[spec.id], expected) <= 1e-4, `${spec.id}: browser equals onnxruntime-node on real weights (max diff ${maxAbsDiff(got[spec.id], expected).toExponential(2)})`);
    const v = (i) => got[spec.id].slice(i * spec.dims, (i + 1) * spec.dims);
    const cos = (a, b) => a.reduce((s, x, i) => s + x * b[i], 0);
    check(cos(v(0), v(1)) > cos(v(0), v(2)) && cos(v(0), v(1)) > cos(v(0), v(3)),
      `${spec.id}: "${SENTENCES[0]}" is nearest "${SENTENCES[1]}"`);
  }
});
