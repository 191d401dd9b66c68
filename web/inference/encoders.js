// One embedding run per model kind, written against the onnxruntime-common API so the same code runs
// on ONNX Runtime Web in the worker and on onnxruntime-node in the tests and the build-time catalog
// embedder: any difference the parity tests see comes from the runtimes, not from this file.
import { bucketFeeds, l2NormalizeRows, meanPool, planBuckets, rowLengths, scatterRows, validateTokenBatch } from './pipelines.js';

function checkDims(model, tensor, expected) {
  const dims = tensor.dims;
  if (dims.length !== expected.length || dims.some((d, i) => d !== expected[i])) {
    throw new Error(`${model.id}: output '${model.output}' has shape [${dims}], expected [${expected}]` +
      ' (does the manifest describe this model file?)');
  }
}

// Tokenized text -> L2-normalized vectors [rows, dims], in the caller's row order.
export async function embedTokens(ort, session, model, batch, limits = {}) {
  validateTokenBatch(batch);
  const out = new Float32Array(batch.rows * model.dims);
  for (const bucket of planBuckets(rowLengths(batch), limits)) {
    const n = bucket.rows.length;
    const columns = bucketFeeds(batch, bucket);
    const feeds = {};
    for (const name of session.inputNames) {
      if (!(name in columns)) {
        throw new Error(`${model.id}: the model asks for input '${name}', which a text pipeline cannot provide`);
      }
      feeds[name] = new ort.Tensor('int64', columns[name], [n, bucket.seq]);
    }
    const tensor = (await session.run(feeds, [model.output]))[model.output];
    let vectors;
    if (model.pooling === 'mean') {
      checkDims(model, tensor, [n, bucket.seq, model.dims]);
      vectors = meanPool(tensor.data, columns.attention_mask, n, bucket.seq, model.dims);
    } else {
      checkDims(model, tensor, [n, model.dims]);
      vectors = Float32Array.from(tensor.data);
    }
    scatterRows(out, model.dims, bucket.rows, l2NormalizeRows(vectors, model.dims));
  }
  return out;
}

// Preprocessed images (float32 [count, 3, size, size], see clip_image.js) -> vectors [count, dims].
export async function embedPixels(ort, session, model, pixels, count, { maxRows = 8 } = {}) {
  const size = model.image.crop;
  const per = 3 * size * size;
  if (pixels.length !== count * per) throw new Error(`${model.id}: ${pixels.length} pixel values for ${count} images`);
  const input = session.inputNames[0];
  const out = new Float32Array(count * model.dims);
  for (let start = 0; start < count; start += maxRows) {
    const n = Math.min(maxRows, count - start);
    const feeds = { [input]: new ort.Tensor('float32', pixels.slice(start * per, (start + n) * per), [n, 3, size, size]) };
    const tensor = (await session.run(feeds, [model.output]))[model.output];
    checkDims(model, tensor, [n, model.dims]);
    out.set(l2NormalizeRows(Float32Array.from(tensor.data), model.dims), start * model.dims);
  }
  return out;
}
