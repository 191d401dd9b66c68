// The inference worker: loads the manifest's models into ONNX Runtime Web (wasm, SIMD, threads when
// the page is cross-origin isolated) and runs every embedding, so the page's frame loop never waits
// on a download, a hash or a model. Messages in and out are described in embedder.js.
import { clipPixelValues } from './clip_image.js';
import { embedPixels, embedTokens } from './encoders.js';
import { parseManifest } from './manifest.js';
import { loadModelFile, pruneModelCache } from './model_store.js';

let ort = null;
const models = new Map(); // id -> { spec, session, status, ready: Promise }
// Settles once the model list is known, so a request sent right after start() waits for it.
let listKnown;
const modelListKnown = new Promise((resolve) => { listKnown = resolve; });
// One ONNX Runtime Web instance runs one session call at a time: everything goes through this chain.
let runtimeQueue = Promise.resolve();
const serially = (task) => {
  const result = runtimeQueue.then(task);
  runtimeQueue = result.catch(() => {});
  return result;
};

function post(message, transfer = []) {
  self.postMessage(message, transfer);
}

// Progress arrives per network chunk; the page needs at most ~10 updates a second.
function publisher(id) {
  let last = 0;
  return (fields, force = false) => {
    const entry = models.get(id);
    Object.assign(entry.status, fields);
    const now = performance.now();
    if (!force && entry.status.phase === 'downloading' && now - last < 100 &&
        entry.status.bytesDone < entry.status.bytesTotal) return;
    last = now;
    post({ type: 'status', model: id, status: { ...entry.status } });
  };
}

async function loadModel(spec) {
  const publish = publisher(spec.id);
  const t0 = performance.now();
  try {
    const file = await loadModelFile(spec, (p) => publish({ state: 'loading', ...p }));
    publish({ state: 'loading', phase: 'starting', fromCache: file.fromCache, source: file.source }, true);
    const session = await serially(() => ort.InferenceSession.create(file.data, {
      executionProviders: ['wasm'],
      graphOptimizationLevel: 'all',
    }));
    if (!session.outputNames.includes(spec.output)) {
      await session.release();
      throw new Error(`the model has no output '${spec.output}' (it has ${session.outputNames.join(', ')})`);
    }
    models.get(spec.id).session = session;
    publish({
      state: 'ready', phase: 'ready', fromCache: file.fromCache, source: file.source,
      message: file.note, loadMillis: Math.round(performance.now() - t0),
    }, true);
  } catch (e) {
    publish({ state: 'fallback', phase: 'failed', message: e.message }, true);
  }
}

function initialStatus(spec) {
  return {
    state: 'loading', phase: 'waiting', name: spec.name, label: spec.label || spec.id, kind: spec.kind,
    dims: spec.dims, sha256: spec.file.sha256, bytesDone: 0, bytesTotal: spec.file.bytes,
    fromCache: false, source: '', message: '',
  };
}

async function init({ manifestUrl, ortBase, threads, only }) {
  const t0 = performance.now();
  // WebCrypto and Cache Storage exist only in secure contexts (https, or this machine).
  if (!self.isSecureContext) {
    post({ type: 'problem', message: 'On-device matching needs the page to be served over https: without it, downloaded models cannot be verified' });
    listKnown();
    return;
  }
  let manifest;
  try {
    const response = await fetch(manifestUrl, { cache: 'no-cache', credentials: 'same-origin' });
    if (!response.ok) throw new Error(`${new URL(manifestUrl).pathname} answered HTTP ${response.status}`);
    manifest = parseManifest(await response.json(), response.url || manifestUrl);
  } catch (e) {
    post({ type: 'problem', message: `The model list could not be read: ${e.message}` });
    listKnown();
    return;
  }
  const specs = manifest.models.filter((m) => !only || only.includes(m.id));
  for (const spec of specs) models.set(spec.id, { spec, session: null, status: initialStatus(spec), ready: null });
  post({ type: 'manifest', label: manifest.label, models: specs.map((s) => ({ id: s.id, status: initialStatus(s) })) });

  try {
    ort = await import(new URL('ort.wasm.min.mjs', ortBase).href);
    ort.env.wasm.wasmPaths = ortBase;
    ort.env.wasm.numThreads = threads || (self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1);
    ort.env.wasm.proxy = false; // this worker already is the proxy
  } catch (e) {
    for (const spec of specs) {
      publisher(spec.id)({ state: 'fallback', phase: 'failed', message: `ONNX Runtime Web could not start (${e.message})` }, true);
    }
    listKnown();
    return;
  }
  post({
    type: 'runtime', threads: ort.env.wasm.numThreads, crossOriginIsolated: self.crossOriginIsolated,
    ortVersion: ort.env.versions.web, startMillis: Math.round(performance.now() - t0),
  });
  // One after the other: the first model (the one ranking needs first) is usable soonest.
  let chain = Promise.resolve();
  for (const spec of specs) {
    chain = chain.then(() => loadModel(spec));
    models.get(spec.id).ready = chain;
  }
  listKnown();
  await chain;
  await pruneModelCache(specs.filter((s) => s.file.sha256).map((s) => s.file.sha256));
}

async function readyModel(id, kind) {
  await modelListKnown;
  const entry = models.get(id);
  if (!entry) throw Object.assign(new Error(`no model '${id}' in the manifest`), { fallback: true });
  if (entry.spec.kind !== kind) throw new Error(`model '${id}' is a ${entry.spec.kind} model, not ${kind}`);
  await entry.ready;
  if (!entry.session) throw Object.assign(new Error(entry.status.message || 'the model is not available'), { fallback: true });
  return entry;
}

async function decodeImage(source) {
  if (typeof source !== 'string') return source; // { width, height, data } already RGBA
  const response = await fetch(source, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${source} answered HTTP ${response.status}`);
  const bitmap = await createImageBitmap(await response.blob(), { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return context.getImageData(0, 0, canvas.width, canvas.height);
}

async function handleTokens({ model, batch }) {
  const { spec, session } = await readyModel(model, 'text');
  const t0 = performance.now();
  const vectors = await serially(() => embedTokens(ort, session, spec, batch));
  return { vectors, rows: batch.rows, dims: spec.dims, failed: [], millis: performance.now() - t0 };
}

// A product image that cannot be fetched or decoded gets a zero vector ("no signal") and is
// listed in `failed`; the other images are still embedded.
async function handleImages({ model, images }) {
  const { spec, session } = await readyModel(model, 'image');
  const t0 = performance.now();
  const per = 3 * spec.image.crop * spec.image.crop;
  const pixels = new Float32Array(images.length * per);
  const failed = [];
  const decoded = await Promise.allSettled(images.map(decodeImage));
  decoded.forEach((d, i) => {
    try {
      if (d.status === 'rejected') throw d.reason;
      pixels.set(clipPixelValues(d.value.data, d.value.width, d.value.height, spec.image), i * per);
    } catch (e) {
      failed.push({ index: i, message: e.message || String(e) });
    }
  });
  const vectors = await serially(() => embedPixels(ort, session, spec, pixels, images.length));
  for (const f of failed) vectors.fill(0, f.index * spec.dims, (f.index + 1) * spec.dims);
  return { vectors, rows: images.length, dims: spec.dims, failed, millis: performance.now() - t0 };
}

self.onmessage = async ({ data }) => {
  if (data.type === 'init') {
    await init(data);
    return;
  }
  const handler = data.type === 'embedTokens' ? handleTokens : data.type === 'embedImages' ? handleImages : null;
  if (!handler) return;
  try {
    const result = await handler(data);
    const sha256 = models.get(data.model).spec.file.sha256;
    post({ type: 'result', id: data.id, ...result, model: data.model, sha256 }, [result.vectors.buffer]);
  } catch (e) {
    post({ type: 'error', id: data.id, message: e.message || String(e), fallback: !!e.fallback });
  }
};
