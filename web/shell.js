// The page around the wasm app. It is usable before the app has arrived: it asks the proxy who is
// signed in and shows the sign-in form (web/sign_in.js), the demo chooser, or the page that says
// the bank's server cannot be reached (web/unreachable.js), while the app downloads behind it
// (web/app_loader.js). Once the app runs, the canvas and the accessible view (web/mirror.js) take
// over. window.bankShell is what the app calls (the contract is in wasm/platform/browser.h).
import { Unreachable, loadApp } from './app_loader.js';
import { createMirror } from './mirror.js';
import { createSignIn } from './sign_in.js';
import { createUnreachablePage } from './unreachable.js';

const $ = (id) => document.getElementById(id);
let app = null;
let demoChoice = null;  // chosen before the app had started: 0 customer, 1 banker
let textWanted = false;
let republishing = false;  // asked the app for the whole state (shell.updateMirror)
let sawKeypress = false;
const download = { done: 0, total: 0, showing: false };

function mark(name) {
  if (!performance.getEntriesByName(name).length) performance.mark(name);
}

// One screen at a time: a status card (connecting, signed in and waiting for the app), the
// unreachable page, the sign-in form or demo chooser, or the app itself. Only the app's screen
// lets the keyboard reach the canvas and the accessible view; its focus starts on the canvas.
function showScreen(name) {
  const was = document.body.dataset.screen;
  document.body.dataset.screen = name;
  for (const id of ['loading', 'unreachable', 'sign-in']) $(id).hidden = id !== name;
  const inApp = name === 'app';
  $('mirror').hidden = !inApp;
  $('skip-link').hidden = !inApp;
  $('canvas').inert = !inApp;
  const focused = document.activeElement;
  if (inApp && was !== 'app' && (!focused || focused === document.body || focused.closest('[hidden]'))) {
    $('canvas').focus({ preventScroll: true });
  }
}

function showProgress() {
  const bar = $('app-progress');
  bar.hidden = !download.showing;
  $('loading').querySelector('.spinner').hidden = download.showing;
  if (!download.showing) return;
  const mb = (n) => (n / 1e6).toFixed(1);
  if (download.total) {
    bar.value = Math.min(1, download.done / download.total);
    $('loading-detail').textContent = `Downloading the app: ${mb(download.done)} of ${mb(download.total)} MB.`;
  } else {
    bar.removeAttribute('value');  // indeterminate
    $('loading-detail').textContent = download.done ? `Downloading the app: ${mb(download.done)} MB so far.`
      : 'Downloading the app…';
  }
}

function showLoading(title, detail, withProgress = false) {
  $('loading-title').textContent = title;
  $('loading-detail').textContent = detail || '';
  download.showing = withProgress && !app;
  showProgress();
  showScreen('loading');
  $('loading-title').focus();
}

const signIn = createSignIn({
  onSignedIn() {
    if (app) {
      showLoading('Signed in', 'Opening your products…');
      app._app_on_signed_in();
    } else {
      // The app finds the session when it starts (GET /api/me).
      showLoading('Signed in', 'Downloading the app…', true);
    }
  },
});
const unreachable = createUnreachablePage({ show: () => showScreen('unreachable') });

function startDemo(banker) {
  if (app) {
    showLoading('Opening the demo', 'Loading the demo data…');
    app._app_start_demo(banker);
  } else {
    demoChoice = banker;
    showLoading('Opening the demo', 'Downloading the app…', true);
  }
}

const mirror = createMirror({
  feedback: (customerId, productId, event) => app.ccall('app_feedback', null, ['number', 'string', 'string'],
    [customerId, productId, event]),
  moreLinks: (customerId, productId) => app.ccall('app_more_links', null, ['number', 'string'], [customerId, productId]),
  openCustomer: (id) => app._app_open_customer(id),
  exportCsv: () => app._app_export_next_best_actions(),
  setInterests: (interests) => app.ccall('app_set_interests', null, ['string'], [interests]),
  toggleTheme: () => app._app_set_dark_theme(shell.state.theme === 'dark' ? 0 : 1),
  signOut: () => app._app_sign_out(),
  undo: () => app._app_undo_decline(),
  sortBook: (sort, descending) => app.ccall('app_sort_book', null, ['string', 'number'], [sort, descending ? 1 : 0]),
  toggleSegment: (segment) => app.ccall('app_toggle_segment', null, ['string'], [segment]),
  clearSegments: () => app._app_clear_segments(),
  close: () => $('canvas').focus({ preventScroll: true }),
});

// The app publishes its state as JSON text (wasm/flows/dom_mirror.cpp), and a banker's book as
// changes: the whole book ("book") only when it is another book, else "book_changes" ([{at, entry}]
// for the customers whose entry changed), and the table's rows (book_view.order and .shown, 10,000
// ids in a large book) only when they changed. Merged here into the last state, so that the state
// stays whole. null: these are changes to a book this page does not hold.
function merged(message, was) {
  const rowsOf = (view) => view && 'order' in view && 'shown' in view;
  const sameBook = was.book && was.book_generation === message.book_generation;
  if ('book_changes' in message) {
    if (!sameBook) return null;
    const { book_changes: changes, ...state } = message;
    state.book = was.book.slice();
    for (const { at, entry } of changes) state.book[at] = entry;
    message = state;
  }
  const view = message.book_view;
  if (view && !rowsOf(view)) {
    if (!sameBook || !rowsOf(was.book_view)) return null;
    if (!('order' in view)) view.order = was.book_view.order;
    if (!('shown' in view)) view.shown = was.book_view.shown;
  }
  return message;
}

const shell = {
  // Tests and assistive technology read the app through this state, never through pixels.
  state: { phase: 'starting' },

  showSignIn(visible, message) {
    if (!visible) {
      if (document.body.dataset.screen === 'sign-in') showLoading('Signed in', 'Opening your products…');
      return;
    }
    showScreen('sign-in');
    signIn.show(message);
    mark('sign-in-usable');
  },

  signedOut() {
    signIn.forgetPassword();
  },

  // No proxy here (a static file server) but the demo bundle is: offer the demo, no sign-in.
  offerDemo() {
    if (demoChoice !== null) return;  // chosen already; the app starts it as soon as it runs
    showScreen('sign-in');
    $('sign-in-form').hidden = true;
    $('demo-chooser').hidden = false;
    $('demo-customer').focus();
    mark('sign-in-usable');
  },

  showUnreachable() {
    unreachable.show();
  },

  // The app's frame-time percentile in ms (tests/e2e/bench_ui.mjs); reset clears the record.
  frameTimePercentile(p, reset) {
    return app ? app._app_frame_time_percentile(p, reset ? 1 : 0) : 0;
  },

  // Frames the app's loop ran and frames it drew on the canvas (it draws only a changed picture).
  frameCounts() {
    return app ? { run: app._app_frames_run(), drawn: app._app_frames_drawn() } : { run: 0, drawn: 0 };
  },

  // While the app edits text, a hidden input holds the focus so phones show their keyboard; when
  // the edit ends the focus goes back to the canvas, not to the page body.
  wantTextInput(wanted) {
    textWanted = wanted;
    const input = $('text-input');
    if (wanted) input.focus({ preventScroll: true });
    else if (document.activeElement === input) $('canvas').focus({ preventScroll: true });
  },

  updateMirror(text) {
    const message = JSON.parse(text);
    let state = merged(message, shell.state);
    if (!state && !republishing) {
      republishing = true;
      try {
        return app._app_publish_whole_state();  // publishes again, at once, with the whole book
      } finally {
        republishing = false;
      }
    }
    if (!state) {
      console.error('The app published changes to a book the page does not hold');
      state = message;
    }
    shell.state = state;
    // Time to first recommendation, for tests/e2e/bench_ui.mjs (and any real-user monitoring).
    const first = !performance.getEntriesByName('first-recommendation').length &&
      (state.profile ? state.profile.recommendations : (state.book || []).find((c) => c.recommendations));
    if (first) mark('first-recommendation');
    if (state.text_model && state.text_model.stage === 'active') mark('model-ranking');
    document.body.dataset.phase = state.phase;
    const shown = state.phase === 'loading' || state.phase === 'ready' || state.phase === 'failed';
    if (shown && document.body.dataset.screen !== 'unreachable') showScreen('app');
    mirror.update(state);
  },
};
window.bankShell = shell;

// Text for the app from the hidden input. Desktop keys already reach the app as keypress events
// (GLFW listens on the canvas and this input), so text that comes with a keypress of the same key
// stroke is not forwarded again; text without one (on-screen keyboards, IMEs, dictation) is. A key
// stroke ends at keyup, so a stray keypress elsewhere never swallows later text. The input is
// emptied after each event.
function connectTextInput() {
  const input = $('text-input');
  window.addEventListener('keydown', () => { sawKeypress = false; }, true);
  window.addEventListener('keypress', () => { sawKeypress = true; }, true);
  window.addEventListener('keyup', () => { sawKeypress = false; }, true);
  input.addEventListener('input', (e) => {
    if (!sawKeypress && e.data && app) app.ccall('app_text_input', null, ['string'], [e.data]);
    sawKeypress = false;
    input.value = '';
  });
  // Phones open their keyboard only for a focus inside a user gesture.
  $('canvas').addEventListener('touchend', () => { if (textWanted) input.focus({ preventScroll: true }); });
  // Only what is pasted into the app: a password pasted into the sign-in form stays out of it.
  window.addEventListener('paste', (e) => {
    if (e.target !== input && e.target !== $('canvas')) return;
    const t = e.clipboardData && e.clipboardData.getData('text/plain');
    if (t && app) app.ccall('app_paste', null, ['string'], [t]);
  });
}

// Who is signed in, asked before the app has arrived, so the right screen shows at once.
async function whoIsThere() {
  try {
    const r = await fetch('/api/me', { credentials: 'same-origin', cache: 'no-store' });
    if (r.ok) return 'signed-in';
    if (r.status === 404 || r.status === 405 || r.status === 501) {
      const demo = await fetch('demo/bundle.json', { method: 'HEAD', cache: 'no-store' }).catch(() => null);
      return demo && demo.ok ? 'demo' : 'unreachable';
    }
    return r.status >= 500 ? 'unreachable' : 'signed-out';
  } catch (e) {
    return 'unreachable';
  }
}

function startApp() {
  loadApp({
    canvas: $('canvas'),
    onProgress(done, total) {
      download.done = done;
      download.total = total;
      if (download.showing) showProgress();
    },
  }).then((started) => {
    app = started;
    mark('app-started');
    download.showing = false;
    if (demoChoice !== null) {
      const banker = demoChoice;
      demoChoice = null;
      app._app_start_demo(banker);
    }
  }, (e) => {
    if (e instanceof Unreachable) return unreachable.show();
    download.showing = false;
    showLoading('Northwind Bank could not start in this browser', String(e.message || e));
    $('loading').querySelector('.spinner').hidden = true;
  });
}

// The browser's colour scheme until the app, once started, applies its own toggle.
document.documentElement.dataset.theme = window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
connectTextInput();
$('demo-customer').addEventListener('click', () => startDemo(0));
$('demo-banker').addEventListener('click', () => startDemo(1));
showLoading('Connecting to Northwind Bank…', '');
startApp();
whoIsThere().then((who) => {
  if (shell.state.phase !== 'starting') return;  // the app was quicker and has said so itself
  if (who === 'signed-out') shell.showSignIn(true, '');
  else if (who === 'demo') shell.offerDemo();
  else if (who === 'unreachable') unreachable.show();
  else if (!app) showLoading('Welcome back', 'Downloading the app…', true);
});
