// Deterministic inputs shared by the inference tests and benchmarks: tokenized batches shaped like
// the app's tokenizers produce them, and product-like test images as PNG files and raw RGBA.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
// Where scripts/make_test_models.py wrote the TEST MODELS (ctest passes its build folder).
export const modelsDir = path.resolve(process.env.BANK_TEST_MODELS || path.join(repo, 'build/inference-models'));

// A small linear congruential generator: the same numbers on every machine and run.
export function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// rows sentences of 3..maxLen tokens, padded to the longest: BERT [CLS] ... [SEP] 0-padded for
// MiniLM; CLIP <|startoftext|> ... <|endoftext|> padded with <|endoftext|> for CLIP text.
export function tokenBatch(model, rows, seed, maxLen = 24) {
  const rnd = random(seed);
  const clip = model === 'clip-text';
  const [bos, eos, pad, vocab] = clip ? [49406, 49407, 49407, 49405] : [101, 102, 0, 30522];
  const lengths = Array.from({ length: rows }, () => 3 + Math.floor(rnd() * (maxLen - 2)));
  const seq = clip ? 77 : Math.max(...lengths);
  const inputIds = new Int32Array(rows * seq).fill(pad);
  const attentionMask = new Int32Array(rows * seq);
  lengths.forEach((len, r) => {
    for (let t = 0; t < len; t++) {
      inputIds[r * seq + t] = t === 0 ? bos : t === len - 1 ? eos : 1000 + Math.floor(rnd() * (vocab - 1000));
      attentionMask[r * seq + t] = 1;
    }
  });
  const batch = { rows, seq, inputIds, attentionMask };
  if (!clip) batch.tokenTypeIds = new Int32Array(rows * seq);
  return batch;
}

// A batch where every row has exactly `seq` tokens (benchmarks).
export function fullBatch(rows, seq, seed) {
  const rnd = random(seed);
  const inputIds = new Int32Array(rows * seq);
  for (let r = 0; r < rows; r++) {
    for (let t = 0; t < seq; t++) inputIds[r * seq + t] = t === 0 ? 101 : t === seq - 1 ? 102 : 1000 + Math.floor(rnd() * 29000);
  }
  return { rows, seq, inputIds, attentionMask: new Int32Array(rows * seq).fill(1), tokenTypeIds: new Int32Array(rows * seq) };
}

// Opaque RGBA test pictures: smooth shading, hard edges and a few random pixels, so resampling,
// cropping and channel order all show in the embedding.
export function testImage(width, height, seed) {
  const rnd = random(seed);
  const data = new Uint8Array(width * height * 4);
  const cx = width * rnd();
  const cy = height * rnd();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const inDisc = (x - cx) ** 2 + (y - cy) ** 2 < (Math.min(width, height) / 3) ** 2;
      data[i] = inDisc ? 230 : Math.round(255 * x / width);
      data[i + 1] = Math.round(127 + 100 * Math.sin((x + y) / (7 + seed)));
      data[i + 2] = (x >> 4) % 2 === (y >> 4) % 2 ? 40 : 200;
      if (rnd() < 0.01) data[i + 1] = Math.floor(rnd() * 256);
      data[i + 3] = 255;
    }
  }
  return { width, height, data };
}

function crc32(bytes) {
  return zlib.crc32(bytes);
}

function chunk(type, body) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

// 8-bit RGBA PNG, no color profile (browsers then decode it to exactly these bytes).
export function encodePng({ width, height, data }) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) Buffer.from(data.buffer, data.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// The parity images: landscape (shrunk), portrait (enlarged), square; written as PNG files.
export function writeTestImages(folder) {
  mkdirSync(folder, { recursive: true });
  const images = [testImage(320, 200, 1), testImage(150, 260, 2), testImage(224, 224, 3)];
  images.forEach((image, i) => writeFileSync(path.join(folder, `product-${i}.png`), encodePng(image)));
  return images.map((image, i) => ({ ...image, file: `product-${i}.png` }));
}
