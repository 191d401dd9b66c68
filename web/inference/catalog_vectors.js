// Product (catalog) vectors are computed once per model file and catalog, never per visit: either at
// build time by scripts/embed_catalog.mjs (node + onnxruntime-node, when real weights are present) or
// in the browser on first use, then kept in Cache Storage. Both are keyed by the model's sha256 and a
// digest of exactly what was embedded (token ids or image URLs), so a new model or a changed product
// never reuses stale vectors.

export const BUILD_FORMAT = 'bank-catalog-embeddings-1';

// What the digest covers: per row the token ids the model sees (padding removed), or the image URL.
export function catalogDigestText(modelId, batchOrUrls) {
  const lines = [`bank-catalog-v1 ${modelId}`];
  if (Array.isArray(batchOrUrls)) {
    for (const url of batchOrUrls) lines.push(String(url));
  } else {
    const { rows, seq, inputIds, attentionMask } = batchOrUrls;
    for (let r = 0; r < rows; r++) {
      const ids = [];
      for (let t = 0; t < seq; t++) {
        if (!attentionMask || Number(attentionMask[r * seq + t]) !== 0) ids.push(Number(inputIds[r * seq + t]));
      }
      lines.push(ids.join(','));
    }
  }
  return lines.join('\n') + '\n';
}

export async function catalogDigest(modelId, batchOrUrls) {
  const bytes = new TextEncoder().encode(catalogDigestText(modelId, batchOrUrls));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

function toBase64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text) {
  const s = atob(text);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

// Float32 values are stored little-endian, which is what every browser and node platform uses.
export function encodeBuildFile({ model, modelSha256, digest, rows, dims, vectors, ids, runtime }) {
  return {
    format: BUILD_FORMAT,
    model,
    model_sha256: modelSha256,
    digest,
    rows,
    dims,
    ids: ids || [],
    runtime,
    generated_by: 'scripts/embed_catalog.mjs',
    vectors_base64: toBase64(new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength)),
  };
}

// The vectors of a build-time file if it matches this model file and this catalog, else null with
// the reason (shown in the status, never an error: the browser then computes them itself).
export function decodeBuildFile(json, { model, modelSha256, digest, dims }) {
  if (!json || json.format !== BUILD_FORMAT) return { vectors: null, reason: 'not a catalog embeddings file' };
  if (json.model !== model || json.model_sha256 !== modelSha256) {
    return { vectors: null, reason: 'made with a different model file' };
  }
  if (json.digest !== digest) return { vectors: null, reason: 'made for a different catalog' };
  const bytes = fromBase64(json.vectors_base64 || '');
  if (json.dims !== dims || bytes.length !== json.rows * dims * 4) return { vectors: null, reason: 'has the wrong size' };
  return { vectors: new Float32Array(bytes.buffer), reason: '' };
}
