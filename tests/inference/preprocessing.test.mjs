// CLIP image preprocessing (web/inference/clip_image.js) against independent references: numpy's
// float32 arithmetic for rescale + normalize (HF's exact formula), a double-precision evaluation of
// Pillow's bicubic kernel, ImageMagick's Catmull-Rom resize, and Pillow's alpha-composite rounding.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { CLIP_IMAGE, clipPixelValues, resizeBicubic, resizedSize, rgbaToRgbOnWhite } from '../../web/inference/clip_image.js';

function smoothImage(w, h, channels = 3) {
  const p = new Uint8Array(w * h * channels);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * channels;
      p[i] = Math.round(127 + 100 * Math.sin(x / 5 + y / 11));
      p[i + 1] = Math.round(127 + 100 * Math.cos(x / 3) * Math.sin(y / 4));
      p[i + 2] = Math.round(127 + 120 * Math.sin(x / 9) * Math.cos(y / 7));
      if (channels === 4) p[i + 3] = 255;
    }
  }
  return p;
}

test('the short side becomes 224 and the long side is truncated as HF does', () => {
  assert.deepEqual(resizedSize(640, 480, 224), [298, 224]);
  assert.deepEqual(resizedSize(480, 640, 224), [224, 298]);
  assert.deepEqual(resizedSize(224, 224, 224), [224, 224]);
  assert.deepEqual(resizedSize(97, 61, 224), [356, 224]);
  assert.deepEqual(resizedSize(10, 1000, 224), [224, 22400]);
});

test('rescale and normalize equal numpy float32 arithmetic bit for bit (all 256 levels)', () => {
  // 256 x 224 RGB image whose column x holds level x in every channel: no resize, crop keeps x 16..239.
  const rgba = new Uint8Array(256 * 224 * 4);
  for (let i = 0; i < 256 * 224; i++) rgba.fill(i % 256, i * 4, i * 4 + 3), (rgba[i * 4 + 3] = 255);
  const out = clipPixelValues(rgba, 256, 224);
  const script = `
import json, numpy as np
levels = np.arange(16, 240, dtype=np.uint8)
image = np.stack([levels] * 3, axis=-1)
x = (image.astype(np.float64) * (1 / 255)).astype(np.float32)
x = (x - np.array(${JSON.stringify(CLIP_IMAGE.mean)}, dtype=np.float32)) / np.array(${JSON.stringify(CLIP_IMAGE.std)}, dtype=np.float32)
print(json.dumps(x.astype(np.float32).T.tolist()))`;
  const expected = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8' }));
  for (let c = 0; c < 3; c++) {
    for (let x = 0; x < 224; x++) {
      assert.equal(out[c * 224 * 224 + x], Math.fround(expected[c][x]), `channel ${c}, level ${x + 16}`);
      assert.equal(out[c * 224 * 224 + 100 * 224 + x], out[c * 224 * 224 + x], 'every row of a column is equal');
    }
  }
});

test('center crop takes the middle of the long side (HF: top = (h - 224) // 2)', () => {
  // 301 x 224: no resize; left = (301 - 224) // 2 = 38. Column x holds level x / 2.
  const w = 301;
  const rgba = new Uint8Array(w * 224 * 4);
  for (let i = 0; i < w * 224; i++) rgba.fill((i % w) >> 1, i * 4, i * 4 + 3), (rgba[i * 4 + 3] = 255);
  const out = clipPixelValues(rgba, w, 224);
  const level = (v) => Math.round((v * CLIP_IMAGE.std[0] + CLIP_IMAGE.mean[0]) * 255);
  assert.equal(level(out[0]), 38 >> 1);
  assert.equal(level(out[223]), (38 + 223) >> 1);
  assert.equal(out.length, 3 * 224 * 224);
});

test('a resize with nothing to change returns the pixels unchanged', () => {
  const p = smoothImage(224, 300);
  assert.deepEqual(resizeBicubic(p, 224, 300, 3, 224, 300), p);
});

test('the fixed-point resize equals a double-precision evaluation of Pillow\'s kernel within rounding', () => {
  const bicubic = (x) => {
    x = Math.abs(x);
    if (x < 1) return (1.5 * x - 2.5) * x * x + 1;
    if (x < 2) return (((x - 5) * x + 8) * x - 4) * -0.5;
    return 0;
  };
  for (const [w, ow] of [[640, 358], [61, 224], [1000, 224]]) {
    const src = smoothImage(w, 1);
    const ours = resizeBicubic(src, w, 1, 3, ow, 1);
    const scale = w / ow;
    const fscale = Math.max(scale, 1);
    for (let xx = 0; xx < ow; xx++) {
      const center = (xx + 0.5) * scale;
      const lo = Math.max(Math.trunc(center - 2 * fscale + 0.5), 0);
      const hi = Math.min(Math.trunc(center + 2 * fscale + 0.5), w);
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        let weight = 0;
        for (let x = lo; x < hi; x++) {
          const k = bicubic((x - center + 0.5) / fscale);
          sum += k * src[x * 3 + c];
          weight += k;
        }
        const exact = Math.min(255, Math.max(0, sum / weight));
        assert.ok(Math.abs(ours[xx * 3 + c] - exact) <= 0.5 + 1e-4, `${w}->${ow} x=${xx} c=${c}: ${ours[xx * 3 + c]} vs ${exact}`);
      }
    }
  }
});

test('the resize agrees with ImageMagick\'s Catmull-Rom filter within 2 levels on smooth images', () => {
  for (const [w, h] of [[640, 400], [97, 61], [300, 500], [1000, 1000]]) {
    const [ow, oh] = resizedSize(w, h, 224);
    const src = smoothImage(w, h);
    const ours = resizeBicubic(src, w, h, 3, ow, oh);
    const magick = execFileSync('convert', ['-size', `${w}x${h}`, '-depth', '8', 'rgb:-', '-filter', 'Catrom',
      '-resize', `${ow}x${oh}!`, '-depth', '8', 'rgb:-'], { input: src });
    assert.equal(magick.length, ours.length);
    let max = 0;
    let total = 0;
    for (let i = 0; i < ours.length; i++) {
      const d = Math.abs(ours[i] - magick[i]);
      max = Math.max(max, d);
      total += d;
    }
    assert.ok(max <= 2, `${w}x${h}: max difference ${max}`);
    assert.ok(total / ours.length < 0.7, `${w}x${h}: mean difference ${total / ours.length}`);
  }
});

test('transparent pixels are composited onto white with Pillow\'s rounding', () => {
  const rgba = Uint8Array.from([0, 0, 0, 0, 10, 20, 30, 255, 0, 100, 200, 128, 255, 255, 255, 1]);
  // Pillow: alpha 128 over white -> 127, 177, 227 (computed with Pillow's integer formula).
  assert.deepEqual(Array.from(rgbaToRgbOnWhite(rgba, 4, 1)), [255, 255, 255, 10, 20, 30, 127, 177, 227, 255, 255, 255]);
  for (let c = 0; c < 256; c++) {
    const opaque = rgbaToRgbOnWhite(Uint8Array.from([c, c, c, 255]), 1, 1);
    assert.equal(opaque[0], c, 'an opaque pixel keeps its value');
  }
});

test('bad image data is refused with a message', () => {
  assert.throws(() => clipPixelValues(new Uint8Array(10), 2, 2), /expected 2 x 2 x 4/);
  assert.throws(() => clipPixelValues(new Uint8Array(0), 0, 0), /expected/);
});
