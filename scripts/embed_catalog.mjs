#!/usr/bin/env node
// Build-time product (catalog) vectors, natively with onnxruntime-node, for every model whose real
// weights sit in the manifest's local folder. The browser then loads them instead of computing them
// on first use. Each output is versioned by the model file's sha256 and a digest of exactly what was
// embedded (web/inference/catalog_vectors.js), so the browser ignores a file made with another
// model or another catalog, and a second run with nothing changed does nothing.
//
//   node scripts/embed_catalog.mjs --items ITEMS.json [--manifest models/manifest.json] [--out models/catalog]
//
// ITEMS.json: { "text": [ { "id": "CARD-CASHBACK", "text": "..." } | { "id", "input_ids": [...] } ],
//               "images": [ { "id": "CARD-CASHBACK", "url": "/images/CARD-CASHBACK.png", "file": "data/images/CARD-CASHBACK.png" } ] }
// Text items are embedded by every text model (MiniLM, CLIP text) in the given order; "input_ids"
// (from the app's C++ tokenizer) are used as they are, "text" is tokenized with the reference
// tokenizer of @huggingface/transformers on the manifest's tokenizer files. Image files are decoded
// with ImageMagick and preprocessed exactly as in the browser.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ort from 'onnxruntime-node';
import { catalogDigest, decodeBuildFile, encodeBuildFile } from '../web/inference/catalog_vectors.js';
import { clipPixelValues } from '../web/inference/clip_image.js';
import { embedPixels, embedTokens } from '../web/inference/encoders.js';
import { parseManifest } from '../web/inference/manifest.js';

const { values: args } = parseArgs({
  options: {
    items: { type: 'string' },
    manifest: { type: 'string', default: 'models/manifest.json' },
    out: { type: 'string' },
  },
});
if (!args.items) {
  console.error('usage: node scripts/embed_catalog.mjs --items ITEMS.json [--manifest models/manifest.json] [--out DIR]');
  process.exit(2);
}
const manifestPath = path.resolve(args.manifest);
const manifestDir = path.dirname(manifestPath);
const outDir = path.resolve(args.out || path.join(manifestDir, 'catalog'));
const items = JSON.parse(readFileSync(args.items, 'utf8'));
const manifest = parseManifest(JSON.parse(readFileSync(manifestPath, 'utf8')), 'https://local.invalid/manifest.json');

// The model file in the manifest's local folder: the first source that is a relative path.
function localFile(spec) {
  const raw = JSON.parse(readFileSync(manifestPath, 'utf8')).models.find((m) => m.id === spec.id);
  const local = raw.sources.find((s) => !/^[a-z]+:/i.test(s));
  return local ? path.join(manifestDir, local, spec.file.path) : null;
}

async function tokenize(spec, texts) {
  const { AutoTokenizer, env } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.localModelPath = manifestDir + path.sep;
  const tokenizer = await AutoTokenizer.from_pretrained(spec.tokenizer.path.replace(/\/$/, ''));
  const encoded = tokenizer(texts, { padding: true, truncation: true, max_length: spec.max_tokens });
  const [rows, seq] = encoded.input_ids.dims;
  return Array.from({ length: rows }, (_, r) => {
    const ids = [];
    for (let t = 0; t < seq; t++) if (Number(encoded.attention_mask.data[r * seq + t])) ids.push(Number(encoded.input_ids.data[r * seq + t]));
    return ids;
  });
}

async function tokenBatch(spec) {
  const list = items.text || [];
  const needText = list.filter((it) => !it.input_ids).map((it) => it.text);
  const tokenized = needText.length ? await tokenize(spec, needText) : [];
  const rows = list.map((it) => (it.input_ids ? it.input_ids : tokenized.shift()));
  const seq = Math.max(1, ...rows.map((r) => r.length));
  const batch = { rows: rows.length, seq, inputIds: new Int32Array(rows.length * seq), attentionMask: new Int32Array(rows.length * seq) };
  rows.forEach((ids, r) => ids.forEach((id, t) => {
    batch.inputIds[r * seq + t] = id;
    batch.attentionMask[r * seq + t] = 1;
  }));
  return batch;
}

function decodeImage(file) {
  const [width, height] = execFileSync('identify', ['-format', '%w %h', `${file}[0]`], { encoding: 'utf8' }).trim().split(' ').map(Number);
  const data = execFileSync('convert', [`${file}[0]`, '-depth', '8', 'rgba:-'], { maxBuffer: 1 << 28 });
  return { width, height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

async function embedModel(spec, file) {
  const bytes = readFileSync(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== spec.file.sha256) {
    throw new Error(`${file} has sha256 ${sha256}, the manifest pins ${spec.file.sha256}`);
  }
  const isText = spec.kind === 'text';
  const list = isText ? items.text || [] : items.images || [];
  if (list.length === 0) return `${spec.id}: no ${isText ? 'text' : 'image'} items`;
  const input = isText ? await tokenBatch(spec) : list.map((it) => it.url);
  const digest = await catalogDigest(spec.id, input);
  const target = path.join(outDir, `${spec.id}.json`);
  if (existsSync(target)) {
    const old = decodeBuildFile(JSON.parse(readFileSync(target, 'utf8')), { model: spec.id, modelSha256: sha256, digest, dims: spec.dims });
    if (old.vectors) return `${spec.id}: ${path.relative(process.cwd(), target)} is up to date`;
  }
  const session = await ort.InferenceSession.create(bytes);
  let vectors;
  if (isText) {
    vectors = await embedTokens(ort, session, spec, input);
  } else {
    const per = 3 * spec.image.crop * spec.image.crop;
    const pixels = new Float32Array(list.length * per);
    list.forEach((it, i) => {
      const im = decodeImage(path.resolve(it.file));
      pixels.set(clipPixelValues(im.data, im.width, im.height, spec.image), i * per);
    });
    vectors = await embedPixels(ort, session, spec, pixels, list.length);
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(target, JSON.stringify(encodeBuildFile({
    model: spec.id, modelSha256: sha256, digest, rows: list.length, dims: spec.dims, vectors,
    ids: list.map((it) => it.id), runtime: `onnxruntime-node ${ort.env.versions.node || ''}`.trim(),
  })) + '\n');
  return `${spec.id}: wrote ${list.length} vectors to ${path.relative(process.cwd(), target)}`;
}

let failed = false;
for (const spec of manifest.models) {
  const file = localFile(spec);
  if (!file || !existsSync(file)) {
    console.log(`${spec.id}: skipped, no weights at ${file ? path.relative(process.cwd(), file) : '(no local source)'}; ` +
      'the browser computes these vectors on first use');
    continue;
  }
  if (!spec.file.sha256) {
    console.log(`${spec.id}: skipped, no sha256 pinned in the manifest (see models/README.md)`);
    continue;
  }
  try {
    console.log(await embedModel(spec, file));
  } catch (e) {
    console.error(`${spec.id}: ${e.message}`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
