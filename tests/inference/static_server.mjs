// A static file server with the proxy's security headers (CSP, COOP same-origin + COEP require-corp,
// so the page is cross-origin isolated and ONNX Runtime Web may use threads), for the inference
// tests and benchmarks. It is also the shape of a static demo host. Every request is logged.
//
//   node tests/inference/static_server.mjs [port]   serves the app's inference files and the test
//                                                   models, for trying things by hand
import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

export const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.json': 'application/json', '.onnx': 'application/octet-stream',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.css': 'text/css', '.txt': 'text/plain; charset=utf-8',
};

// Same policy as proxy/static_files.cpp.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; " +
  "connect-src 'self' blob: data:; img-src 'self' blob: data:; style-src 'self'; font-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// mounts: [[urlPrefix, folder], ...], most specific first. isolated=false drops COOP/COEP (a plain
// static host): the page then runs ONNX Runtime Web single-threaded. slow: { suffix, chunk, delayMs }
// sends matching files in small delayed pieces, so download progress is observable. host: a
// non-loopback address makes http pages insecure contexts, as on a real network without TLS.
export function startStaticServer({ mounts, isolated = true, port = 0, slow = null, host = '127.0.0.1' }) {
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    requests.push({ method: req.method, path: url.pathname, time: Date.now() });
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Cache-Control', 'no-cache');
    if (isolated) {
      res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
      res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    }
    const mount = mounts.find(([prefix]) => url.pathname.startsWith(prefix));
    let file = null;
    if (mount) {
      const rel = decodeURIComponent(url.pathname.slice(mount[0].length)) || 'index.html';
      file = path.join(path.resolve(mount[1]), rel);
      if (!file.startsWith(path.resolve(mount[1]) + path.sep)) file = null;
    }
    try {
      const stat = file && (await fs.stat(file));
      if (!stat || !stat.isFile()) throw new Error('not found');
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Content-Length': stat.size });
      if (req.method === 'HEAD') return res.end();
      if (slow && file.endsWith(slow.suffix)) {
        const data = await fs.readFile(file);
        for (let off = 0; off < data.length && !res.destroyed; off += slow.chunk) {
          res.write(data.subarray(off, off + slow.chunk));
          await new Promise((r) => setTimeout(r, slow.delayMs));
        }
        return res.end();
      }
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((resolve) => {
    server.listen(port, host, () => {
      const base = `http://${host}:${server.address().port}`;
      resolve({ base, requests, close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) });
    });
  });
}

// The mounts every inference page needs: the page files, our inference JS, ONNX Runtime Web.
export function inferenceMounts(extra = []) {
  return [
    ...extra,
    ['/inference/', path.join(repo, 'web/inference')],
    ['/vendor/onnxruntime-web/', path.join(repo, 'node_modules/onnxruntime-web/dist')],
    ['/', path.join(repo, 'tests/inference/pages')],
  ];
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const port = Number(process.argv[2] || 8090);
  const server = await startStaticServer({
    port,
    mounts: inferenceMounts([['/models/', path.join(repo, 'build/inference-models/tiny')]]),
  });
  console.log(`serving the inference test page at ${server.base}/ (Ctrl-C stops it)`);
}
