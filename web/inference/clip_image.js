// CLIP image preprocessing, bit-exact with Hugging Face's CLIPImageProcessor (the PIL path):
// RGBA composited onto white, shortest side resized to 224 with PIL's bicubic filter (PIL's
// fixed-point arithmetic, including its antialiasing support when shrinking), center crop 224x224,
// rescale by 1/255 and normalize with CLIP's mean/std in float32. Pure functions: the worker and the
// node reference both use this file, so the parity tests compare ONNX Runtime builds, and the unit
// tests pin the preprocessing itself.

export const CLIP_IMAGE = Object.freeze({
  shortest_edge: 224,
  crop: 224,
  resample: 'bicubic',
  rescale: 1 / 255,
  mean: [0.48145466, 0.4578275, 0.40821073],
  std: [0.26862954, 0.26130258, 0.27577711],
});

// Pillow's src/libImaging/Resample.c: coefficients in 22-bit fixed point for 8-bit images.
const PRECISION_BITS = 32 - 8 - 2;

function bicubic(x) {
  const a = -0.5;
  x = Math.abs(x);
  if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
  return 0;
}
const BICUBIC_SUPPORT = 2;

// Per output pixel: first input index, tap count and fixed-point weights (Pillow's precompute_coeffs
// followed by normalize_coeffs_8bpc).
function coefficients(inSize, outSize) {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = BICUBIC_SUPPORT * filterScale;
  const ksize = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Int32Array(outSize * ksize);
  const k = new Float64Array(ksize);
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    const ss = 1 / filterScale;
    // (int)(v + 0.5) truncates toward zero in C; v + 0.5 can be negative here.
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const xmax = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    let ww = 0;
    for (let x = 0; x < xmax; x++) {
      k[x] = bicubic((x + xmin - center + 0.5) * ss);
      ww += k[x];
    }
    for (let x = 0; x < xmax; x++) {
      const w = ww !== 0 ? k[x] / ww : k[x];
      weights[xx * ksize + x] = w < 0 ? Math.trunc(-0.5 + w * (1 << PRECISION_BITS))
        : Math.trunc(0.5 + w * (1 << PRECISION_BITS));
    }
    first[xx] = xmin;
    count[xx] = xmax;
  }
  return { first, count, weights, ksize };
}

function clip8(v) {
  if (v >= (1 << PRECISION_BITS) * 256) return 255;
  if (v <= 0) return 0;
  return v >> PRECISION_BITS;
}

// Pillow's two passes. Multiply-adds stay below 2^31 as in Pillow's int32 sums, so doubles hold
// them exactly and `| 0` then `>>` reproduce its rounding.
function resampleHorizontal(src, width, channels, outW, rowFirst, rows) {
  const { first, count, weights, ksize } = coefficients(width, outW);
  const out = new Uint8Array(outW * rows * channels);
  const half = 1 << (PRECISION_BITS - 1);
  for (let y = 0; y < rows; y++) {
    const row = (rowFirst + y) * width;
    for (let x = 0; x < outW; x++) {
      const base = x * ksize;
      for (let c = 0; c < channels; c++) {
        let sum = half;
        for (let t = 0; t < count[x]; t++) sum += src[(row + first[x] + t) * channels + c] * weights[base + t];
        out[(y * outW + x) * channels + c] = clip8(sum | 0);
      }
    }
  }
  return out;
}

// Coefficient bounds come from the original height, shifted to the rows the horizontal pass kept.
function resampleVertical(src, width, channels, inHeight, outH, shift) {
  const { first, count, weights, ksize } = coefficients(inHeight, outH);
  const out = new Uint8Array(width * outH * channels);
  const half = 1 << (PRECISION_BITS - 1);
  for (let y = 0; y < outH; y++) {
    const base = y * ksize;
    const y0 = first[y] - shift;
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let sum = half;
        for (let t = 0; t < count[y]; t++) sum += src[((y0 + t) * width + x) * channels + c] * weights[base + t];
        out[(y * width + x) * channels + c] = clip8(sum | 0);
      }
    }
  }
  return out;
}

// PIL Image.resize((outW, outH), BICUBIC) of an 8-bit image with `channels` interleaved channels.
export function resizeBicubic(pixels, width, height, channels, outW, outH) {
  const needH = outW !== width;
  const needV = outH !== height;
  if (!needH && !needV) return Uint8Array.from(pixels);
  if (!needH) return resampleVertical(pixels, width, channels, height, outH, 0);
  // Pillow resamples horizontally first, only the rows the vertical pass will read.
  const vert = coefficients(height, outH);
  const rowFirst = vert.first[0];
  const rowLast = vert.first[outH - 1] + vert.count[outH - 1];
  const rows = needV ? rowLast - rowFirst : height;
  const shift = needV ? rowFirst : 0;
  const horizontal = resampleHorizontal(pixels, width, channels, outW, shift, rows);
  return needV ? resampleVertical(horizontal, outW, channels, height, outH, shift) : horizontal;
}

// HF's convert_to_rgb: alpha-composite onto an opaque white background (Pillow's AlphaComposite.c
// arithmetic, exact for every alpha), then drop alpha. Input RGBA, not premultiplied.
export function rgbaToRgbOnWhite(rgba, width, height) {
  const out = new Uint8Array(width * height * 3);
  for (let i = 0, n = width * height; i < n; i++) {
    const a = rgba[i * 4 + 3];
    // With an opaque destination Pillow's coefficients reduce to a*128 and (255-a)*128.
    const coef1 = a * 128;
    const coef2 = 255 * 128 - coef1;
    for (let c = 0; c < 3; c++) {
      const tmp = rgba[i * 4 + c] * coef1 + 255 * coef2 + (0x80 << 7);
      out[i * 3 + c] = ((((tmp >>> 8) + tmp) >>> 8) >>> 7) & 0xff;
    }
  }
  return out;
}

// HF's get_resize_output_image_size(default_to_square=False): the short side becomes `edge`,
// the long side int(edge * long / short).
export function resizedSize(width, height, edge) {
  if (width <= height) return [edge, Math.trunc((edge * height) / width)];
  return [Math.trunc((edge * width) / height), edge];
}

// The whole CLIPImageProcessor on one RGBA image: returns float32 [3, crop, crop] (CHW).
export function clipPixelValues(rgba, width, height, config = CLIP_IMAGE) {
  if (!(width > 0 && height > 0) || rgba.length !== width * height * 4) {
    throw new Error(`image data is ${rgba.length} bytes, expected ${width} x ${height} x 4`);
  }
  const rgb = rgbaToRgbOnWhite(rgba, width, height);
  const [w, h] = resizedSize(width, height, config.shortest_edge);
  const resized = resizeBicubic(rgb, width, height, 3, w, h);
  const crop = config.crop;
  // HF's center_crop pads with zeros when the image is smaller than the crop (only possible for
  // an unusual config); the shortest side equals the crop size with CLIP's.
  const top = Math.floor((h - crop) / 2);
  const left = Math.floor((w - crop) / 2);
  const out = new Float32Array(3 * crop * crop);
  const f = Math.fround;
  const mean = config.mean.map(f);
  const std = config.std.map(f);
  for (let c = 0; c < 3; c++) {
    for (let y = 0; y < crop; y++) {
      const sy = y + top;
      for (let x = 0; x < crop; x++) {
        const sx = x + left;
        const inside = sy >= 0 && sy < h && sx >= 0 && sx < w;
        const v = inside ? resized[(sy * w + sx) * 3 + c] : 0;
        // numpy: (float64 pixel * scale) cast to float32, then float32 (x - mean) / std.
        out[(c * crop + y) * crop + x] = f(f(f(v * config.rescale) - mean[c]) / std[c]);
      }
    }
  }
  return out;
}
