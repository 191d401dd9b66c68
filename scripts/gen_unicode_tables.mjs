#!/usr/bin/env node
// Writes shared/text/unicode_tables.cpp: the Unicode data the tokenizers need, taken from the
// Node.js that runs this script. The reference tokenizers (@huggingface/transformers) run on V8 and
// ICU, so asking V8 itself (regex \p{...}, String.prototype.normalize, toLowerCase) is the only way
// to be sure the C++ side agrees with them on every code point, whatever Unicode version Debian's
// unicode-data package happens to carry. Before writing anything, the script re-implements the
// C++ algorithms on top of the derived tables and checks them against V8 exhaustively; it refuses
// to write tables that disagree.
//
// Usage: node scripts/gen_unicode_tables.mjs [output.cpp]   (run from anywhere)
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const output = process.argv[2] ?? resolve(repo, 'shared/text/unicode_tables.cpp');

const MAX_CODE_POINT = 0x10ffff;
const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
const ch = (...cps) => String.fromCodePoint(...cps);
const cps = (s) => Array.from(s, (c) => c.codePointAt(0));
const isSurrogate = (cp) => cp >= 0xd800 && cp <= 0xdfff;
const isHangulSyllable = (cp) => cp >= HANGUL_FIRST && cp <= HANGUL_LAST;
const hex = (n) => '0x' + n.toString(16).toUpperCase();

function* allCodePoints() {
  for (let cp = 0; cp <= MAX_CODE_POINT; ++cp) if (!isSurrogate(cp)) yield cp;
}

// ---- Properties: one bit per class the tokenizers test. Order must match unicode_tables.h.
const PROPERTIES = [
  ['Letter', /^\p{L}$/u],                        // CLIP split: [\p{L}]+
  ['Number', /^\p{N}$/u],                        // CLIP split: [\p{N}]
  ['Punctuation', /^\p{P}$/u],                   // BERT pre-tokenizer: \p{P} (+ ASCII symbols in code)
  ['NonspacingMark', /^\p{Mn}$/u],               // BERT strip_accents: remove \p{Mn} after NFD
  ['Control', /^[\p{Cc}\p{Cf}\p{Co}\p{Cs}]$/u],  // BERT clean_text: is_control
  ['WhiteSpace', /^\p{White_Space}$/u],          // CLIP normalizer/split: Oniguruma \s -> \p{White_Space}
  ['JsSpace', /^\s$/u],                          // ECMAScript \s and String.prototype.trim (BERT, ByteLevel)
  ['Cased', /^\p{Cased}$/u],                     // Final_Sigma context of toLowerCase
  ['CaseIgnorable', /^\p{Case_Ignorable}$/u],    // Final_Sigma context of toLowerCase
];

function deriveProperties() {
  const flags = new Uint16Array(MAX_CODE_POINT + 1);
  for (let cp = 0; cp <= MAX_CODE_POINT; ++cp) {
    const s = ch(cp);
    let f = 0;
    PROPERTIES.forEach(([, re], bit) => { if (re.test(s)) f |= 1 << bit; });
    flags[cp] = f;
  }
  const runs = [];
  for (let cp = 0; cp <= MAX_CODE_POINT; ++cp) {
    if (cp === 0 || flags[cp] !== flags[cp - 1]) runs.push([cp, flags[cp]]);
  }
  return { flags, runs };
}

// ---- Lowercase: single code point mappings as runs {first, count, stride, delta}; the few
// mappings to several code points (U+0130) listed apart. Final sigma is context, done in code.
function deriveLowercase() {
  const single = [];
  const multi = [];
  for (const cp of allCodePoints()) {
    const lower = cps(ch(cp).toLowerCase());
    if (lower.length === 1 && lower[0] === cp) continue;
    if (lower.length === 1) single.push([cp, lower[0] - cp]);
    else multi.push([cp, lower]);
  }
  const runs = [];
  for (let i = 0; i < single.length; ) {
    const [first, delta] = single[i];
    let stride = 1;
    if (i + 1 < single.length && single[i + 1][1] === delta) {
      const gap = single[i + 1][0] - first;
      if (gap === 1 || gap === 2) stride = gap;
    }
    let count = 1;
    while (i + count < single.length && single[i + count][1] === delta &&
           single[i + count][0] === first + count * stride && count < 0xffff) ++count;
    runs.push([first, count, stride, delta]);
    i += count;
  }
  return { runs, multi };
}

// ---- Canonical decomposition (full, already recursive) of every code point except Hangul
// syllables, which are algorithmic.
function deriveDecompositions() {
  const entries = [];
  for (const cp of allCodePoints()) {
    if (isHangulSyllable(cp)) continue;
    const d = cps(ch(cp).normalize('NFD'));
    if (d.length !== 1 || d[0] !== cp) entries.push([cp, d]);
  }
  return entries;
}

// ---- Canonical combining class. V8 does not expose ccc, but canonical ordering does: NFD swaps
// two adjacent marks x y exactly when ccc(x) > ccc(y) > 0. Only the order of classes matters to
// NFD/NFC, so the table holds ranks (0 = starter, then 1, 2, ... in ccc order), not ccc values.
function deriveCombiningRanks() {
  const swaps = (x, y) => ch(x, y).normalize('NFD') === ch(y, x);
  const stable = [];
  for (const cp of allCodePoints()) if (ch(cp).normalize('NFD') === ch(cp)) stable.push(cp);
  // U+0334 has the lowest non-zero class (1): anything above 1 swaps with it. Class 1 itself is
  // found by composition: a mark of class 1..229 between "a" and U+0301 does not block "á".
  const nonStarters = stable.filter((cp) => cp !== 0x334 && (swaps(cp, 0x334) ||
      ch(0x61, cp, 0x301).normalize('NFC').startsWith('\u00e1')));
  nonStarters.push(0x334);
  const order = (x, y) => (swaps(x, y) ? 1 : swaps(y, x) ? -1 : 0);
  nonStarters.sort((x, y) => order(x, y) || x - y);
  const rank = new Map();
  let current = 0;
  nonStarters.forEach((cp, i) => {
    if (i === 0 || order(nonStarters[i - 1], cp) !== 0) ++current;
    rank.set(cp, current);
  });
  const ranges = [];
  for (const cp of [...rank.keys()].sort((a, b) => a - b)) {
    const last = ranges[ranges.length - 1];
    if (last && last[1] === cp - 1 && last[2] === rank.get(cp)) last[1] = cp;
    else ranges.push([cp, cp, rank.get(cp)]);
  }
  return { rank, ranges, classes: current };
}

// ---- Canonical composition pairs (first, second) -> composite, for primary composites only:
// a code point NFC keeps (so not excluded, not a singleton) that decomposes.
function deriveCompositions(decompositions) {
  const pairs = [];
  for (const [cp, d] of decompositions) {
    if (ch(cp).normalize('NFC') !== ch(cp)) continue;
    let found = null;
    for (let j = d.length - 1; j >= 1 && !found; --j) {
      const rest = d.filter((_, k) => k !== j);
      const first = cps(ch(...rest).normalize('NFC'));
      if (first.length === 1 && ch(first[0], d[j]).normalize('NFC') === ch(cp)) found = [first[0], d[j], cp];
    }
    if (!found) throw new Error(`no composition pair found for ${hex(cp)}`);
    pairs.push(found);
  }
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return pairs;
}

// ---- The algorithms of shared/text/unicode.cpp, in JS, to check the tables before writing them.
function makeModel({ flags, lowercase, decompositions, ranks, compositions }) {
  const lowerMap = new Map();
  for (const [first, count, stride, delta] of lowercase.runs) {
    for (let k = 0; k < count; ++k) lowerMap.set(first + k * stride, [first + k * stride + delta]);
  }
  for (const [cp, lower] of lowercase.multi) lowerMap.set(cp, lower);
  const decomp = new Map(decompositions);
  const rankOf = (cp) => ranks.rank.get(cp) ?? 0;
  const compose = new Map(compositions.map(([a, b, c]) => [a * 0x110000 + b, c]));
  const CASED = 1 << 7, IGNORABLE = 1 << 8;
  const S = { base: 0xac00, l: 0x1100, v: 0x1161, t: 0x11a7, lCount: 19, vCount: 21, tCount: 28 };
  const nCount = S.vCount * S.tCount;

  const lower = (input) => {
    const out = [];
    input.forEach((cp, i) => {
      if (cp === 0x3a3) {
        let before = false;
        for (let j = i - 1; j >= 0; --j) {
          if (flags[input[j]] & IGNORABLE) continue;
          before = (flags[input[j]] & CASED) !== 0;
          break;
        }
        let after = false;
        for (let j = i + 1; j < input.length; ++j) {
          if (flags[input[j]] & IGNORABLE) continue;
          after = (flags[input[j]] & CASED) !== 0;
          break;
        }
        out.push(before && !after ? 0x3c2 : 0x3c3);
        return;
      }
      out.push(...(lowerMap.get(cp) ?? [cp]));
    });
    return out;
  };
  const nfd = (input) => {
    const out = [];
    for (const cp of input) {
      if (isHangulSyllable(cp)) {
        const s = cp - S.base;
        out.push(S.l + Math.floor(s / nCount), S.v + Math.floor((s % nCount) / S.tCount));
        if (s % S.tCount) out.push(S.t + (s % S.tCount));
      } else {
        out.push(...(decomp.get(cp) ?? [cp]));
      }
    }
    // Stable insertion sort of each run of non-starters by rank (canonical ordering).
    for (let i = 1; i < out.length; ++i) {
      const r = rankOf(out[i]);
      if (r === 0) continue;
      let j = i;
      const cp = out[i];
      while (j > 0 && rankOf(out[j - 1]) > r) { out[j] = out[j - 1]; --j; }
      out[j] = cp;
    }
    return out;
  };
  const composePair = (a, b) => {
    if (a >= S.l && a < S.l + S.lCount && b >= S.v && b < S.v + S.vCount) {
      return S.base + ((a - S.l) * S.vCount + (b - S.v)) * S.tCount;
    }
    if (isHangulSyllable(a) && (a - S.base) % S.tCount === 0 && b > S.t && b < S.t + S.tCount) {
      return a + (b - S.t);
    }
    return compose.get(a * 0x110000 + b);
  };
  const nfc = (input) => {
    const s = nfd(input);
    if (s.length === 0) return s;
    let starterPos = rankOf(s[0]) === 0 ? 0 : -1;
    let lastRank = starterPos === 0 ? 0 : 256;
    let write = 1;
    for (let read = 1; read < s.length; ++read) {
      const cp = s[read];
      const r = rankOf(cp);
      const composite = starterPos >= 0 ? composePair(s[starterPos], cp) : undefined;
      if (composite !== undefined && (lastRank < r || lastRank === 0)) {
        s[starterPos] = composite;
        continue;
      }
      if (r === 0) starterPos = write;
      lastRank = r;
      s[write++] = cp;
    }
    s.length = write;
    return s;
  };
  return { lower, nfd, nfc };
}

function check(model, ranks, compositions) {
  const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
  const fail = (what, input, got, want) => {
    throw new Error(`${what} mismatch for [${input.map(hex)}]: tables give [${got.map(hex)}], V8 gives [${want.map(hex)}]`);
  };
  const verify = (input) => {
    const s = ch(...input);
    for (const [what, f, g] of [['NFD', model.nfd, (t) => t.normalize('NFD')],
                                ['NFC', model.nfc, (t) => t.normalize('NFC')],
                                ['lowercase', model.lower, (t) => t.toLowerCase()]]) {
      const got = f(input.slice());
      const want = cps(g(s));
      if (!same(got, want)) fail(what, input, got, want);
    }
  };
  let checked = 0;
  for (const cp of allCodePoints()) { verify([cp]); ++checked; }

  // Every base that composes with every mark, and every mark pair: ordering, blocking, composition.
  const marks = [...ranks.rank.keys()];
  const bases = [...new Set(compositions.map(([a]) => a))];
  for (const b of bases) for (const m of marks) { verify([b, m]); ++checked; }
  for (const m1 of marks) for (const m2 of marks) { verify([0x61, m1, m2]); ++checked; }

  // Random mixes of the characters where context matters: composition chains, Hangul jamo,
  // starters that compose with starters, Greek sigma next to cased / case-ignorable characters.
  let seed = 0x5eed;
  const random = () => { seed = (seed * 1103515245 + 12345) >>> 0; return seed / 2 ** 32; };
  const pick = (a) => a[Math.floor(random() * a.length)];
  const pool = [...bases, ...marks, ...compositions.map(([, , c]) => c), ...compositions.map(([, b]) => b),
    0x1100, 0x1161, 0x11a8, 0x11c2, 0xac00, 0xac01, 0xd7a3, 0x1112, 0x1175, 0x11a7,
    0x3a3, 0x3a3, 0x3a3, 0x3c3, 0x3c2, 0x391, 0x3b1, 0x130, 0x20, 0x31, 0x2e, 0x27, 0x345,
    0x2b0, 0x2b8, 0x1d2c, 0x300, 0xad, 0x200d, 0x1f600, 0x4e2d, 0x41, 0x61, 0x3a, 0xb7];
  for (let i = 0; i < 300000; ++i) {
    const input = Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(pool));
    verify(input);
    ++checked;
  }
  return checked;
}

// ---- C++ emission.
function table(rows, perLine) {
  const lines = [];
  for (let i = 0; i < rows.length; i += perLine) {
    lines.push('    ' + rows.slice(i, i + perLine).map((r) => `{${r.join(', ')}},`).join(' '));
  }
  return lines.join('\n');
}

function emit({ props, lowercase, decompositions, ranks, compositions, checked }) {
  const pool = [];
  const decompRows = decompositions.map(([cp, d]) => {
    const row = [hex(cp), pool.length, d.length];
    pool.push(...d);
    return row;
  });
  if (pool.length > 0xffff) throw new Error('decomposition pool exceeds uint16_t offsets');
  const poolLines = [];
  for (let i = 0; i < pool.length; i += 12) poolLines.push('    ' + pool.slice(i, i + 12).map(hex).join(', ') + ',');
  const multiRows = lowercase.multi.map(([cp, l]) => {
    if (l.length > 3) throw new Error(`lowercase of ${hex(cp)} longer than 3 code points`);
    return [hex(cp), `{${[...l, 0, 0].slice(0, 3).map(hex).join(', ')}}`];
  });
  return `// GENERATED by scripts/gen_unicode_tables.mjs - do not edit; re-run the script instead.
// Source: the Unicode data of Node.js ${process.version} (ICU ${process.versions.icu}, Unicode ${process.versions.unicode}),
// the runtime of the reference tokenizers. Checked against V8 on ${checked} inputs before writing.
#include "shared/text/unicode_tables.h"

namespace bank::unicode::tables {

// Property bits (see unicode_tables.h) from each first code point up to the next run's first.
const PropertyRun kPropertyRuns[] = {
${table(props.runs.map(([cp, f]) => [hex(cp), hex(f)]), 8)}
};
const std::size_t kPropertyRunCount = sizeof(kPropertyRuns) / sizeof(kPropertyRuns[0]);

const LowercaseRun kLowercaseRuns[] = {
${table(lowercase.runs.map(([a, n, s, d]) => [hex(a), n, s, d]), 6)}
};
const std::size_t kLowercaseRunCount = sizeof(kLowercaseRuns) / sizeof(kLowercaseRuns[0]);

const MultiLowercase kMultiLowercase[] = {
${table(multiRows, 4)}
};
const std::size_t kMultiLowercaseCount = sizeof(kMultiLowercase) / sizeof(kMultiLowercase[0]);

const char32_t kDecompositionPool[] = {
${poolLines.join('\n')}
};

const Decomposition kDecompositions[] = {
${table(decompRows, 6)}
};
const std::size_t kDecompositionCount = sizeof(kDecompositions) / sizeof(kDecompositions[0]);

// ${ranks.classes} distinct non-zero combining classes, as ranks in ccc order.
const CombiningRange kCombiningRanges[] = {
${table(ranks.ranges.map(([a, b, r]) => [hex(a), hex(b), r]), 6)}
};
const std::size_t kCombiningRangeCount = sizeof(kCombiningRanges) / sizeof(kCombiningRanges[0]);

const Composition kCompositions[] = {
${table(compositions.map((r) => r.map(hex)), 4)}
};
const std::size_t kCompositionCount = sizeof(kCompositions) / sizeof(kCompositions[0]);

}  // namespace bank::unicode::tables
`;
}

const started = Date.now();
const props = deriveProperties();
const lowercase = deriveLowercase();
const decompositions = deriveDecompositions();
const ranks = deriveCombiningRanks();
const compositions = deriveCompositions(decompositions);
const model = makeModel({ flags: props.flags, lowercase, decompositions, ranks, compositions });
const checked = check(model, ranks, compositions);
writeFileSync(output, emit({ props, lowercase, decompositions, ranks, compositions, checked }));
console.log(`wrote ${output}: ${props.runs.length} property runs, ${lowercase.runs.length} lowercase runs, ` +
  `${decompositions.length} decompositions, ${ranks.ranges.length} combining ranges (${ranks.classes} classes), ` +
  `${compositions.length} compositions; ${checked} inputs checked against V8 in ${(Date.now() - started) / 1000} s`);
