// The book worker's side of its messages (appended to app/book_worker.js by emcc --post-js; runs in
// the worker's global scope, after the emscripten module). The page (wasm/platform/book_worker.cpp)
// posts {type: 'forget'} (the user signed out, or another's data is coming), {type: 'answer', path,
// bytes} (the /api/catalog or /api/ranking-model answer as it came), {type: 'job', text},
// {type: 'book', bytes, generation, slot, workers} (the /api/book answer as it came; ArrayBuffers
// transferred) and {type: 'cancel', generation}; the worker answers {type: 'ready'} (its ranker is
// built from both answers), {type: 'failed', message} or {type: 'batch', bytes, at} (the batch
// document's UTF-8 bytes, an ArrayBuffer transferred; at: when it was ready, in ms since the
// epoch). It ranks a few customers per task (a batch: at most BATCH_MOST customers or about
// BATCH_MS of work), so a cancel or a new book that arrives meanwhile is read before the next
// batch, and the page never has a large batch to read at once.
(() => {
  const BATCH_MOST = 64;
  const BATCH_MS = 30;
  const waiting = [];  // messages that came before the module was ready
  let started = false;
  let scheduled = false;

  function withText(text, use) {
    const size = lengthBytesUTF8(text) + 1;
    const ptr = _malloc(size);
    try {
      stringToUTF8(text, ptr, size);
      return use(ptr);
    } finally {
      _free(ptr);
    }
  }

  function withBytes(buffer, use) {
    const bytes = new Uint8Array(buffer);
    const ptr = _malloc(bytes.length + 1);
    try {
      HEAPU8.set(bytes, ptr);
      HEAPU8[ptr + bytes.length] = 0;
      return use(ptr, bytes.length);
    } finally {
      _free(ptr);
    }
  }

  function fail(message) {
    postMessage({ type: 'failed', message });
  }

  function handle(message) {
    if (message.type === 'forget') {
      _book_worker_forget();
    } else if (message.type === 'answer') {
      if (!(message.bytes instanceof ArrayBuffer)) return fail('it was given no answer to read');
      const problem = withText(String(message.path), (path) => withBytes(message.bytes, (p, n) =>
        UTF8ToString(_book_worker_answer(path, p, n))));
      if (problem) return fail('the ranking inputs it was given could not be used: ' + problem);
      if (_book_worker_ready()) postMessage({ type: 'ready' });
    } else if (message.type === 'book') {
      if (!(message.bytes instanceof ArrayBuffer)) return fail('it was given no book to rank');
      const problem = withBytes(message.bytes, (p, n) =>
        UTF8ToString(_book_worker_book(p, n, message.generation, message.slot, message.workers)));
      if (problem) fail('the book it was given could not be read: ' + problem);
    } else if (message.type === 'job') {
      const problem = withText(message.text, (p) => UTF8ToString(_book_worker_job(p)));
      if (problem) fail(problem);
    } else if (message.type === 'cancel') {
      _book_worker_cancel(message.generation);
    }
  }

  function pump() {
    scheduled = false;
    if (!_book_worker_has_work()) return;
    const batch = _book_worker_rank_some(BATCH_MOST, BATCH_MS);
    const length = _book_worker_answer_length();
    if (length) {
      // Its bytes as written, transferred: the page copies them into its memory as they are.
      // `at`: when it was ready here; the page may be busy, and take it later (benchmarks compare).
      const bytes = HEAPU8.slice(batch, batch + length);
      postMessage({ type: 'batch', bytes: bytes.buffer, at: performance.timeOrigin + performance.now() }, [bytes.buffer]);
    }
    schedule();
  }

  // The next batch as its own task (messages are read in between), without setTimeout's 4 ms floor.
  const wake = new MessageChannel();
  wake.port1.onmessage = () => {
    try {
      pump();
    } catch (e) {
      fail('the book worker stopped: ' + e);
    }
  };

  function schedule() {
    if (scheduled || !started) return;
    scheduled = true;
    wake.port2.postMessage(0);
  }

  function receive(message) {
    try {
      handle(message);
    } catch (e) {
      return fail('the book worker stopped: ' + e);
    }
    schedule();
  }

  self.onmessage = (event) => {
    const message = event.data || {};
    if (started) receive(message);
    else waiting.push(message);
  };

  Module.onRuntimeInitialized = () => {
    started = true;
    for (const message of waiting.splice(0)) receive(message);
  };
})();
