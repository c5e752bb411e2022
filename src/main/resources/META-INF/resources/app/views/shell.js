// The signed-in layout: top bar (workspace switcher, search, connection, my status), the channel
// list, the open channel, and the thread or search panel. Keyboard: Alt+↑/↓ switches channel,
// "/" goes to search, Escape closes panels; arrows move within lists.

import { h, fill } from './dom.js';
import { sidebarView } from './sidebar.js';
import { conversationView } from './conversation.js';
import { threadView } from './thread.js';
import { searchBox, searchResultsView } from './search.js';

const CONNECTION_LABEL = { online: 'Connected', connecting: 'Connecting…', offline: 'Offline: reconnecting when the network is back' };

export function shellView(ctx, { onSignOut }) {
  const { state, workspaces, messaging } = ctx;
  const conversation = conversationView(ctx);
  const thread = threadView(ctx);
  const sidebar = sidebarView(ctx, { onSignOut });
  sidebar.element.id = 'sidebar';
  const search = searchBox(ctx);

  async function openMessage(channelId, message) {
    messaging.closeSearch();
    if (state.openChannelId !== channelId) await workspaces.openChannel(channelId);
    if (message.threadId) {
      await messaging.openThread(channelId, message.threadId);
      thread.focusMessage(message.id);
    } else if (await messaging.loadUntil(channelId, message.id)) {
      conversation.focusMessage(message.id);
    }
  }
  const searchResults = searchResultsView(ctx, openMessage);

  const menu = h('button', { type: 'button', class: 'menu-toggle', 'aria-controls': 'sidebar', 'aria-expanded': 'false',
    onclick: () => toggleSidebar() }, '☰', h('span', { class: 'visually-hidden' }, 'Channels'));
  const workspacePicker = h('select', { class: 'workspace-picker', 'aria-label': 'Workspace',
    onchange: (event) => ctx.openWorkspace(event.target.value) });
  const connection = h('span', { class: 'connection', role: 'status' });
  // What I choose (Online follows my activity); the others see the resulting presence.
  const myStatus = h('select', { class: 'my-status', 'aria-label': 'My status', onchange: (event) => workspaces.setPresence(event.target.value).catch(() => {}) },
    h('option', { value: 'ONLINE' }, 'Online'), h('option', { value: 'AWAY' }, 'Away'),
    h('option', { value: 'DND' }, 'Do not disturb'), h('option', { value: 'OFFLINE' }, 'Appear offline'));
  const notice = h('div', { class: 'notice', role: 'alert', hidden: true });

  const element = h('div', { class: 'shell' },
    h('a', { class: 'skip-link', href: '#channel-title', onclick: (event) => { event.preventDefault(); conversation.focusComposer(); } }, 'Skip to the composer'),
    h('header', { class: 'topbar' }, menu, workspacePicker, search.element, connection, myStatus),
    notice,
    h('div', { class: 'panes' }, sidebar.element, conversation.element, thread.element, searchResults.element));

  function toggleSidebar(open = !document.body.classList.contains('sidebar-open')) {
    document.body.classList.toggle('sidebar-open', open);
    menu.setAttribute('aria-expanded', String(open));
    if (open) sidebar.element.querySelector('button.channel[tabindex="0"]')?.focus();
  }

  function drawWorkspaces() {
    fill(workspacePicker, state.workspaces.map((w) => h('option', { value: w.id }, w.name)));
    workspacePicker.value = state.workspaceId ?? '';
  }

  function drawConnection() {
    connection.dataset.status = state.connection;
    connection.textContent = CONNECTION_LABEL[state.connection];
  }

  let noticeTimer = null;
  function drawNotice() {
    clearTimeout(noticeTimer);
    const current = state.notice;
    notice.hidden = !current;
    if (!current) return;
    notice.dataset.kind = current.kind;
    fill(notice, h('span', {}, current.text),
      h('button', { type: 'button', 'aria-label': 'Dismiss', onclick: () => state.setNotice(null) }, '×'));
    const lasts = current.until ? current.until - Date.now() : current.kind === 'offline' ? null : 8_000;
    if (lasts !== null) noticeTimer = setTimeout(() => state.notice === current && state.setNotice(null), lasts);
  }

  state.on('workspaces', drawWorkspaces);
  state.on('open', () => toggleSidebar(false)); // on a phone, the channel list gives way to the channel
  state.on('connection', () => {
    drawConnection();
    if (state.connection === 'online' && state.notice?.kind === 'offline') state.setNotice(null);
  });
  state.on('notice', drawNotice);

  document.addEventListener('keydown', (event) => {
    const typing = event.target.closest?.('input, textarea, select');
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      const ids = [...sidebar.element.querySelectorAll('button.channel')].map((b) => b.dataset.channelId);
      const next = ids[ids.indexOf(state.openChannelId) + (event.key === 'ArrowUp' ? -1 : 1)];
      if (next) workspaces.openChannel(next).then(() => conversation.focusComposer());
    } else if (event.key === '/' && !typing && state.features.search) {
      event.preventDefault();
      search.focus();
    } else if (event.key === 'Escape' && document.body.classList.contains('sidebar-open')) {
      toggleSidebar(false);
    }
  });

  drawWorkspaces();
  drawConnection();
  return { element, focusComposer: () => conversation.focusComposer() };
}
