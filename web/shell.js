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
        profile.append(text('h2', state.profile.name));
        profile.append(text('p', 'Interests: ' + state.profile.interests.join(', ')));
        profile.append(text('p', 'Products held: ' + state.profile.products_held.join(', ')));
      }
      const products = $('mirror-products');
      products.replaceChildren(...(state.catalog || []).map((p) => {
        const li = document.createElement('li');
        li.dataset.productId = p.id;
        li.append(text('span', p.name + ' (' + p.category + ') '));
        const a = text('a', 'View and apply');
        a.href = p.link; a.target = '_blank'; a.rel = 'noopener noreferrer';
        li.append(a);
        return li;
      }));
      const customers = $('mirror-customers');
      customers.replaceChildren(...(state.book || []).map((c) => {
        const li = text('li', c.name + ' — ' + (c.occupation || ''));
        li.dataset.customerId = String(c.id);
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
