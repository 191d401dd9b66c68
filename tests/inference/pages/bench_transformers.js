// The benchmark's peer: @huggingface/transformers' feature-extraction pipeline (mean pooling,
// normalize) on the same MiniLM-shaped TEST MODEL file, everything served locally (never a CDN).
import { env, pipeline } from '/vendor/transformers/transformers.js';

env.allowLocalModels = true;
env.allowRemoteModels = false;
env.localModelPath = '/bench-models/';
env.useBrowserCache = false;
env.backends.onnx.wasm.wasmPaths = '/vendor/transformers-ort/';

let extractor = null;

window.benchTransformers = {
  // threads 0 keeps the library's default.
  async load(threads) {
    if (threads) env.backends.onnx.wasm.numThreads = threads;
    extractor = await pipeline('feature-extraction', 'minilm-shaped', { dtype: 'fp32', device: 'wasm' });
    return { threads: env.backends.onnx.wasm.numThreads, version: env.version };
  },
  async embed(texts) {
    const out = await extractor(texts, { pooling: 'mean', normalize: true });
    return { dims: out.dims, head: Array.from(out.data.slice(0, 4)) };
  },
  // Milliseconds per call, after one warm-up call.
  async time(texts, iterations) {
    await extractor(texts, { pooling: 'mean', normalize: true });
    const t0 = performance.now();
    for (let i = 0; i < iterations; i++) await extractor(texts, { pooling: 'mean', normalize: true });
    return (performance.now() - t0) / iterations;
  },
  tokenize(texts) {
    const t0 = performance.now();
    const enc = extractor.tokenizer(texts, { padding: true, truncation: true });
    return { ms: performance.now() - t0, dims: enc.input_ids.dims };
  },
};
