// The book worker's side of its messages (appended to app/book_worker.js by emcc --post-js; runs in
// the worker's global scope, after the emscripten module). The page (wasm/platform/book_worker.cpp)
// posts {type: 'setup' | 'job', text} and {type: 'cancel', generation}; the worker answers
// {type: 'ready'}, {type: 'failed', message} or {type: 'batch', text, at} (at: when it was ready,
// in ms since the epoch). Jobs run one per task, so
// a cancel that arrives while one runs drops the jobs still queued behind it.
(() => {
  const queue = [];
  let started = false;
  let cancelledBelow = 0;
  let scheduled = false;

  function call(name, text) {
    const size = lengthBytesUTF8(text) + 1;
    const ptr = _malloc(size);
    try {
      stringToUTF8(text, ptr, size);
      return UTF8ToString(Module['_' + name](ptr));
    } finally {
      _free(ptr);
    }
  }

  function handle(message) {
    if (message.type === 'setup') {
      const problem = call('book_worker_setup', message.text);
      postMessage(problem ? { type: 'failed', message: problem } : { type: 'ready' });
    } else if (message.type === 'job') {
      if (message.generation < cancelledBelow) return;
      const text = call('book_worker_rank', message.text);
      // When it was ready here: the page may be busy, and take it later (benchmarks compare).
      postMessage({ type: 'batch', text, at: performance.timeOrigin + performance.now() });
    }
  }

  function pump() {
    scheduled = false;
    if (!started || queue.length === 0) return;
    try {
      handle(queue.shift());
    } catch (e) {
      postMessage({ type: 'failed', message: 'the book worker stopped: ' + e });
      queue.length = 0;
      return;
    }
    schedule();
  }

  // The next job as its own task (a cancel can come in between), without setTimeout's 4 ms floor.
  const wake = new MessageChannel();
  wake.port1.onmessage = pump;

  function schedule() {
    if (scheduled || queue.length === 0) return;
    scheduled = true;
    wake.port2.postMessage(0);
  }

  self.onmessage = (event) => {
    const message = event.data || {};
    if (message.type === 'cancel') {
      cancelledBelow = Math.max(cancelledBelow, message.generation);
      return;
    }
    queue.push(message);
    schedule();
  };

  Module.onRuntimeInitialized = () => {
    started = true;
    schedule();
  };
})();
