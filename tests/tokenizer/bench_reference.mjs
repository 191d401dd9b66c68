#!/usr/bin/env node
// The same workloads as bench_tokenizer.cpp, run by the reference tokenizers
// (@huggingface/transformers under Node), for comparison. Same output format.
//
//   node bench_reference.mjs <models/tokenizers dir> <product_texts.txt> <corpus.jsonl>...
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';

const PRODUCT_REPEATS = 200; // as kProductRepeats in bench_tokenizer.cpp
const MIN_SECONDS = 1.0;
const [models, productFile, ...corpusFiles] = process.argv.slice(2);
env.allowLocalModels = true;
env.allowRemoteModels = false;
env.localModelPath = resolve(models) + '/';

const sentences = readFileSync(productFile, 'utf8').split('\n').filter((l) => l);
const products = Array.from({ length: PRODUCT_REPEATS }, () => sentences).flat();
const corpus = corpusFiles.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l).map((l) => JSON.parse(l).text));
const utf8 = (texts) => texts.reduce((n, t) => n + Buffer.byteLength(t), 0);

async function measure(name, folder) {
  let start = performance.now();
  const tokenizer = await AutoTokenizer.from_pretrained(folder);
  const loadMs = performance.now() - start;
  for (const [workload, texts] of [['product text', products], ['parity corpus', corpus]]) {
    for (const t of texts) tokenizer.encode(t); // warm-up
    let tokens = 0;
    let passes = 0;
    start = performance.now();
    do {
      for (const t of texts) tokens += tokenizer.encode(t).length;
      ++passes;
    } while ((performance.now() - start) / 1000 < MIN_SECONDS);
    const seconds = (performance.now() - start) / 1000;
    console.log(`RESULT ${name} "${workload}" ${texts.length * passes} ${utf8(texts) * passes} ${tokens} ${seconds} ${loadMs}`);
  }
}
await measure('WordPiece', 'all-MiniLM-L6-v2');
await measure('CLIP', 'clip-vit-base-patch32');
