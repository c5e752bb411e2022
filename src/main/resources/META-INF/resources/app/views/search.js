// Search: a box in the top bar and a panel of results with the query's words marked; opening a
// result shows the message in its channel (or thread).

import { h, fill, time, arrowNavigation } from './dom.js';
import { renderText, searchTerms } from './text.js';

export function searchBox(ctx) {
  const input = h('input', { type: 'search', name: 'q', 'aria-label': 'Search messages', placeholder: 'Search messages', autocomplete: 'off' });
  const element = h('form', {
    class: 'search', role: 'search',
    onsubmit: (event) => {
      event.preventDefault();
      if (input.value.trim()) ctx.messaging.search(input.value.trim());
    },
  }, input);
  element.hidden = !ctx.state.features.search;
  return { element, focus: () => input.focus() };
}

/**
 * @param openMessage (channelId, message) => shows it where it was written
 */
export function searchResultsView(ctx, openMessage) {
  const { state, messaging } = ctx;
  const heading = h('h2', { id: 'search-title' }, 'Search');
  const results = h('ul', { class: 'search-results', 'aria-label': 'Results' });
  const status = h('p', { class: 'search-status', role: 'status' });
  const element = h('aside', { class: 'search-panel', 'aria-labelledby': 'search-title', hidden: true },
    h('header', { class: 'panel-header' }, heading,
      h('button', { type: 'button', class: 'close', 'aria-label': 'Close search', onclick: () => messaging.closeSearch() }, '×')),
    status, results);
  arrowNavigation(results, 'button.result');
  let drawn = null; // what the list shows: redrawn only when that changes, so a result stays the element it was

  function draw() {
    const { search } = state;
    element.hidden = !search;
    document.body.classList.toggle('search-open', Boolean(search));
    if (!search) return;
    heading.textContent = `Results for “${search.query}”`;
    status.textContent = search.loading ? 'Searching…' : search.error ? search.error
      : search.results.length ? `${search.results.length} ${search.results.length === 1 ? 'message' : 'messages'}` : 'No messages found.';
    const terms = searchTerms(search.query);
    const names = new Map([...state.people].map(([id, p]) => [id, p.name]));
    const showing = JSON.stringify([search.query, search.results.map((m) => [m.id, m.text, m.editedAt])]);
    if (showing === drawn) return;
    drawn = showing;
    fill(results, search.results.map((message, index) => h('li', {}, h('button', {
      type: 'button', class: 'result', 'data-message-id': message.id, tabindex: index === 0 ? '0' : '-1',
      onclick: () => openMessage(message.channel.id, message),
    },
    h('span', { class: 'meta' }, h('span', { class: 'result-channel' }, `#${message.channel.name}`), ' · ',
      h('span', { class: 'author' }, message.author?.name ?? 'Someone'), ' · ', time(message.createdAt)),
    h('span', { class: 'text' }, renderText(message.text ?? '', { names, myId: state.me.id, terms }))))));
    if (!search.loading && search.results.length) results.querySelector('button.result')?.focus();
  }

  state.on('search', draw);
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') messaging.closeSearch();
  });
  return { element };
}
