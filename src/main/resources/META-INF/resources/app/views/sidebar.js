// The channel list: channels, then direct messages with presence dots; unread and mention badges.
// Arrow keys move through it; Alt+Arrow switches channel from anywhere (see shell.js).

import { h, fill, arrowNavigation, placeInOrder } from './dom.js';
import { channelTitle } from './conversation.js';
import { newChannelDialog, newDirectMessageDialog, inviteDialog, joinWorkspaceDialog } from './dialogs.js';

const STATUS_LABEL = { ONLINE: 'online', AWAY: 'away', DND: 'do not disturb', OFFLINE: 'offline' };

export function sidebarView(ctx, { onSignOut }) {
  const { state, workspaces } = ctx;
  const channelList = h('ul', { class: 'channel-list', 'aria-label': 'Channels' });
  const dmList = h('ul', { class: 'channel-list', 'aria-label': 'Direct messages' });
  const element = h('nav', { class: 'sidebar', 'aria-label': 'Channels and direct messages' },
    h('div', { class: 'sidebar-section' },
      h('h2', {}, 'Channels'),
      h('button', { type: 'button', class: 'add', 'aria-label': 'Create a channel', onclick: () => newChannelDialog(ctx) }, '+')),
    channelList,
    h('div', { class: 'sidebar-section' },
      h('h2', {}, 'Direct messages'),
      h('button', { type: 'button', class: 'add', 'aria-label': 'New direct message', onclick: () => newDirectMessageDialog(ctx) }, '+')),
    dmList,
    h('div', { class: 'sidebar-footer' },
      h('button', { type: 'button', onclick: () => inviteDialog(ctx) }, 'Invite people'),
      h('button', { type: 'button', onclick: () => joinWorkspaceDialog(ctx) }, 'Join or create a workspace'),
      h('button', { type: 'button', onclick: onSignOut }, 'Sign out')));
  arrowNavigation(element, 'button.channel');

  const items = new Map(); // channelId → { item, button }: kept, so focus stays where it is

  function itemFor(channel) {
    if (!items.has(channel.id)) {
      const button = h('button', { type: 'button', 'data-channel-id': channel.id, onclick: () => workspaces.openChannel(channel.id) });
      items.set(channel.id, { item: h('li', {}, button), button });
    }
    const { item, button } = items.get(channel.id);
    const open = channel.id === state.openChannelId;
    const direct = channel.kind === 'DIRECT' || channel.kind === 'GROUP';
    const partner = channel.kind === 'DIRECT' ? channel.people?.[0] : null;
    const status = partner ? state.presence.get(partner.id) ?? 'OFFLINE' : null;
    button.className = ['channel', open && 'active', channel.unreadCount > 0 && 'unread', !channel.isMember && 'not-member'].filter(Boolean).join(' ');
    if (!direct) button.dataset.channelName = channel.name;
    button.dataset.unread = channel.unreadCount;
    button.dataset.mentions = channel.mentionCount;
    button.toggleAttribute('aria-current', open);
    if (open) button.setAttribute('aria-current', 'page');
    const badge = channel.mentionCount > 0
      ? h('span', { class: 'badge badge-mentions', 'aria-label': `${channel.mentionCount} mentions` }, String(channel.mentionCount))
      : channel.unreadCount > 0 ? h('span', { class: 'badge', 'aria-label': `${channel.unreadCount} unread` }, String(channel.unreadCount)) : null;
    fill(button,
      status ? h('span', { class: `presence ${status.toLowerCase()}`, role: 'img', 'aria-label': STATUS_LABEL[status], 'data-status': status }) : null,
      h('span', { class: 'name' }, channelTitle(channel)), badge);
    return item;
  }

  function draw() {
    const channels = [...state.channels.values()];
    for (const id of items.keys()) if (!state.channels.has(id)) items.delete(id);
    placeInOrder(channelList, channels.filter((c) => c.kind === 'PUBLIC' || c.kind === 'PRIVATE').map(itemFor));
    placeInOrder(dmList, channels.filter((c) => c.kind === 'DIRECT' || c.kind === 'GROUP').map(itemFor));
    // One channel is reachable with Tab (the open one, unless the focus is in the list): arrows do the rest.
    if (!element.contains(document.activeElement)) {
      for (const { button } of items.values()) button.tabIndex = button.classList.contains('active') ? 0 : -1;
    }
    const buttons = [...element.querySelectorAll('button.channel')];
    if (buttons.length && !buttons.some((b) => b.tabIndex === 0)) buttons[0].tabIndex = 0;
  }

  state.on('channels', draw);
  state.on('open', draw);
  state.on('presence', draw);
  return { element };
}
