// The thread panel: the root message, its replies (oldest first) and a composer for replies.

import { h, fill } from './dom.js';
import { messageList } from './message-list.js';
import { composer } from './composer.js';
import { channelTitle, typingLine } from './conversation.js';
import { messageElement } from './message.js';
import { chronological } from '../state.js';

export function threadView(ctx) {
  const { state, messaging } = ctx;
  const heading = h('h2', { id: 'thread-title' }, 'Thread');
  const root = h('div', { class: 'thread-root' });
  const replies = messageList(ctx, { label: 'Replies', inThread: true });
  const typing = h('p', { class: 'typing', 'aria-live': 'polite' });
  const write = composer(ctx, () => ({
    channelId: state.thread?.channelId, threadId: state.thread?.rootId, label: 'the thread',
  }));
  const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Close thread', onclick: () => messaging.closeThread() }, '×');
  const element = h('aside', { class: 'thread', 'aria-labelledby': 'thread-title', hidden: true },
    h('header', { class: 'panel-header' }, heading, close),
    h('div', { class: 'scroller' }, root, replies.element), typing, write.element);
  let shownRootId = null;
  let shownRoot = null;

  function draw() {
    const { thread } = state;
    element.hidden = !thread;
    document.body.classList.toggle('thread-open', Boolean(thread));
    if (!thread) {
      shownRootId = null;
      replies.clear();
      return;
    }
    const opened = thread.rootId !== shownRootId;
    if (opened) {
      replies.clear();
      shownRootId = thread.rootId;
    }
    heading.textContent = `Thread in ${channelTitle(state.channels.get(thread.channelId))}`;
    if (thread.root !== shownRoot) {
      shownRoot = thread.root;
      fill(root, thread.root ? h('ol', { class: 'messages' },
        messageElement(thread.root, ctx, { channelId: thread.channelId, inThread: true })) : null);
    }
    replies.update(chronological(thread.replies.values()), thread.channelId);
    drawTyping();
    if (opened) write.focus();
  }

  function drawTyping() {
    typing.textContent = state.thread ? typingLine(state, state.thread.channelId, state.thread.rootId) : '';
  }

  state.on('thread', draw);
  state.on('typing', drawTyping);
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') messaging.closeThread();
  });
  return { element, focusMessage: (id) => replies.focusMessage(id) };
}
