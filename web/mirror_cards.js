// One customer's ranked products as the accessible view shows them: an ordered list, each product
// with its likelihood, reasons, explanation, apply link and the same actions as its card on the
// canvas. Every control carries a data-focus-key, so that the view can give the focus back to the
// same control after the list is rebuilt (web/mirror.js).
export function text(tag, content, className) {
  const el = document.createElement(tag);
  el.textContent = content;
  if (className) el.className = className;
  return el;
}

export function button(label, focusKey, action) {
  const b = text('button', label);
  b.type = 'button';
  b.dataset.focusKey = focusKey;
  b.addEventListener('click', action);
  return b;
}

function link(label, href) {
  const a = text('a', label);
  a.href = href; a.target = '_blank'; a.rel = 'noopener noreferrer';
  const hint = text('span', ' (opens in a new tab)', 'visually-hidden');
  a.append(hint);
  return a;
}

// The banker's main action comes first.
const feedbackEvents = {
  banker: [['Mark offered', 'offered'], ['Mark accepted', 'accepted']],
  customer: [['Interested', 'interested'], ['Not for me', 'not_for_me']],
};

function feedbackButtons(customer, productId, role, actions) {
  return (feedbackEvents[role] || feedbackEvents.customer).map(([label, event]) => {
    const b = button(label, `feedback:${customer.id}:${productId}:${event}`,
      () => actions.feedback(customer.id, productId, event));
    b.dataset.event = event;
    b.setAttribute('aria-pressed', String(!!customer.feedback && customer.feedback[productId] === event));
    return b;
  });
}

function moreLinks(customer, r, actions) {
  const found = customer.insight && customer.insight.links && customer.insight.links[r.id];
  if (found && found.status === 'ready') {
    const more = document.createElement('ul');
    more.className = 'more-links';
    more.append(...found.links.map((l) => {
      const item = document.createElement('li');
      item.append(link(l.title + (l.site ? ' (' + l.site + ')' : ''), l.link));
      return item;
    }));
    return more;
  }
  const b = button('More ways to apply', `more:${customer.id}:${r.id}`, () => actions.moreLinks(customer.id, r.id));
  b.className = 'more-links-button';
  return b;
}

function productItem(customer, r, catalog, role, actions) {
  const li = document.createElement('li');
  li.dataset.productId = r.id;
  li.append(text('h3', r.name + ' (' + r.category + ')'));
  if (r.likelihood_text) li.append(text('p', r.likelihood_text, 'likelihood'));
  const reasons = document.createElement('ul');
  reasons.append(...(r.reasons || []).map((reason) => text('li', reason)));
  li.append(reasons);
  const insight = customer.insight || {};
  if (insight.explanations_status === 'loading') li.append(text('p', 'Writing a personal explanation…'));
  if (insight.explanations && insight.explanations[r.id]) {
    const p = text('p', insight.explanations[r.id], 'explanation');
    p.dataset.provider = insight.explanations_provider;
    li.append(p);
  }
  const product = catalog.find((p) => p.id === r.id);
  if (product) li.append(link('View and apply: ' + product.name, product.link));
  const row = document.createElement('div');
  row.append(...feedbackButtons(customer, r.id, role, actions), moreLinks(customer, r, actions));
  li.append(row);
  return li;
}

export function recommendationList(customer, catalog, role, actions) {
  const section = document.createElement('div');
  if (customer.ranking_error) {
    section.append(text('p', customer.ranking_error));
    return section;
  }
  const insight = customer.insight || {};
  if (insight.digest) {
    const digest = text('p', 'In short: ' + insight.digest, 'digest');
    digest.dataset.provider = insight.digest_provider;
    section.append(digest);
  }
  const list = document.createElement('ol');
  list.className = 'recommendations';
  list.append(...(customer.recommendations || []).map((r) => productItem(customer, r, catalog, role, actions)));
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
