// window.bankInference: the page's entry to on-device SBERT/CLIP embeddings. Add it with one tag,
//   <script type="module" src="/inference/embedder.js"></script>
// then call bankInference.start(). The models load and run in a Web Worker (worker.js); this file
// keeps their status for the app (the C++ bridge in wasm/platform reads it every frame), shows a
// small progress panel and, when a model cannot be used, a notice saying why and that matching
// falls back to the built-in lexical encoder.
//
// API (all promises reject with an Error; error.fallback === true means "use the lexical encoder"):
//   start({ manifestUrl, ortBase, only, threads, panel }) -> Promise, settles when every model is
//       ready or has fallen back. Defaults: /models/manifest.json, /vendor/onnxruntime-web/, all
//       models, threads = cores (max 4) when cross-origin isolated else 1, panel shown.
//   status() -> { runtime, problem (concerns every model, e.g. no manifest), models: { id: { state: 'loading'|'ready'|'fallback',
//       phase, bytesDone, bytesTotal, fromCache, source, message, sha256, dims, label } } }
//   onStatus(listener(modelId, status)) -> unsubscribe function
//   embedTokens(modelId, { rows, seq, inputIds, attentionMask?, tokenTypeIds? }) -> { vectors
//       (Float32Array rows*dims, L2-normalized), rows, dims, sha256, millis }
//   embedImages(modelId, [url | ImageData-like]) -> { vectors, rows, dims, sha256, failed: [{index, message}] }
//   catalogEmbeddings(modelId, tokenBatch | [image urls]) -> same plus source: 'cache'|'build'|'computed';
//       vectors of the product catalog, reused across visits for the same model file and catalog.
import { catalogDigest, decodeBuildFile } from './catalog_vectors.js';

const VECTOR_CACHE = 'bank-vectors-v1';
const vectorKey = (model, sha256, digest) => `https://vector-cache.bank.invalid/${model}/${sha256}/${digest}`;

const state = {
  worker: null,
  started: null,
  options: null,
  runtime: null,
  problem: '',
  models: {},
  listeners: new Set(),
  pending: new Map(),
  nextId: 1,
  settle: null,
};

function emit(modelId) {
  renderPanel();
  for (const listener of state.listeners) {
    try {
      listener(modelId, modelId ? state.models[modelId] : null);
    } catch (e) {
      console.error('bankInference status listener failed:', e);
    }
  }
}

function allSettled() {
  const list = Object.values(state.models);
  return state.problem !== '' || (list.length > 0 && list.every((m) => m.state !== 'loading'));
}

function onWorkerMessage({ data }) {
  switch (data.type) {
    case 'manifest':
      for (const m of data.models) state.models[m.id] = m.status;
      if (data.models.length === 0) state.problem = 'The model list names no models.';
      emit(null);
      break;
    case 'problem':
      state.problem = data.message;
      emit(null);
      break;
    case 'runtime':
      state.runtime = { threads: data.threads, crossOriginIsolated: data.crossOriginIsolated, ortVersion: data.ortVersion };
      emit(null);
      break;
    case 'status':
      state.models[data.model] = data.status;
      emit(data.model);
      break;
    case 'result':
    case 'error': {
      const request = state.pending.get(data.id);
      if (!request) return;
      state.pending.delete(data.id);
      if (data.type === 'result') request.resolve(data);
      else request.reject(Object.assign(new Error(data.message), { fallback: data.fallback }));
      return;
    }
    default:
      return;
  }
  if (state.settle && allSettled()) state.settle();
}

function start(options = {}) {
  if (state.started) return state.started;
  state.options = {
    manifestUrl: new URL(options.manifestUrl || '/models/manifest.json', location.href).href,
    ortBase: new URL(options.ortBase || '/vendor/onnxruntime-web/', location.href).href,
    only: options.only || null,
    threads: options.threads || 0,
    panel: options.panel !== false,
  };
  state.started = new Promise((resolve) => { state.settle = resolve; });
  try {
    state.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'bank-inference' });
  } catch (e) {
    state.problem = `On-device matching could not start in this browser (${e.message}).`;
    emit(null);
    state.settle();
    return state.started;
  }
  state.worker.onmessage = onWorkerMessage;
  state.worker.onerror = (e) => {
    state.problem = `On-device matching stopped (${e.message || 'worker error'}).`;
    for (const id of Object.keys(state.models)) {
      if (state.models[id].state !== 'fallback') state.models[id] = { ...state.models[id], state: 'fallback', message: state.problem };
    }
    for (const request of state.pending.values()) request.reject(Object.assign(new Error(state.problem), { fallback: true }));
    state.pending.clear();
    emit(null);
    state.settle();
  };
  const { manifestUrl, ortBase, only, threads } = state.options;
  state.worker.postMessage({ type: 'init', manifestUrl, ortBase, only, threads });
  return state.started;
}

function request(message, transfer) {
  if (!state.worker) return Promise.reject(Object.assign(new Error('bankInference.start() was not called'), { fallback: true }));
  return new Promise((resolve, reject) => {
    const id = state.nextId++;
    state.pending.set(id, { resolve, reject });
    state.worker.postMessage({ ...message, id }, transfer);
  });
}

// Copies the caller's arrays (they may be views on the wasm heap, which can move) into transferable ones.
function embedTokens(model, batch) {
  const copy = {
    rows: batch.rows,
    seq: batch.seq,
    inputIds: Int32Array.from(batch.inputIds, Number),
    attentionMask: batch.attentionMask ? Int32Array.from(batch.attentionMask, Number) : undefined,
    tokenTypeIds: batch.tokenTypeIds ? Int32Array.from(batch.tokenTypeIds, Number) : undefined,
  };
  const transfer = [copy.inputIds.buffer];
  if (copy.attentionMask) transfer.push(copy.attentionMask.buffer);
  if (copy.tokenTypeIds) transfer.push(copy.tokenTypeIds.buffer);
  return request({ type: 'embedTokens', model, batch: copy }, transfer);
}

function embedImages(model, images) {
  return request({ type: 'embedImages', model, images: Array.from(images) });
}

async function openVectorCache() {
  try {
    return typeof caches === 'undefined' ? null : await caches.open(VECTOR_CACHE);
  } catch {
    return null;
  }
}

async function readBuildFile(model, sha256, digest, dims) {
  const url = new URL(`catalog/${model}.json`, state.options.manifestUrl);
  try {
    const response = await fetch(url, { cache: 'no-cache', credentials: 'same-origin' });
    if (!response.ok) return null;
    return decodeBuildFile(await response.json(), { model, modelSha256: sha256, digest, dims }).vectors;
  } catch {
    return null;
  }
}

// Resolves once the model is ready or has fallen back (or the model list failed).
function modelSettled(model) {
  return new Promise((resolve) => {
    const check = () => {
      const m = state.models[model];
      if (state.problem || (m && m.state !== 'loading') || (!m && Object.keys(state.models).length > 0)) {
        unsubscribe();
        resolve();
      }
    };
    const unsubscribe = onStatus(check);
    check();
  });
}

async function catalogEmbeddings(model, input) {
  start();
  await modelSettled(model);
  const status = state.models[model];
  if (!status || status.state !== 'ready') {
    throw Object.assign(new Error(status ? status.message || 'the model is not available' : `no model '${model}'`), { fallback: true });
  }
  const digest = await catalogDigest(model, input);
  const rows = Array.isArray(input) ? input.length : input.rows;
  const meta = { model, sha256: status.sha256, dims: status.dims, rows, digest, failed: [] };
  const cache = await openVectorCache();
  const key = vectorKey(model, status.sha256, digest);
  const hit = cache && (await cache.match(key));
  if (hit) {
    const vectors = new Float32Array(await hit.arrayBuffer());
    if (vectors.length === rows * status.dims) return { ...meta, vectors, source: 'cache' };
  }
  let result = { ...meta, vectors: await readBuildFile(model, status.sha256, digest, status.dims), source: 'build' };
  if (!result.vectors) {
    const computed = Array.isArray(input) ? await embedImages(model, input) : await embedTokens(model, input);
    result = { ...meta, vectors: computed.vectors, failed: computed.failed, source: 'computed' };
  }
  // An image that failed to load is not cached, so the next visit tries it again.
  if (cache && result.failed.length === 0) {
    for (const old of await cache.keys()) {
      if (old.url.startsWith(`https://vector-cache.bank.invalid/${model}/`)) await cache.delete(old);
    }
    await cache.put(key, new Response(result.vectors.slice().buffer, { headers: { 'Content-Type': 'application/octet-stream' } }));
  }
  return result;
}

function status() {
  return {
    runtime: state.runtime,
    problem: state.problem,
    models: Object.fromEntries(Object.entries(state.models).map(([id, s]) => [id, { ...s }])),
  };
}

function onStatus(listener) {
  state.listeners.add(listener);
  return () => state.listeners.delete(listener);
}

// --- the progress panel and fallback notice (role=status, so screen readers hear it too) ---

const megabytes = (b) => (b / 1e6).toFixed(1);

function element(tag, style, text) {
  const el = document.createElement(tag);
  Object.assign(el.style, style);
  if (text !== undefined) el.textContent = text;
  return el;
}

function panelRoot() {
  let root = document.getElementById('inference-status');
  if (root) return root;
  root = element('section', {
    position: 'fixed', right: '12px', bottom: '12px', maxWidth: '380px', zIndex: '20', padding: '10px 14px',
    background: 'rgba(255,255,255,0.96)', color: '#1b1f24', border: '1px solid #c8ced6', borderRadius: '8px',
    font: '13px/1.4 system-ui, sans-serif', boxShadow: '0 2px 10px rgba(0,0,0,0.15)',
  });
  root.id = 'inference-status';
  root.setAttribute('role', 'status');
  root.setAttribute('aria-live', 'polite');
  root.setAttribute('aria-label', 'On-device matching models');
  document.body.append(root);
  return root;
}

function renderPanel() {
  if (!state.options || !state.options.panel || typeof document === 'undefined' || !document.body) return;
  const root = panelRoot();
  const list = Object.entries(state.models);
  const loading = list.filter(([, m]) => m.state === 'loading');
  const fallback = list.filter(([, m]) => m.state === 'fallback');
  const children = [];
  if (loading.length > 0) {
    children.push(element('p', { margin: '0 0 6px', fontWeight: '600' }, 'Preparing on-device matching…'));
    for (const [id, m] of loading) {
      const row = element('div', { margin: '4px 0' });
      row.dataset.model = id;
      const bar = element('progress', { width: '100%' });
      bar.max = m.bytesTotal || 1;
      bar.value = m.bytesDone || 0;
      bar.setAttribute('aria-label', m.label);
      const what = m.phase === 'verifying' ? 'checking' : m.phase === 'starting' ? 'starting' : m.fromCache ? 'from this device' : 'downloading';
      row.append(element('div', {}, `${m.label}: ${megabytes(m.bytesDone)} of ${megabytes(m.bytesTotal)} MB, ${what}`), bar);
      children.push(row);
    }
  }
  const notices = [];
  if (state.problem) notices.push(state.problem);
  for (const [, m] of fallback) notices.push(`${m.label} is unavailable: ${m.message.replace(/\.$/, '')}.`);
  if (notices.length > 0) {
    const notice = element('div', { marginTop: children.length ? '8px' : '0' });
    notice.id = 'inference-notice';
    for (const n of notices) notice.append(element('p', { margin: '0 0 4px' }, n));
    notice.append(element('p', { margin: '0', fontWeight: '600' },
      'Recommendations still work: they use the built-in word-matching encoder instead.'));
    children.push(notice);
  }
  root.replaceChildren(...children);
  root.hidden = children.length === 0;
}

window.bankInference = { start, status, onStatus, embedTokens, embedImages, catalogEmbeddings };
