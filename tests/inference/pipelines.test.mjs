// The numeric steps around the models (web/inference/pipelines.js, encoders.js), the manifest reader
// and the catalog vector format, in node. Runs on the generated TEST MODELS with onnxruntime-node.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ort from 'onnxruntime-node';
import { catalogDigest, decodeBuildFile, encodeBuildFile } from '../../web/inference/catalog_vectors.js';
import { embedTokens } from '../../web/inference/encoders.js';
import { parseManifest } from '../../web/inference/manifest.js';
import { bucketFeeds, l2NormalizeRows, meanPool, planBuckets, rowLengths } from '../../web/inference/pipelines.js';
import { modelsDir, repo, tokenBatch } from './fixtures.mjs';

const productionManifest = JSON.parse(readFileSync(path.join(repo, 'models/manifest.json'), 'utf8'));
const testManifest = JSON.parse(readFileSync(path.join(modelsDir, 'tiny/manifest.json'), 'utf8'));

test('row lengths come from the attention mask; odd masks keep the full width', () => {
  const batch = { rows: 4, seq: 4, attentionMask: [1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 0] };
  assert.deepEqual(Array.from(rowLengths(batch)), [2, 4, 4, 4]);
  assert.deepEqual(Array.from(rowLengths({ rows: 2, seq: 3 })), [3, 3]);
});

test('length bucketing sorts by length and respects row and token limits', () => {
  const lengths = Int32Array.from([9, 3, 5, 3, 12, 4]);
  assert.deepEqual(planBuckets(lengths, { maxRows: 2 }), [
    { rows: [1, 3], seq: 3 }, { rows: [5, 2], seq: 5 }, { rows: [0, 4], seq: 12 }]);
  assert.deepEqual(planBuckets(lengths, { maxRows: 32, maxTokens: 20 }), [
    { rows: [1, 3, 5, 2], seq: 5 }, { rows: [0], seq: 9 }, { rows: [4], seq: 12 }]);
  assert.deepEqual(planBuckets(new Int32Array(0)), []);
});

test('bucket feeds cut the padded batch to the bucket width, with default mask and types', () => {
  const batch = { rows: 2, seq: 4, inputIds: [101, 7, 102, 0, 101, 8, 9, 102], attentionMask: [1, 1, 1, 0, 1, 1, 1, 1] };
  const feeds = bucketFeeds(batch, { rows: [0], seq: 3 });
  assert.deepEqual(Array.from(feeds.input_ids), [101n, 7n, 102n]);
  assert.deepEqual(Array.from(feeds.attention_mask), [1n, 1n, 1n]);
  assert.deepEqual(Array.from(feeds.token_type_ids), [0n, 0n, 0n]);
});

test('mean pooling averages only the tokens the mask keeps; L2 normalization gives unit rows', () => {
  const hidden = Float32Array.from([1, 2, 3, 4, 100, 100, /* row 2 */ 2, 0, 0, 2, 4, 4]);
  const pooled = meanPool(hidden, [1, 1, 0, 1, 1, 1], 2, 3, 2);
  assert.deepEqual(Array.from(pooled), [2, 3, 2, 2]);
  const unit = l2NormalizeRows(Float32Array.from([3, 4, 0, 0]), 2);
  assert.deepEqual(Array.from(unit), [0.6000000238418579, 0.800000011920929, 0, 0]);
});

test('the manifest is read, sources resolve against its URL, and mistakes are explained', () => {
  // The shipped manifest names only this site; an operator may add a mirror or the hub after it.
  const withHub = structuredClone(productionManifest);
  withHub.models[0].sources.push('https://huggingface.co/Xenova/all-MiniLM-L6-v2/resolve/main/');
  const m = parseManifest(withHub, 'https://bank.example/models/manifest.json');
  assert.deepEqual(m.models.map((x) => x.id), ['minilm', 'clip-text', 'clip-vision']);
  assert.equal(m.models[0].urls[0], 'https://bank.example/models/local/Xenova/all-MiniLM-L6-v2/onnx/model_quantized.onnx');
  assert.equal(m.models[0].urls[1], 'https://huggingface.co/Xenova/all-MiniLM-L6-v2/resolve/main/onnx/model_quantized.onnx');
  const broken = (edit) => {
    const copy = structuredClone(productionManifest);
    edit(copy.models[0]);
    return () => parseManifest(copy, 'https://bank.example/models/manifest.json');
  };
  assert.throws(broken((x) => { x.file.sha256 = 'abc'; }), /model 1 \(minilm\): 'file.sha256' must be 64/);
  assert.throws(broken((x) => { x.sources = ['http://mirror.example/'] }), /must be https or on this site/);
  assert.throws(broken((x) => { x.file.path = '../secrets'; }), /relative path/);
  assert.throws(broken((x) => { x.pooling = 'max'; }), /'pooling' must be one of/);
  assert.throws(() => parseManifest({ schema_version: 2, models: [] }, 'https://a/'), /schema_version 2/);
});

test('embeddings do not depend on padding or on how rows are bucketed (onnxruntime-node)', async () => {
  for (const id of ['minilm', 'clip-text']) {
    const spec = parseManifest(testManifest, 'file:///m/manifest.json').models.find((m) => m.id === id);
    const session = await ort.InferenceSession.create(path.join(modelsDir, 'tiny', spec.file.path));
    const batch = tokenBatch(id, 12, 7);
    const bucketed = await embedTokens(ort, session, spec, batch, { maxRows: 3 });
    const oneRun = await embedTokens(ort, session, spec, batch, { maxRows: 1000, maxTokens: 1e9 });
    let maxDiff = 0;
    for (let r = 0; r < batch.rows; r++) {
      const len = rowLengths(batch)[r];
      const single = {
        rows: 1, seq: len,
        inputIds: batch.inputIds.slice(r * batch.seq, r * batch.seq + len),
        attentionMask: new Int32Array(len).fill(1),
      };
      const alone = await embedTokens(ort, session, spec, single);
      for (let d = 0; d < spec.dims; d++) {
        maxDiff = Math.max(maxDiff, Math.abs(alone[d] - bucketed[r * spec.dims + d]),
          Math.abs(alone[d] - oneRun[r * spec.dims + d]));
      }
      let norm = 0;
      for (let d = 0; d < spec.dims; d++) norm += bucketed[r * spec.dims + d] ** 2;
      assert.ok(Math.abs(Math.sqrt(norm) - 1) < 1e-5, `${id} row ${r} has unit length`);
    }
    assert.ok(maxDiff < 1e-5, `${id}: padding changed an embedding by ${maxDiff}`);
  }
});

test('a manifest that misstates the output width is reported, not silently used', async () => {
  const spec = parseManifest(testManifest, 'file:///m/manifest.json').models.find((m) => m.id === 'minilm');
  const session = await ort.InferenceSession.create(path.join(modelsDir, 'tiny', spec.file.path));
  await assert.rejects(embedTokens(ort, session, { ...spec, dims: 100 }, tokenBatch('minilm', 2, 3)),
    /output 'last_hidden_state' has shape \[2,\d+,384\], expected \[2,\d+,100\]/);
  await assert.rejects(embedTokens(ort, session, spec, { rows: 2, seq: 3, inputIds: [1, 2] }), /inputIds holds 2 values/);
});

test('catalog vectors: the digest ignores padding, the build file round-trips and refuses mismatches', async () => {
  const padded = { rows: 1, seq: 5, inputIds: [101, 7, 102, 0, 0], attentionMask: [1, 1, 1, 0, 0] };
  const tight = { rows: 1, seq: 3, inputIds: [101, 7, 102], attentionMask: [1, 1, 1] };
  const other = { rows: 1, seq: 3, inputIds: [101, 8, 102], attentionMask: [1, 1, 1] };
  assert.equal(await catalogDigest('minilm', padded), await catalogDigest('minilm', tight));
  assert.notEqual(await catalogDigest('minilm', tight), await catalogDigest('minilm', other));
  assert.notEqual(await catalogDigest('minilm', tight), await catalogDigest('clip-text', tight));
  const vectors = Float32Array.from([0.6, 0.8, 1, 0]);
  const file = JSON.parse(JSON.stringify(encodeBuildFile({
    model: 'minilm', modelSha256: 'a'.repeat(64), digest: 'd1', rows: 2, dims: 2, vectors, runtime: 'test',
  })));
  const want = { model: 'minilm', modelSha256: 'a'.repeat(64), digest: 'd1', dims: 2 };
  assert.deepEqual(Array.from(decodeBuildFile(file, want).vectors), Array.from(vectors));
  assert.equal(decodeBuildFile(file, { ...want, modelSha256: 'b'.repeat(64) }).reason, 'made with a different model file');
  assert.equal(decodeBuildFile(file, { ...want, digest: 'd2' }).reason, 'made for a different catalog');
  assert.equal(decodeBuildFile(file, { ...want, dims: 3 }).reason, 'has the wrong size');
});
