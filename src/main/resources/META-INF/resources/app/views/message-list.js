// A list of messages that redraws only what changed: each message's element is kept until the
// message itself changes (the state replaces message objects, never mutates them), so focus,
// scroll position and an edit in progress survive live updates.

import { h, arrowNavigation, placeInOrder } from './dom.js';
import { messageElement } from './message.js';

export function messageList(ctx, { label, inThread = false }) {
  const list = h('ol', { class: 'messages', 'aria-label': label });
  const rendered = new Map(); // key → { message, element }
  let channelId = null;
  let lastMessages = [];

  arrowNavigation(list, ':scope > li.message');

  function update(messages, forChannelId) {
    channelId = forChannelId;
    lastMessages = messages;
    const elements = messages.map((message) => {
      const key = message.key ?? message.id;
      const entry = rendered.get(key);
      if (entry && (entry.message === message || entry.element.dataset.editing)) return entry.element;
      const element = messageElement(message, ctx, { channelId, inThread });
      if (entry) {
        const hadFocus = entry.element.contains(document.activeElement);
        element.tabIndex = entry.element.tabIndex;
        entry.element.replaceWith(element);
        if (hadFocus) element.focus({ preventScroll: true });
      }
      rendered.set(key, { message, element });
      return element;
    });
    const keys = new Set(messages.map((message) => message.key ?? message.id));
    for (const key of rendered.keys()) if (!keys.has(key)) rendered.delete(key);
    placeInOrder(list, elements);
    // One message is reachable with Tab: the newest, unless the focus is among them; arrows do the rest.
    if (!list.contains(document.activeElement) && list.lastElementChild) {
      list.querySelectorAll(':scope > li[tabindex="0"]').forEach((item) => { item.tabIndex = -1; });
      list.lastElementChild.tabIndex = 0;
    }
  }

  list.addEventListener('message-stale', (event) => {
    const key = [...rendered].find(([, entry]) => entry.element === event.target)?.[0];
    if (key) rendered.get(key).message = null; // redraw it from the state's current copy
    update(lastMessages, channelId);
  });

  function clear() {
    rendered.clear();
    list.replaceChildren();
  }

  function focusMessage(messageId) {
    const element = list.querySelector(`li[data-message-id="${CSS.escape(messageId)}"]`);
    if (!element) return false;
    list.querySelectorAll('li.message').forEach((item) => { item.tabIndex = -1; });
    element.tabIndex = 0;
    element.scrollIntoView({ block: 'center' });
    element.focus({ preventScroll: true });
    element.classList.add('found');
    setTimeout(() => element.classList.remove('found'), 2500);
    return true;
  }

  return { element: list, update, clear, focusMessage };
}
