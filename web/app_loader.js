// Downloads and starts the wasm app (app/bank_app.js, emscripten's -sMODULARIZE output, and
// app/bank_app.wasm) while the sign-in form is already usable, reporting the download's progress.
// The wasm is fetched here rather than by emscripten so its bytes can be counted; it still
// compiles while it streams in (instantiateStreaming).

// Raised when the files did not arrive at all, as opposed to arriving and failing to start.
export class Unreachable extends Error {}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Unreachable(`${src} could not be downloaded`));
    document.head.append(script);
  });
}

// The response's bytes as they arrive, counted. A compressed answer's Content-Length counts the
// compressed bytes; our proxy sends the size of the file itself in X-Uncompressed-Length.
async function countedWasm(url, onProgress) {
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (e) {
    throw new Unreachable(`${url} could not be downloaded`);
  }
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  const encoded = !!response.headers.get('Content-Encoding');
  const total = Number(response.headers.get('X-Uncompressed-Length')) ||
    (encoded ? 0 : Number(response.headers.get('Content-Length'))) || 0;
  let done = 0;
  onProgress(done, total);
  const counted = response.body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      done += chunk.byteLength;
      onProgress(done, total);
      controller.enqueue(chunk);
    },
  }));
  return new Response(counted, { headers: { 'Content-Type': 'application/wasm' } });
}

// Resolves with the started app module (main() has run); rejects with Unreachable when the files
// could not be downloaded, or another error when they could not start.
export function loadApp({ canvas, onProgress }) {
  const wasm = countedWasm('/app/bank_app.wasm', onProgress);
  wasm.catch(() => {});  // awaited below; not an unhandled rejection meanwhile
  return new Promise((resolve, reject) => {
    loadScript('/app/bank_app.js').then(() => window.createBankApp({
      canvas,
      locateFile: (file) => '/app/' + file,
      instantiateWasm(imports, receive) {
        wasm.then((response) => WebAssembly.instantiateStreaming(response, imports))
          .then((result) => receive(result.instance, result.module), reject);
        return {};
      },
    })).then(resolve, reject);
  });
}
