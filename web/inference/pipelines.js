// The numeric steps around the ONNX models, as pure functions over typed arrays: length bucketing of
// a tokenized batch, masked mean pooling, L2 normalization. The worker and the node reference
// (tests, build-time catalog embedding) share them.

// A tokenized batch as the app's tokenizers produce it: `rows` sequences padded to `seq` tokens,
// row-major. attentionMask and tokenTypeIds are optional (all ones / all zeros).
export function validateTokenBatch({ rows, seq, inputIds, attentionMask, tokenTypeIds }) {
  if (!Number.isInteger(rows) || !Number.isInteger(seq) || rows < 0 || seq < 1) {
    throw new Error(`a token batch needs whole rows >= 0 and seq >= 1, got rows=${rows} seq=${seq}`);
  }
  for (const [name, a] of [['inputIds', inputIds], ['attentionMask', attentionMask], ['tokenTypeIds', tokenTypeIds]]) {
    if (a === undefined && name !== 'inputIds') continue;
    if (!a || a.length !== rows * seq) {
      throw new Error(`${name} holds ${a ? a.length : 0} values, expected rows x seq = ${rows * seq}`);
    }
  }
}

// Real tokens per row: the attention mask's leading ones. A row whose mask is not ones-then-zeros
// (left padding, holes) keeps its full width, so nothing it attends to is cut.
export function rowLengths({ rows, seq, attentionMask }) {
  const lengths = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    if (!attentionMask) { lengths[r] = seq; continue; }
    let n = 0;
    while (n < seq && Number(attentionMask[r * seq + n]) === 1) n++;
    let rest = n;
    while (rest < seq && Number(attentionMask[r * seq + rest]) === 0) rest++;
    lengths[r] = rest === seq ? Math.max(n, 1) : seq;
  }
  return lengths;
}

// Groups rows of similar length so each run pads only to its own longest row: rows sorted by length
// (stable), cut into runs of at most maxRows rows and maxTokens padded tokens.
export function planBuckets(lengths, { maxRows = 32, maxTokens = 32 * 128 } = {}) {
  const order = Array.from(lengths.keys()).sort((a, b) => lengths[a] - lengths[b] || a - b);
  const buckets = [];
  let current = [];
  let width = 0;
  for (const row of order) {
    const w = Math.max(width, lengths[row]);
    if (current.length > 0 && (current.length + 1 > maxRows || (current.length + 1) * w > maxTokens)) {
      buckets.push({ rows: current, seq: width });
      current = [];
    }
    current.push(row);
    width = current.length === 1 ? lengths[row] : Math.max(width, lengths[row]);
  }
  if (current.length > 0) buckets.push({ rows: current, seq: width });
  return buckets;
}

// The ONNX feeds of one bucket: int64 [bucket rows, bucket seq], cut from the padded batch.
export function bucketFeeds(batch, bucket) {
  const n = bucket.rows.length;
  const width = bucket.seq;
  const out = {
    input_ids: new BigInt64Array(n * width),
    attention_mask: new BigInt64Array(n * width),
    token_type_ids: new BigInt64Array(n * width),
  };
  bucket.rows.forEach((row, i) => {
    for (let t = 0; t < width; t++) {
      const src = row * batch.seq + t;
      const dst = i * width + t;
      out.input_ids[dst] = BigInt(batch.inputIds[src]);
      out.attention_mask[dst] = batch.attentionMask ? BigInt(batch.attentionMask[src]) : 1n;
      out.token_type_ids[dst] = batch.tokenTypeIds ? BigInt(batch.tokenTypeIds[src]) : 0n;
    }
  });
  return out;
}

// Scales each row of a [rows, dims] matrix to unit length in place (torch F.normalize, eps 1e-12).
export function l2NormalizeRows(values, dims) {
  for (let off = 0; off < values.length; off += dims) {
    let sq = 0;
    for (let d = 0; d < dims; d++) sq += values[off + d] * values[off + d];
    const scale = 1 / Math.max(Math.sqrt(sq), 1e-12);
    for (let d = 0; d < dims; d++) values[off + d] *= scale;
  }
  return values;
}

// Sentence-transformers' mean pooling: the average of the token vectors the attention mask keeps.
// hidden is [rows, seq, dims]; mask is [rows, seq] (int64 or numbers).
export function meanPool(hidden, mask, rows, seq, dims) {
  const out = new Float32Array(rows * dims);
  const acc = new Float64Array(dims);
  for (let r = 0; r < rows; r++) {
    acc.fill(0);
    let count = 0;
    for (let t = 0; t < seq; t++) {
      if (Number(mask[r * seq + t]) === 0) continue;
      count++;
      const off = (r * seq + t) * dims;
      for (let d = 0; d < dims; d++) acc[d] += hidden[off + d];
    }
    const denom = Math.max(count, 1e-9);
    for (let d = 0; d < dims; d++) out[r * dims + d] = acc[d] / denom;
  }
  return out;
}

// Writes a bucket's [n, dims] vectors back to the caller's row order.
export function scatterRows(target, dims, rowsInOrder, vectors) {
  rowsInOrder.forEach((row, i) => target.set(vectors.subarray(i * dims, (i + 1) * dims), row * dims));
}
