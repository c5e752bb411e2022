// The open channel: its header, messages (older pages load when scrolled to the top), who is
// typing, and the composer (or a Join button for a public channel one has not joined).

import { h, fill } from './dom.js';
import { messageList } from './message-list.js';
import { composer } from './composer.js';

export function channelTitle(channel) {
  if (!channel) return '';
  if (channel.kind === 'DIRECT' || channel.kind === 'GROUP') {
    return channel.people?.length ? channel.people.map((p) => p.name).join(', ') : channel.name;
  }
  return `${channel.kind === 'PRIVATE' ? '🔒' : '#'}${channel.name}`;
}

/** "Ada is typing…", "Ada and Grace are typing…" for the channel (threadId null) or a thread. */
export function typingLine(state, channelId, threadId) {
  const names = [...(state.typing.get(channelId)?.values() ?? [])].filter((t) => (t.threadId ?? null) === threadId).map((t) => t.name);
  if (!names.length) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length <= 3) return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} are typing…`;
  return 'Several people are typing…';
}

export function conversationView(ctx) {
  const { state, messaging, workspaces } = ctx;
  const title = h('h1', { class: 'channel-title', id: 'channel-title' });
  const topic = h('p', { class: 'channel-topic' });
  const older = h('button', { type: 'button', class: 'load-older', onclick: () => loadOlder() }, 'Load older messages');
  const list = messageList(ctx, { label: 'Messages' });
  const scroller = h('div', { class: 'scroller' }, older, list.element);
  const typing = h('p', { class: 'typing', 'aria-live': 'polite' });
  const write = composer(ctx, () => ({ channelId: state.openChannelId, threadId: null, label: channelTitle(state.openChannel()) }),
    () => focusMessages());
  const footer = h('div', { class: 'conversation-footer' });
  const element = h('main', { class: 'conversation', 'aria-labelledby': 'channel-title' },
    h('header', { class: 'channel-header' }, title, topic), scroller, typing, footer);
  let shownChannelId = null;
  let footerShows = null;

  // Older pages load when the top of the list scrolls into view.
  new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting) && shownChannelId) loadOlder();
  }, { root: scroller }).observe(older);

  async function loadOlder() {
    const channelId = state.openChannelId;
    const history = state.histories.get(channelId);
    if (!history || history.loading || !history.hasOlder) return;
    const fromBottom = scroller.scrollHeight - scroller.scrollTop;
    await messaging.loadOlder(channelId);
    if (state.openChannelId === channelId) scroller.scrollTop = scroller.scrollHeight - fromBottom; // stay put
  }

  function drawHeader() {
    const channel = state.openChannel();
    title.textContent = channelTitle(channel);
    topic.textContent = channel?.topic ?? '';
    write.refresh();
    // Redrawn only when what it shows changes: the composer keeps its focus and draft.
    const shows = state.openChannelGone ? 'gone' : channel && !channel.isMember ? `join:${channel.id}` : 'composer';
    if (shows === footerShows) return;
    footerShows = shows;
    if (shows === 'gone') {
      fill(footer, h('p', { class: 'gone', role: 'alert' }, state.openChannelGone));
    } else if (shows === 'composer') {
      fill(footer, write.element);
    } else {
      fill(footer, h('div', { class: 'join-bar' }, h('p', {}, `You are not a member of ${channelTitle(channel)}.`),
        h('button', { type: 'button', onclick: () => workspaces.join(channel.id).catch(() => {}) }, `Join ${channelTitle(channel)}`)));
    }
  }

  function drawMessages() {
    const channelId = state.openChannelId;
    const history = channelId ? state.histories.get(channelId) : null;
    if (channelId !== shownChannelId) {
      list.clear();
      shownChannelId = channelId;
    }
    const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
    list.update(history ? history.ordered() : [], channelId);
    older.hidden = !history?.hasOlder;
    older.disabled = Boolean(history?.loading);
    if (atBottom) scroller.scrollTop = scroller.scrollHeight;
  }

  function drawTyping() {
    typing.textContent = typingLine(state, state.openChannelId, null);
  }

  state.on('open', () => {
    drawHeader();
    drawMessages();
    drawTyping();
    scroller.scrollTop = scroller.scrollHeight;
  });
  state.on('channels', drawHeader);
  state.on('messages', (channelId) => channelId === state.openChannelId && drawMessages());
  state.on('typing', (channelId) => channelId === state.openChannelId && drawTyping());

  function focusMessages() {
    list.element.lastElementChild?.focus();
  }

  // Escape in the messages goes back to the composer.
  list.element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') write.focus();
  });

  return { element, focusComposer: () => write.focus(), focusMessage: (id) => list.focusMessage(id) };
}
