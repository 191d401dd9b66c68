#!/usr/bin/env node
// Tokenizes the parity corpus (corpus/*.jsonl) with the reference implementation,
// @huggingface/transformers, from the tokenizer files the app ships (models/tokenizers/), with
// network access disabled, and writes one JSON line per string for tokenizer_parity to compare.
//
//   node tests/tokenizer/reference.mjs <output.jsonl>
//
// Per string and tokenizer it records the untruncated ids and what the model gets: for BERT
// truncation to 128, for CLIP truncation and padding to 77. transformers.js truncates by cutting
// the array, which drops the final [SEP] / <|endoftext|>; the Python tokenizers the models were
// trained with keep it, and so does the C++ tokenizer. The expected input_ids therefore put the
// end token back in the last position; `end_token_restored` marks the strings where that applied.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutoTokenizer, env } from '@huggingface/transformers';

const here = dirname(fileURLToPath(import.meta.url));
const output = process.argv[2];
if (!output) {
  console.error('usage: node reference.mjs <output.jsonl>');
  process.exit(2);
}

env.allowLocalModels = true;
env.allowRemoteModels = false;
env.localModelPath = resolve(here, '../../models/tokenizers') + '/';

const BERT_MAX_LENGTH = 128;
const bert = await AutoTokenizer.from_pretrained('all-MiniLM-L6-v2');
const clip = await AutoTokenizer.from_pretrained('clip-vit-base-patch32');

const corpusDir = resolve(here, 'corpus');
const texts = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.jsonl'))
  .sort()
  .flatMap((f) => readFileSync(resolve(corpusDir, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l).text));

function reference(tokenizer, text, options, endId) {
  const full = tokenizer(text, { return_tensor: false });
  const model = tokenizer(text, { return_tensor: false, truncation: true, ...options });
  const restored = full.input_ids.length > model.input_ids.filter((_, i) => model.attention_mask[i]).length;
  if (restored) model.input_ids[model.attention_mask.lastIndexOf(1)] = endId;
  return {
    ids: full.input_ids,
    input_ids: model.input_ids,
    attention_mask: model.attention_mask,
    ...(model.token_type_ids ? { token_type_ids: model.token_type_ids } : {}),
    end_token_restored: restored,
  };
}

const started = performance.now();
const lines = texts.map((text) => JSON.stringify({
  text,
  bert: reference(bert, text, { max_length: BERT_MAX_LENGTH }, bert.sep_token_id),
  clip: reference(clip, text, { padding: 'max_length' }, clip.eos_token_id),
}));
writeFileSync(output, lines.join('\n') + '\n');
console.log(`reference: ${texts.length} strings tokenized by @huggingface/transformers in ` +
  `${((performance.now() - started) / 1000).toFixed(1)} s -> ${output}`);
