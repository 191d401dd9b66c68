// Reads models/manifest.json (format documented in models/README.md): checks every field the loader
// and the pipelines rely on and resolves each source against the manifest's own URL, so a relative
// source such as "local/Xenova/all-MiniLM-L6-v2/" works under any prefix the app is served from.

const KINDS = new Set(['text', 'image']);
const POOLINGS = new Set(['mean', 'none']);
const SHA256 = /^[0-9a-f]{64}$/;

function fail(where, message) {
  throw new Error(`models/manifest.json, ${where}: ${message}`);
}

function checkModel(m, i, manifestUrl) {
  const where = `model ${i + 1}${m && m.id ? ` (${m.id})` : ''}`;
  if (!m || typeof m !== 'object') fail(where, 'is not an object');
  if (typeof m.id !== 'string' || !/^[a-z0-9-]+$/.test(m.id)) fail(where, "'id' must be lower-case letters, digits and '-'");
  if (m.label !== undefined && typeof m.label !== 'string') fail(where, "'label' must be text");
  if (!KINDS.has(m.kind)) fail(where, `'kind' must be one of ${[...KINDS].join(', ')}`);
  const f = m.file;
  if (!f || typeof f.path !== 'string' || !f.path || f.path.startsWith('/') || f.path.includes('..')) {
    fail(where, "'file.path' must be a relative path inside each source");
  }
  if (!Number.isInteger(f.bytes) || f.bytes <= 0) fail(where, "'file.bytes' must be the file's size in bytes");
  if (f.sha256 !== null && !(typeof f.sha256 === 'string' && SHA256.test(f.sha256))) {
    fail(where, "'file.sha256' must be 64 lower-case hex digits, or null while not yet pinned");
  }
  if (!Array.isArray(m.sources) || m.sources.length === 0) fail(where, "'sources' must list at least one folder URL");
  const sources = m.sources.map((s) => {
    if (typeof s !== 'string' || !s.endsWith('/')) fail(where, `source '${s}' must be a folder URL ending in '/'`);
    const url = new URL(s, manifestUrl);
    if (url.protocol !== 'https:' && url.origin !== new URL(manifestUrl).origin) {
      fail(where, `source '${s}' must be https or on this site`);
    }
    return url.href;
  });
  if (typeof m.output !== 'string' || !m.output) fail(where, "'output' must name the model output to read");
  if (!POOLINGS.has(m.pooling)) fail(where, `'pooling' must be one of ${[...POOLINGS].join(', ')}`);
  if (!Number.isInteger(m.dims) || m.dims <= 0) fail(where, "'dims' must be the embedding width");
  if (m.kind === 'image') {
    const im = m.image;
    if (!im || im.resample !== 'bicubic' || !(im.shortest_edge > 0) || !(im.crop > 0) || !(im.rescale > 0) ||
        !Array.isArray(im.mean) || im.mean.length !== 3 || !Array.isArray(im.std) || im.std.length !== 3) {
      fail(where, "'image' needs shortest_edge, crop, resample 'bicubic', rescale and 3-value mean and std");
    }
  }
  return {
    ...m,
    file: { ...f },
    urls: sources.map((s) => new URL(f.path, s).href),
  };
}

export function parseManifest(json, manifestUrl) {
  if (!json || typeof json !== 'object') fail('top level', 'is not a JSON object');
  if (json.schema_version !== 1) fail('top level', `schema_version ${json.schema_version} is not supported (expected 1)`);
  if (!Array.isArray(json.models)) fail('top level', "'models' must be a list");
  const models = json.models.map((m, i) => checkModel(m, i, manifestUrl));
  const ids = new Set();
  for (const m of models) {
    if (ids.has(m.id)) fail(`model ${m.id}`, 'the id appears twice');
    ids.add(m.id);
  }
  return { label: String(json.label || ''), models };
}
