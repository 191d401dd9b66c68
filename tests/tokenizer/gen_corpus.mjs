#!/usr/bin/env node
// Writes tests/tokenizer/corpus/generated.jsonl, the machine-made part of the tokenizer parity
// corpus (the hand-picked part is corpus/handpicked.jsonl). Seeded, so re-running it rewrites the
// same file; change SEED or the counts only on purpose, and commit the result.
//
//   node tests/tokenizer/gen_corpus.mjs
//
// Sections: every BMP code point and every assigned supplementary code point (in space-separated
// chunks, so each one reaches the model as its own word), random mixes of the scripts and symbols
// where tokenizers disagree, very long words, and 10 kB inputs that must be truncated.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SEED = 20240611;
const RANDOM_MIXES = 1600;
const DENSE_MIXES = 300;
const here = dirname(fileURLToPath(import.meta.url));
const output = resolve(here, 'corpus/generated.jsonl');

// mulberry32: tiny, seedable, good enough to pick test data.
let state = SEED >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (n) => Math.floor(random() * n);
const pick = (list) => list[int(list.length)];
const ch = (...cps) => String.fromCodePoint(...cps);
const range = (a, b) => Array.from({ length: b - a + 1 }, (_, i) => ch(a + i));

const lines = [];
const add = (text, why) => {
  if (!text.isWellFormed()) throw new Error('corpus strings must be well-formed Unicode');
  lines.push(JSON.stringify(why ? { why, text } : { text }));
};

// ---- 1. Code point sweeps.
const isSurrogate = (cp) => cp >= 0xd800 && cp <= 0xdfff;
const assigned = /^\p{Assigned}$/u;
const sweep = (from, to, step, keep) => {
  let chunk = [];
  for (let cp = from; cp <= to; cp += step) {
    if (isSurrogate(cp) || !keep(cp)) continue;
    chunk.push(ch(cp));
    if (chunk.length === 256) {
      add(chunk.join(' '));
      chunk = [];
    }
  }
  if (chunk.length) add(chunk.join(' '));
};
sweep(0x0000, 0xffff, 1, () => true);
sweep(0x10000, 0x1ffff, 1, (cp) => assigned.test(ch(cp)));
sweep(0x20000, 0x3ffff, 211, (cp) => assigned.test(ch(cp)));
sweep(0xe0000, 0xe01ff, 1, (cp) => assigned.test(ch(cp)));
sweep(0xf0000, 0x10ffff, 4099, () => true);

// ---- 2. Random mixes.
const banking = ['£1,000.50', 'APR', '19.9%', 'ISA', 'Cash ISA', 'Stocks & Shares ISA', 'mortgage', 'remortgage',
  'overdraft', 'credit card', 'Platinum Rewards Card', 'buy-to-let', 'LTV 85%', 'fixed-rate', '2-year fix',
  'tracker', 'SVR', 'BoE base rate', '€2.500,00', '$12.99/mo', '¥3,000', '₹50,000', 'CHF 1’000.–', '0% p.a.',
  'AER 4.75%', 'sort code 12-34-56', 'IBAN GB29 NWBK 6016 1331 9268 19', 'e-mail: jane.doe@example.co.uk',
  'https://bank.example/offers?id=42&ref=home', 'premium current account', 'student account',
  'pension drawdown', 'life insurance', 'home & contents cover', 'Travel Money', 'contactless', 'Apple Pay',
  'don\'t', "it's", "they're", "we've", "I'm", "you'll", "he'd", "JOHN'S", 'O’Brien', 'l\'épargne'];
const latin = [...range(0x41, 0x5a), ...range(0x61, 0x7a), ...range(0xc0, 0xff), ...range(0x100, 0x17f),
  'ß', 'ẞ', 'ﬁ', 'ﬀ', 'İ', 'ı', 'ǅ', 'ǈ', 'Ǳ'];
const combining = [...range(0x300, 0x36f), '\u1ab0', '\u1dc0', '\u20d0', '\u20e3', '\ufe20', '\u0f71', '\u0f72',
  '\u0f74', '\u0f80', '\u0344', '\u0345', '\u0334', '\u0327', '\u05b0', '\u064b', '\u0e31', '\u302a'];
const greek = [...range(0x391, 0x3a9), ...range(0x3b1, 0x3c9), 'ς', 'Σ', 'Σ', 'Σ', 'ΐ', 'ᾳ', 'ᾼ', 'Ὰ', 'ͅ'];
const scripts = [...range(0x410, 0x44f), 'Ё', 'ё', ...range(0x5d0, 0x5ea), ...range(0x627, 0x64a),
  ...range(0x905, 0x939), '्', 'ि', ...range(0xe01, 0xe2e), 'ำ', '่', ...range(0x10d0, 0x10f0)];
const cjk = [...'中文字银行贷款利率储蓄信用卡账户汇款', '𠀀', '𪚲', '𫝀', '丽', '豈', '﨎', '々', '〆', '〇'];
const japanese = [...'あいうえおかきくけこがぎぐぱぴゃゅょっアイウエオカキクケコガギグパピャュョッー', ...'ｱｲｳｶﾞﾊﾟ', 'ゔ', 'ヴ', '\u3099', '\u309a'];
const korean = [...'한국어은행대출금리저축신용카드계좌', '\u1100', '\u1161', '\u11a8', '\u1112', '\u1175', '\u11c2', 'ㄱ', 'ㅏ'];
const emoji = ['😀', '👍', '👍🏽', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇬🇧', '🇪🇺', '1️⃣', '#️⃣', '❤️', '❤', '\ufe0f', '\ufe0e', '💳', '🏦',
  '💷', '💶', '🧑🏿‍💻', '👩‍❤️‍💋‍👨', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '\u200d', '🫠', '🪙'];
const symbols = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~', '£', '€', '¥', '₹', '₿', '¢', '©', '®', '™', '°', '±', '×', '÷',
  '§', '¶', '•', '…', '‰', '′', '″', '“', '”', '‘', '’', '«', '»', '‹', '›', '—', '–', '‐', '¡', '¿', '·', '¬', '¦',
  '½', '¼', '²', '³', '¹', 'Ⅻ', '①', '∑', '√', '∞', '≠', '≤', '→', '⇒', '★', '♥', '♠', '〜', '～', '。', '、', '「', '」',
  '！', '？', '（', '）', '＄', '％', '〒'];
const spaces = [' ', ' ', ' ', '  ', '\t', '\n', '\r\n', '\r', '\u00a0', '\u1680', '\u2000', '\u2003', '\u2009', '\u200a',
  '\u202f', '\u205f', '\u3000', '\u2028', '\u2029', '\u0085', '\ufeff', '\u200b', '\u200c', '\u200e', '\u180e',
  '\u000b', '\u000c'];
const controls = ['\u0000', '\u0001', '\u0007', '\u001b', '\u007f', '\u0080', '\u009f', '\u00ad', '\u2060',
  '\u2066', '\u202e', '\ufffd', '\ufff9', '\ue000', '\uf8ff', '\u{f0000}', '\u{e0001}', '\u{1d173}', '\ufffe', '\uffff'];
const specials = ['[CLS]', '[SEP]', '[PAD]', '[MASK]', '[UNK]', '[cls]', '[ SEP ]', '<|endoftext|>', '<|startoftext|>',
  '<|ENDOFTEXT|>', '<|StartOfText|>', '<|endoftext', '|>', '<|', "'s", "'S", "'re", "'ll", "''", "'"];
const digits = [...'0123456789', '٣', '۴', '५', '๗', '１', '２', '³', '⅔', '٫', '.', ','];
const anyCodePoint = () => {
  for (;;) {
    const cp = int(0x110000);
    if (!isSurrogate(cp)) return ch(cp);
  }
};
const pools = [
  [banking, 6], [latin, 6], [combining, 3], [greek, 3], [scripts, 2], [cjk, 2], [japanese, 2], [korean, 2],
  [emoji, 2], [symbols, 4], [spaces, 5], [controls, 1], [specials, 1], [digits, 3],
];
const weighted = pools.flatMap(([pool, weight]) => Array(weight).fill(pool));
const word = () => Array.from({ length: 1 + int(8) }, () => (random() < 0.02 ? anyCodePoint() : pick(pick(weighted)))).join('');
for (let i = 0; i < RANDOM_MIXES; ++i) {
  const words = Array.from({ length: int(30) }, word);
  let text = words.join(pick([' ', ' ', ' ', '', '\n', ', ']));
  const form = int(10);
  if (form === 0) text = text.normalize('NFD');
  else if (form === 1) text = text.normalize('NFC');
  else if (form === 2) text = text.toUpperCase();
  else if (form === 3) text = text.normalize('NFKD');
  add(text);
}

// Dense mixes without word breaks, where context decides: composition across characters, Hangul
// jamo, final sigma, contractions and special tokens glued to symbols, random code points.
const jamo = [...range(0x1100, 0x1112), ...range(0x1161, 0x1175), ...range(0x11a8, 0x11c2), '가', '각', '힣'];
const glue = ["'", "'s", "'t", "'re", "'ve", "'m", "'ll", "'d", '<|', '|>', '<|endoftext|>', '<|startoftext|>', '[SEP]'];
const densePools = [[combining, 4], [jamo, 2], [greek, 2], [latin, 3], [glue, 2], [symbols, 2], [spaces, 1],
  [controls, 1], [digits, 1], [emoji, 1]].flatMap(([pool, weight]) => Array(weight).fill(pool));
for (let i = 0; i < DENSE_MIXES; ++i) {
  add(Array.from({ length: 1 + int(60) }, () => (random() < 0.2 ? anyCodePoint() : pick(pick(densePools)))).join(''));
}

// ---- 3. Word length limits: BERT gives [UNK] to words of more than 100 characters.
for (const n of [1, 2, 50, 99, 100, 101, 150, 400]) {
  add('a'.repeat(n), `a word of ${n} characters`);
  add('é'.repeat(n), `${n} accented characters (one code point each, two after NFD)`);
  add('e\u0301'.repeat(Math.ceil(n / 2)), 'decomposed accents around the 100-character limit');
  add('中'.repeat(n), `${n} CJK ideographs: each its own word for BERT`);
  add('😀'.repeat(n), `${n} emoji: two UTF-16 units and four UTF-8 bytes each`);
}
add('supercalifragilisticexpialidocious'.repeat(4), 'a 136-letter word');
add('Pneumonoultramicroscopicsilicovolcanoconiosis-'.repeat(3), 'long words joined by hyphens');

// ---- 4. 10 kB inputs: truncation to 128 (BERT) and 77 (CLIP) with the end token kept.
const tenKb = (make) => {
  let s = '';
  while (s.length < 10000) s += make();
  return s;
};
add(tenKb(() => pick(banking) + ' '), '10 kB of banking phrases');
add(tenKb(() => word() + pick([' ', '\n', '. '])), '10 kB of random words');
add(tenKb(() => 'x'), '10 kB single word: BERT [UNK], CLIP one huge BPE word (not cached)');
add(tenKb(() => pick(emoji)), '10 kB of emoji without spaces');
add(tenKb(() => pick(cjk)), '10 kB of CJK');
add(tenKb(() => String(int(10))), '10 kB of digits: CLIP splits every digit');
add(tenKb(() => pick(symbols)), '10 kB of punctuation');
add(tenKb(() => pick(spaces)), '10 kB of whitespace only');
add(tenKb(() => 'The customer holds a Cash ISA and a 2-year fixed-rate mortgage at 4.5% APR. '), '10 kB repeated sentence');

writeFileSync(output, lines.join('\n') + '\n');
console.log(`wrote ${output}: ${lines.length} strings`);
