// The page around the wasm app: sign-in form (a real form, so password managers, mobile keyboards
// and screen readers work), app start-up, and the accessible mirror of what the canvas shows.
// window.bankShell is what the app calls (the contract is in wasm/platform/browser.h).
const $ = (id) => document.getElementById(id);
let app = null;
let textWanted = false;
let sawKeypress = false;

function text(tag, content) {
  const el = document.createElement(tag);
  el.textContent = content;
  return el;
}

function applyLink(product) {
  const a = text('a', 'View and apply: ' + product.name);
  a.href = product.link; a.target = '_blank'; a.rel = 'noopener noreferrer';
  return a;
}

// A real button for each action the canvas offers, so keyboard and screen-reader users (and the
// tests) can act without pixels; each calls the same C++ function as the canvas button.
function actionButton(label, action) {
  const b = text('button', label);
  b.type = 'button';
  b.addEventListener('click', action);
  return b;
}

function feedbackButtons(customer, productId, role) {
  const events = role === 'banker'
    ? [['Mark offered', 'offered'], ['Mark accepted', 'accepted']]
    : [['Interested', 'interested'], ['Not for me', 'not_for_me']];
  return events.map(([label, event]) => {
    const b = actionButton(label, () => app.ccall('app_feedback', null, ['number', 'string', 'string'],
      [customer.id, productId, event]));
    b.dataset.event = event;
    b.setAttribute('aria-pressed', String(customer.feedback && customer.feedback[productId] === event));
    return b;
  });
}

// One customer's ranked products with their reasons, as an ordered list.
function recommendationList(customer, catalog, role) {
  if (customer.ranking_error) return text('p', customer.ranking_error);
  const list = document.createElement('ol');
  list.className = 'recommendations';
  for (const r of customer.recommendations || []) {
    const li = document.createElement('li');
    li.dataset.productId = r.id;
    li.append(text('h3', r.name + ' (' + r.category + ')'));
    const reasons = document.createElement('ul');
    reasons.append(...r.reasons.map((reason) => text('li', reason)));
    li.append(reasons);
    const insight = customer.insight || {};
    if (insight.explanations_status === 'loading') li.append(text('p', 'Writing a personal explanation…'));
    if (insight.explanations && insight.explanations[r.id]) {
      const p = text('p', insight.explanations[r.id]);
      p.className = 'explanation';
      p.dataset.provider = insight.explanations_provider;
      li.append(p);
    }
    const product = catalog.find((p) => p.id === r.id);
    if (product) li.append(applyLink(product));
    li.append(...feedbackButtons(customer, r.id, role));
    const found = insight.links && insight.links[r.id];
    if (found && found.status === 'ready') {
      const more = document.createElement('ul');
      more.className = 'more-links';
      more.append(...found.links.map((l) => {
        const item = document.createElement('li');
        const a = text('a', l.title + (l.site ? ' (' + l.site + ')' : ''));
        a.href = l.link; a.target = '_blank'; a.rel = 'noopener noreferrer';
        item.append(a);
        return item;
      }));
      li.append(more);
    } else {
      const b = actionButton('More ways to apply', () => app.ccall('app_more_links', null, ['number', 'string'],
        [customer.id, r.id]));
      b.className = 'more-links-button';
      li.append(b);
    }
    list.append(li);
  }
  const section = document.createElement('div');
  const insight = customer.insight || {};
  if (insight.digest) {
    const digest = text('p', 'In short: ' + insight.digest);
    digest.className = 'digest';
    digest.dataset.provider = insight.digest_provider;
    section.append(digest);
  }
  section.append(list);
  if ((customer.why_not || []).length) {
    section.append(text('h3', 'Why not these?'));
    const whyNot = document.createElement('ul');
    whyNot.className = 'why-not';
    whyNot.append(...customer.why_not.map((w) => text('li', w)));
    section.append(whyNot);
  }
  return section;
}

const shell = {
  // Tests and assistive technology read the app through this state, never through pixels.
  state: { phase: 'starting' },

  showSignIn(visible, message) {
    $('loading').hidden = true;
    $('sign-in').hidden = !visible;
    $('sign-in-message').textContent = message || '';
    if (visible) $('username').focus();
  },

  signedOut() {
    $('password').value = '';
  },

  // No proxy here (a static file server) but the demo bundle is: offer the demo, no sign-in.
  offerDemo() {
    $('loading').hidden = true;
    $('sign-in').hidden = false;
    $('sign-in-form').hidden = true;
    $('demo-chooser').hidden = false;
    $('demo-customer').focus();
  },

  // The app's frame-time percentile in ms (tests/e2e/bench_ui.mjs); reset clears the record.
  frameTimePercentile(p, reset) {
    return app ? app._app_frame_time_percentile(p, reset ? 1 : 0) : 0;
  },

  // While the app edits text, a hidden input holds the focus so phones show their keyboard.
  wantTextInput(wanted) {
    textWanted = wanted;
    const input = $('text-input');
    if (wanted) input.focus({ preventScroll: true });
    else if (document.activeElement === input) input.blur();
  },

  updateMirror(state) {
    shell.state = state;
    // Time to first recommendation, for tests/e2e/bench_ui.mjs (and any real-user monitoring).
    const recs = state.profile ? state.profile.recommendations : (state.book || []).find((c) => c.recommendations);
    if (recs && !performance.getEntriesByName('first-recommendation').length) performance.mark('first-recommendation');
    if (state.text_model && state.text_model.stage === 'active' && !performance.getEntriesByName('model-ranking').length) {
      performance.mark('model-ranking');
    }
    document.body.dataset.phase = state.phase;
    $('mirror-status').textContent = state.status || '';
    const profile = $('mirror-profile');
    profile.replaceChildren();
    const role = state.user ? state.user.role : '';
    if (state.profile) {
      profile.append(text('h2', 'Recommended for ' + state.profile.name));
      profile.append(recommendationList(state.profile, state.catalog || [], role));
    }
    const products = $('mirror-products');
    products.replaceChildren(...(state.catalog || []).map((p) => {
      const li = document.createElement('li');
      li.dataset.productId = p.id;
      li.append(text('span', p.name + ' (' + p.category + ') '));
      li.append(applyLink(p));
      return li;
    }));
    const customers = $('mirror-customers');
    customers.replaceChildren(...(state.book || []).map((c) => {
      const li = text('li', c.name + ' — ' + (c.occupation || '') + (c.last_feedback ? ' — ' + c.last_feedback : ''));
      li.dataset.customerId = String(c.id);
      if (state.selected_customer === c.id) {
        li.setAttribute('aria-current', 'true');
        li.append(recommendationList(c, state.catalog || [], role));
      } else {
        li.append(actionButton('Open ' + c.name, () => app._app_open_customer(c.id)));
      }
      return li;
    }));
    $('mirror-notice').textContent = state.notice || '';
    $('mirror-notice').dataset.problem = String(!!state.notice_problem);
    $('mirror-demo').hidden = !state.demo;
    $('mirror-banker-actions').hidden = role !== 'banker';
    if (state.phase !== 'starting') $('loading').hidden = true;
  },
};
window.bankShell = shell;

async function signIn(event) {
  event.preventDefault();
  const button = $('sign-in-button');
  button.disabled = true;
  $('sign-in-message').textContent = '';
  try {
    const r = await fetch('/api/login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: $('username').value, password: $('password').value }),
    });
    if (r.ok) {
      $('password').value = '';
      shell.showSignIn(false, '');
      app._app_on_signed_in();
    } else {
      let message = 'Sign-in failed.';
      try { message = (await r.json()).error.message || message; } catch (e) { /* keep default */ }
      $('sign-in-message').textContent = message;
    }
  } catch (e) {
    $('sign-in-message').textContent = 'The bank could not be reached. Please try again.';
  } finally {
    button.disabled = false;
  }
}

// Text for the app from the hidden input. Desktop keys already reach the app as keypress events
// (GLFW listens on the window), so text that comes with a keypress of the same key stroke is not
// forwarded again; text without one (on-screen keyboards, IMEs, dictation) is. A key stroke ends
// at keyup, so a stray keypress elsewhere never swallows later text. The input is emptied after
// each event.
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
  window.addEventListener('paste', (e) => {
    const t = e.clipboardData && e.clipboardData.getData('text/plain');
    if (t && app) app.ccall('app_paste', null, ['string'], [t]);
  });
}

function connectMirrorActions() {
  $('demo-customer').addEventListener('click', () => { $('sign-in').hidden = true; app._app_start_demo(0); });
  $('demo-banker').addEventListener('click', () => { $('sign-in').hidden = true; app._app_start_demo(1); });
  $('mirror-export').addEventListener('click', () => app._app_export_next_best_actions());
  $('mirror-theme').addEventListener('click', () => app._app_set_dark_theme(shell.state.theme === 'dark' ? 0 : 1));
  $('mirror-sign-out').addEventListener('click', () => app._app_sign_out());
  $('mirror-open-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const id = Number($('mirror-customer-id').value);
    if (Number.isInteger(id) && id > 0) app._app_open_customer(id);
  });
  $('mirror-interests-form').addEventListener('submit', (e) => {
    e.preventDefault();
    app.ccall('app_set_interests', null, ['string'], [$('mirror-interests').value]);
  });
}

// A module runs once the page is parsed but before the deferred app script after it
// (app/bank_app.js, which defines createBankApp); DOMContentLoaded waits for both.
window.addEventListener('DOMContentLoaded', async () => {
  $('sign-in-form').addEventListener('submit', signIn);
  connectTextInput();
  connectMirrorActions();
  try {
    app = await window.createBankApp({
      canvas: $('canvas'),
      locateFile: (file) => '/app/' + file,
    });
  } catch (e) {
    $('loading').replaceChildren(text('p', 'Northwind Bank could not start in this browser: ' + e));
  }
});
