// The page around the wasm app: sign-in form (a real form, so password managers, mobile keyboards
// and screen readers work), app start-up, and the accessible mirror of what the canvas shows.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  let app = null;

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

  // One customer's ranked products with their reasons, as an ordered list.
  function recommendationList(customer, catalog) {
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
      const product = catalog.find((p) => p.id === r.id);
      if (product) li.append(applyLink(product));
      list.append(li);
    }
    return list;
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

    updateMirror(state) {
      shell.state = state;
      document.body.dataset.phase = state.phase;
      $('mirror-status').textContent = state.status || '';
      const profile = $('mirror-profile');
      profile.replaceChildren();
      if (state.profile) {
        profile.append(text('h2', 'Recommended for ' + state.profile.name));
        profile.append(recommendationList(state.profile, state.catalog || []));
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
        const li = text('li', c.name + ' — ' + (c.occupation || ''));
        li.dataset.customerId = String(c.id);
        if (c.recommendations) li.append(recommendationList(c, state.catalog || []));
        return li;
      }));
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

  window.addEventListener('DOMContentLoaded', async () => {
    $('sign-in-form').addEventListener('submit', signIn);
    try {
      app = await window.createBankApp({
        canvas: $('canvas'),
        locateFile: (file) => '/app/' + file,
      });
    } catch (e) {
      $('loading').replaceChildren(text('p', 'Northwind Bank could not start in this browser: ' + e));
    }
  });
})();
