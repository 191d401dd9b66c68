// The banker's book in the accessible view: the canvas table's own rows, a page at a time. The app
// sorts and filters (wasm/flows/book_order.cpp) and publishes the rows shown in its order
// (book_view.shown: the sort, the segment chips, the search), so both tables show one order; this
// table's header buttons and segment chips ask the app, as the canvas's do. A book may hold 10,000
// customers: a page of rows is built, and rebuilt only when its rows or the view changed.
import { text } from './mirror_cards.js';

// Every bundled book (up to 80 customers) fits on one page; a row costs the page little.
export const PAGE_ROWS = 100;

const best = (c) => (c.recommendations || [])[0];

// Columns in the table's order; `sort` is the app's name for sorting by it (book_view.sort).
const columns = [
  { sort: 'id', label: 'Id', words: ['lowest first', 'highest first'] },
  { sort: 'name', label: 'Name', words: ['A to Z', 'Z to A'] },
  { sort: 'segment', label: 'Segment', words: ['youngest first', 'oldest first'] },
  { sort: 'product', label: 'Best next product', words: ['A to Z', 'Z to A'] },
  { sort: 'opportunity', label: 'Likelihood', words: ['lowest first', 'highest first'], descendingFirst: true },
  { sort: 'feedback', label: 'Last feedback', words: ['A to Z', 'Z to A'] },
];

const count = (n) => n.toLocaleString('en-GB');

// `actions`: rebuild (mirror.js's, which keeps the focus), announce, openCustomer, sortBook,
// toggleSegment, clearSegments.
export function createBookTable(actions) {
  let state = null;  // the state last rendered
  let page = 0;
  let viewKey = '';
  let selected = null;
  let index = { generation: null, size: 0, of: new Map() };  // customer id -> place in state.book

  const $ = (id) => document.getElementById(id);
  const shownIds = () => (state.book_view && state.book_view.shown) || [];

  function customer(id) {
    if (index.generation !== state.book_generation || index.size !== state.book.length) {
      index = { generation: state.book_generation, size: state.book.length,
        of: new Map(state.book.map((c, i) => [c.id, i])) };
    }
    const at = index.of.get(id);
    return at === undefined ? undefined : state.book[at];
  }

  function range() {
    const shown = shownIds().length;
    const pages = Math.max(1, Math.ceil(shown / PAGE_ROWS));
    page = Math.min(page, pages - 1);
    return { from: page * PAGE_ROWS, to: Math.min(shown, (page + 1) * PAGE_ROWS), shown, pages };
  }

  function rangeWords() {
    const { from, to, shown } = range();
    return shown ? `Customers ${count(from + 1)}–${count(to)} of ${count(shown)}` : 'No customers shown';
  }

  function sortWords() {
    const view = state.book_view;
    const column = columns.find((c) => c.sort === view.sort);
    return column ? `Sorted by ${column.label.toLowerCase()}, ${column.words[view.descending ? 1 : 0]}.` : '';
  }

  function header() {
    const view = state.book_view;
    return columns.map((column) => {
      const th = document.createElement('th');
      th.scope = 'col';
      const b = text('button', column.label);
      b.type = 'button';
      b.dataset.focusKey = 'sort:' + column.sort;
      if (column.sort === view.sort) th.setAttribute('aria-sort', view.descending ? 'descending' : 'ascending');
      b.addEventListener('click', () => {
        const descending = column.sort === state.book_view.sort ? !state.book_view.descending : !!column.descendingFirst;
        actions.sortBook(column.sort, descending);
        actions.announce(sortWords());
      });
      th.append(b);
      return th;
    });
  }

  function row(c) {
    const tr = document.createElement('tr');
    tr.dataset.customerId = String(c.id);
    if (c.id === state.selected_customer) tr.setAttribute('aria-current', 'true');
    const name = document.createElement('th');
    name.scope = 'row';
    const open = document.createElement('button');
    open.type = 'button';
    open.dataset.focusKey = 'open:' + c.id;
    open.append(text('span', 'Open ', 'visually-hidden'), c.name);
    open.addEventListener('click', () => actions.openCustomer(c.id));
    name.append(open);
    const r = best(c);
    tr.append(text('td', String(c.id)), name, text('td', c.segment || ''), text('td', r ? r.name : 'Not ranked yet'),
      text('td', r && r.likelihood_percent ? r.likelihood_percent : '—'), text('td', c.last_feedback || '—'));
    return tr;
  }

  // The segment chips, as on the canvas: none on shows every segment; each switches on and off.
  function chips() {
    const segments = state.book_view.segments || [];
    const chip = (label, pressed, key, act) => {
      const b = text('button', label);
      b.type = 'button';
      b.dataset.focusKey = 'segment:' + key;
      b.setAttribute('aria-pressed', String(pressed));
      b.addEventListener('click', () => {
        act();
        actions.announce(`${count(shownIds().length)} customers shown.`);
      });
      return b;
    };
    return [chip(`All (${count(state.book.length)})`, !segments.some((s) => s.on), 'all', actions.clearSegments),
      ...segments.map((s) => chip(`${s.segment} (${count(s.customers)})`, s.on, s.segment,
        () => actions.toggleSegment(s.segment)))];
  }

  // A newly opened customer's row is brought into view (opened by id, or on the canvas).
  function followSelection() {
    if (state.selected_customer === selected) return;
    selected = state.selected_customer;
    const at = selected === null || selected === undefined ? -1 : shownIds().indexOf(selected);
    if (at >= 0) page = Math.floor(at / PAGE_ROWS);
  }

  function renderPage() {
    const view = state.book_view;
    const { from, to, pages } = range();
    const rows = shownIds().slice(from, to).map(customer).filter(Boolean);
    const rowsKey = JSON.stringify([view.sort, view.descending, state.selected_customer,
      rows.map((c) => [c.id, c.name, c.segment, best(c) ? [best(c).name, best(c).likelihood_percent] : 0, c.last_feedback])]);
    actions.rebuild($('mirror-book-head'), JSON.stringify([view.sort, view.descending]), header, $('mirror-book-title'));
    actions.rebuild($('mirror-customers'), rowsKey, () => rows.map(row), $('mirror-book-title'));
    const filtered = shownIds().length < state.book.length ? ` (${count(state.book.length)} in the book)` : '';
    const which = shownIds().length ? `${count(from + 1)}–${count(to)} of ${count(shownIds().length)}` : 'none shown';
    $('mirror-book-caption').textContent = `Assigned customers: ${which}${filtered}, ` +
      'with the product each is most likely to take up';
    $('mirror-pager').hidden = pages <= 1;
    $('mirror-page-range').textContent = `${rangeWords()}, page ${page + 1} of ${pages}`;
    $('mirror-page-previous').setAttribute('aria-disabled', String(page === 0));
    $('mirror-page-next').setAttribute('aria-disabled', String(page >= pages - 1));
  }

  function turn(by) {
    const { pages } = range();
    const next = page + by;
    if (next < 0) return actions.announce('This is the first page.');
    if (next >= pages) return actions.announce('This is the last page.');
    page = next;
    renderPage();
    actions.announce(`${rangeWords()}.`);
  }

  $('mirror-page-previous').addEventListener('click', () => turn(-1));
  $('mirror-page-next').addEventListener('click', () => turn(1));

  return {
    render(now) {
      state = now;
      const view = state.book_view || {};
      const segmentsOn = (view.segments || []).filter((s) => s.on).map((s) => s.segment);
      const key = JSON.stringify([view.sort, view.descending, segmentsOn, view.search]);
      if (key !== viewKey) page = 0;  // another sort or filter starts at the top
      viewKey = key;
      followSelection();
      const segmentsKey = JSON.stringify([state.book.length, view.segments]);
      actions.rebuild($('mirror-segments'), segmentsKey, chips, $('mirror-book-title'));
      renderPage();
    },
    customer: (id) => (state ? customer(id) : undefined),
    forget() {
      state = null;
      page = 0;
      viewKey = '';
      selected = null;
      index = { generation: null, size: 0, of: new Map() };
    },
  };
}
