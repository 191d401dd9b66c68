// Model files: Cache Storage first, then each source of the manifest in order. Every byte the app
// runs is checked against the manifest's pinned size and sha256 (WebCrypto), whether it comes from
// the cache or the network. Cache entries are keyed by sha256, so a new model in the manifest is a
// new entry and the old one is pruned.

export const MODEL_CACHE = 'bank-models-v1';

// Cache keys are synthetic URLs (never fetched): the file's identity is its hash, not where it came from.
export const modelCacheKey = (sha256) => `https://model-cache.bank.invalid/sha256/${sha256}`;

export class ModelLoadError extends Error {}

export async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function openCache() {
  try {
    return typeof caches === 'undefined' ? null : await caches.open(MODEL_CACHE);
  } catch {
    return null; // e.g. storage disabled: the app still works, it just downloads every visit
  }
}

function describeSource(url) {
  const u = new URL(url);
  return u.origin === self.location.origin ? u.pathname : u.host;
}

// Streams the body into one buffer of the pinned size, reporting bytes as they arrive; a body larger
// than the pin is cut off at once instead of filling memory.
async function download(url, expectedBytes, onBytes) {
  let response;
  try {
    response = await fetch(url, { cache: 'no-store', credentials: 'same-origin' });
  } catch (e) {
    throw new Error(`could not be reached (${e.message})`);
  }
  if (!response.ok) throw new Error(`answered HTTP ${response.status}${response.status === 404 ? ' (no such file)' : ''}`);
  const data = new Uint8Array(expectedBytes);
  let done = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done: end, value } = await reader.read();
    if (end) break;
    if (done + value.length > expectedBytes) {
      await reader.cancel();
      throw new Error(`sent more than the ${expectedBytes} bytes the manifest pins`);
    }
    data.set(value, done);
    done += value.length;
    onBytes(done);
  }
  if (done !== expectedBytes) throw new Error(`sent ${done} bytes, the manifest pins ${expectedBytes}`);
  return data;
}

// Returns { data, fromCache, source, note }. report({ phase, bytesDone, bytesTotal, source }) is
// called as work progresses. Throws ModelLoadError with a message a user can act on.
export async function loadModelFile(model, report) {
  const { bytes, sha256, path } = model.file;
  if (!sha256) {
    throw new ModelLoadError(`no sha256 is pinned for ${path} in models/manifest.json, so the file cannot be ` +
      'verified; pin it as models/README.md describes');
  }
  const cache = await openCache();
  const key = modelCacheKey(sha256);
  const notes = [];
  if (cache) {
    const hit = await cache.match(key);
    if (hit) {
      report({ phase: 'verifying', bytesDone: bytes, bytesTotal: bytes, source: 'cache' });
      const data = new Uint8Array(await hit.arrayBuffer());
      if (data.length === bytes && (await sha256Hex(data)) === sha256) {
        return { data, fromCache: true, source: 'cache', note: '' };
      }
      await cache.delete(key);
      notes.push('the copy saved on this device was damaged, so it was downloaded again');
    }
  }
  const problems = [];
  for (const url of model.urls) {
    const source = describeSource(url);
    try {
      report({ phase: 'downloading', bytesDone: 0, bytesTotal: bytes, source });
      const data = await download(url, bytes, (done) => report({ phase: 'downloading', bytesDone: done, bytesTotal: bytes, source }));
      report({ phase: 'verifying', bytesDone: bytes, bytesTotal: bytes, source });
      const got = await sha256Hex(data);
      if (got !== sha256) throw new Error(`its sha256 (${got.slice(0, 12)}…) differs from the one pinned in the manifest (${sha256.slice(0, 12)}…)`);
      if (cache) {
        try {
          await cache.put(key, new Response(data, { headers: { 'Content-Type': 'application/octet-stream' } }));
        } catch (e) {
          notes.push(`it could not be saved on this device (${e.message}) and will be downloaded again next visit`);
        }
      }
      return { data, fromCache: false, source, note: notes.join('; ') };
    } catch (e) {
      problems.push(`${source} ${e.message}`);
    }
  }
  throw new ModelLoadError(`${path}: ${problems.join('; ')}`);
}

// Deletes cached files the manifest no longer names (an updated or removed model).
export async function pruneModelCache(keepSha256s) {
  const cache = await openCache();
  if (!cache) return 0;
  const keep = new Set(keepSha256s.map(modelCacheKey));
  let removed = 0;
  for (const request of await cache.keys()) {
    if (!keep.has(request.url)) {
      await cache.delete(request);
      removed++;
    }
  }
  return removed;
}
