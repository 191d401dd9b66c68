// The banker's book in the accessible view: a real table (row headers, a caption, aria-sort on the
// sorted column), sortable by any column from its header button and filtered by segment. It opens
// sorted by opportunity, the best product's likelihood, as the canvas does; names sort in the
// browser's locale order.
import { text } from './mirror_cards.js';

const names = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const best = (c) => (c.recommendations || [])[0];
// The hand-weighted ranking has no likelihood: its score keeps the order, below any likelihood.
const opportunity = (c) => {
  const r = best(c);
  if (!r) return -Infinity;
  return r.likelihood >= 0 ? r.likelihood : -1e6 + (r.score || 0);
};

const columns = [
  { key: 'id', label: 'Id', value: (c) => c.id, numeric: true },
  { key: 'name', label: 'Name', value: (c) => c.name },
  { key: 'segment', label: 'Segment', value: (c) => c.segment || '' },
  { key: 'product', label: 'Best next product', value: (c) => (best(c) ? best(c).name : '') },
  { key: 'likelihood', label: 'Likelihood', value: opportunity, numeric: true, descendingFirst: true },
  { key: 'feedback', label: 'Last feedback', value: (c) => c.last_feedback || '' },
];

export function createBookTable(actions) {
  const view = { sort: 'likelihood', descending: true, segment: '' };

  function sorted(book) {
    const column = columns.find((c) => c.key === view.sort);
    const compare = column.numeric ? (a, b) => a - b : names.compare;
    const rows = book.filter((c) => !view.segment || c.segment === view.segment);
    rows.sort((a, b) => compare(column.value(a), column.value(b)) * (view.descending ? -1 : 1) ||
      names.compare(a.name, b.name) || a.id - b.id);
    return rows;
  }

  function header() {
    return columns.map((column) => {
      const th = document.createElement('th');
      th.scope = 'col';
      const b = text('button', column.label);
      b.type = 'button';
      b.dataset.focusKey = 'sort:' + column.key;
      if (column.key === view.sort) th.setAttribute('aria-sort', view.descending ? 'descending' : 'ascending');
      b.addEventListener('click', () => {
        view.descending = column.key === view.sort ? !view.descending : !!column.descendingFirst;
        view.sort = column.key;
        actions.changed(`Sorted by ${column.label.toLowerCase()}, ${view.descending ? 'highest' : 'lowest'} first.`);
      });
      th.append(b);
      return th;
    });
  }

  function row(c, selected) {
    const tr = document.createElement('tr');
    tr.dataset.customerId = String(c.id);
    if (selected) tr.setAttribute('aria-current', 'true');
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

  return {
    view,
    // The <option>s of the segment filter: every segment in the book.
    segments(book) {
      return [...new Set(book.map((c) => c.segment).filter(Boolean))].sort(names.compare);
    },
    render(book, selectedId) {
      const rows = sorted(book);
      return { head: header(), rows: rows.map((c) => row(c, c.id === selectedId)) };
    },
  };
}
