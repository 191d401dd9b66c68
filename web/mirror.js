// The accessible view: what the canvas shows, as landmarks, headings, lists, a table and real
// controls, built from the state the app publishes (wasm/flows/dom_mirror.cpp). It is not one live
// region rebuilt on every change: each part is rebuilt only when its own data changed, the focus
// stays on the control it was on (or the nearest one, never the page body), and one small status
// line announces what changed ("7 products ranked for you", "Saved: Offered: ...").
import { createBookTable } from './mirror_book.js';
import { recommendationList } from './mirror_cards.js';

const $ = (id) => document.getElementById(id);

// Rebuilds `container` with `build()` when `key` differs from the last one, keeping the focus: on
// the control with the same data-focus-key, else on what took the place of the focused item,
// else on `fallback` (a heading that takes focus).
const builtFrom = new WeakMap();
function rebuild(container, key, build, fallback) {
  if (builtFrom.get(container) === key) return;
  builtFrom.set(container, key);
  const focused = container.contains(document.activeElement) ? document.activeElement : null;
  const focusKey = focused && focused.dataset.focusKey;
  const item = focused && focused.closest('[data-product-id], [data-customer-id]');
  const place = item ? [...item.parentNode.children].indexOf(item) : -1;
  container.replaceChildren(...build());
  if (!focused) return;
  const same = focusKey && container.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`);
  const neighbour = place >= 0 && container.querySelectorAll('[data-product-id], [data-customer-id]')[place];
  const target = same || (neighbour && neighbour.querySelector('button, a, input')) || fallback;
  target.focus({ preventScroll: !same });
}

// Signed out, or another user: nothing of the last one's data stays in the page.
function forget(container) {
  builtFrom.delete(container);
  container.replaceChildren();
}

function roleOf(state) {
  return state.user ? state.user.role : '';
}

// What a screen-reader user needs to hear about the change from `was` to `now`, or ''.
function whatChanged(was, now) {
  const role = roleOf(now);
  if (now.phase !== was.phase) {
    if (now.phase === 'ready' && role === 'customer') {
      return `${(now.profile.recommendations || []).length} products ranked for you.`;
    }
    if (now.phase === 'ready' && role === 'banker') {
      return now.book_ranked === now.book.length ? `Your ${now.book.length} customers are ranked.`
        : `Ranking your ${now.book.length} customers on this device…`;
    }
    if (now.phase === 'loading' || now.phase === 'failed') return now.status;
  }
  if (now.undo && (!was.undo || was.undo.product_id !== now.undo.product_id)) {
    return `${now.undo.product_name} is off your list. Undo is offered for a few seconds.`;
  }
  if (now.notice && now.notice !== was.notice) return now.notice;
  if (role === 'banker' && now.book.length && now.book_ranked === now.book.length && was.book_ranked < now.book_ranked) {
    return `All ${now.book.length} customers ranked.`;
  }
  if (now.selected_customer !== null && now.selected_customer !== undefined && now.selected_customer !== was.selected_customer) {
    const c = now.book.find((x) => x.id === now.selected_customer);
    if (c) return `${c.name}: ${(c.recommendations || []).length} products.`;
  }
  if (now.theme !== was.theme) return now.theme === 'dark' ? 'Dark theme on.' : 'Light theme on.';
  return '';
}

export function createMirror(actions) {
  let was = { phase: 'starting', book: [], book_ranked: 0 };
  let undoOffered = null;
  let latest = was;
  let timer = 0;

  function announce(message) {
    if (!message) return;
    const region = $('mirror-announce');
    region.textContent = '';
    clearTimeout(timer);
    // Emptied first, so the same words said twice are heard twice.
    timer = setTimeout(() => { region.textContent = message; }, 60);
  }

  const book = createBookTable({
    rebuild,
    announce,
    openCustomer: actions.openCustomer,
    sortBook: actions.sortBook,
    toggleSegment: actions.toggleSegment,
    clearSegments: actions.clearSegments,
  });

  function renderHeader(state) {
    const role = roleOf(state);
    $('mirror-demo').hidden = !state.demo;
    $('mirror-who').textContent = state.user && state.user.display_name
      ? `Signed in as ${state.user.display_name} (${role === 'banker' ? 'relationship manager' : 'customer'}).` : '';
    $('mirror-status').textContent = state.status || '';
    $('mirror-notice').textContent = state.notice || '';
    $('mirror-notice').dataset.problem = String(!!state.notice_problem);
    $('mirror-sign-out').textContent = state.demo ? 'Leave the demo' : 'Sign out';
    $('mirror-theme').textContent = state.theme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme';
  }

  function renderCustomer(state) {
    const show = roleOf(state) === 'customer' && !!state.profile;
    $('mirror-customer-view').hidden = !show;
    if (!show) return forget($('mirror-profile'));
    const catalog = state.catalog || [];
    const acted = $('mirror-profile').contains(document.activeElement);
    rebuild($('mirror-profile'), JSON.stringify([state.profile, catalog.length]),
      () => [recommendationList(state.profile, catalog, 'customer', actions)], $('mirror-profile-title'));
    // "Not for me" takes the product off the list for a few seconds before it is final: the Undo
    // is offered here too. It takes the focus when the product just left from under it, and gives
    // it back to the product when it brings it back.
    const undo = state.undo || null;
    const offered = undoOffered;
    undoOffered = undo;
    const undoHadFocus = document.activeElement === $('mirror-undo-button');
    $('mirror-undo').hidden = !undo;
    if (undo) {
      $('mirror-undo-text').textContent = `${undo.product_name} is off your list.`;
      $('mirror-undo-button').setAttribute('aria-label', `Undo: put ${undo.product_name} back`);
      if (acted && (!offered || offered.product_id !== undo.product_id)) $('mirror-undo-button').focus();
    } else if (undoHadFocus || (offered && document.activeElement === document.body)) {
      const back = offered && $('mirror-profile').querySelector(`[data-focus-key="feedback:${offered.customer_id}:` +
        `${CSS.escape(offered.product_id)}:not_for_me"]`);
      (back || $('mirror-profile-title')).focus();
    }
  }

  function renderBanker(state) {
    const show = roleOf(state) === 'banker';
    $('mirror-banker-view').hidden = !show;
    if (!show) {
      book.forget();
      return [$('mirror-segments'), $('mirror-book-head'), $('mirror-customers'), $('mirror-detail')].forEach(forget);
    }
    const total = state.book.length;
    $('mirror-book-progress').textContent = state.book_ranked < total
      ? `Ranked ${state.book_ranked} of ${total} customers on this device…` : `${total} customers, ranked on this device.`;
    $('mirror-export').setAttribute('aria-disabled', String(state.book_ranked < total));
    book.render(state);
    const selected = state.selected_customer === null ? undefined : book.customer(state.selected_customer);
    $('mirror-customer-detail').hidden = !selected;
    if (!selected) return forget($('mirror-detail'));
    $('mirror-detail-title').textContent = `${selected.name} (id ${selected.id}): best next products`;
    rebuild($('mirror-detail'), JSON.stringify([selected, (state.catalog || []).length]),
      () => [recommendationList(selected, state.catalog || [], 'banker', actions)], $('mirror-detail-title'));
  }

  function render(state) {
    renderHeader(state);
    renderCustomer(state);
    renderBanker(state);
  }

  function connect() {
    $('mirror-theme').addEventListener('click', actions.toggleTheme);
    $('mirror-sign-out').addEventListener('click', actions.signOut);
    $('mirror-close').addEventListener('click', actions.close);
    $('mirror-undo-button').addEventListener('click', actions.undo);
    $('mirror').addEventListener('keydown', (e) => { if (e.key === 'Escape') actions.close(); });
    $('mirror-export').addEventListener('click', () => {
      if (latest.book_ranked < latest.book.length) return announce('Export is ready once every customer is ranked.');
      actions.exportCsv();
    });
    $('mirror-open-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const id = Number($('mirror-customer-id').value);
      if (Number.isInteger(id) && id > 0) actions.openCustomer(id);
      else announce('Enter a customer id: a whole number.');
    });
    $('mirror-interests-form').addEventListener('submit', (e) => {
      e.preventDefault();
      actions.setInterests($('mirror-interests').value);
    });
  }

  connect();
  return {
    update(state) {
      latest = state;
      render(state);
      announce(whatChanged(was, state));
      was = state;
    },
    announce,
  };
}
