// Workspaces, people, channels and read markers: loading them and the actions on them.

import * as ops from './operations.js';
import { requestShowingNotices } from './notices.js';

const DIRECT = new Set(['DIRECT', 'GROUP']);

export class Workspaces {
  #countTimers = new Map();
  #readTimers = new Map();

  constructor(session, state, messaging) {
    this.session = session;
    this.state = state;
    this.messaging = messaging;
    this.request = requestShowingNotices(session, state);
  }

  /** Who I am and my workspaces; resolves to the workspace to open. */
  async loadMe() {
    const { me, workspaces } = await this.request(ops.ME);
    this.state.me = me;
    this.state.putPerson(me);
    this.state.workspaces = workspaces;
    this.state.changed('workspaces');
    return workspaces.some((w) => w.id === me.currentWorkspace?.id) ? me.currentWorkspace.id : workspaces[0]?.id;
  }

  /** Switches to a workspace and loads its people; returns the others' ids, whose presence to follow. */
  async open(workspaceId) {
    const { state } = this;
    state.workspaceId = workspaceId;
    state.channels.clear();
    state.histories.clear();
    state.elsewhere.clear();
    state.people.clear();
    state.putPerson(state.me);
    state.thread = null;
    state.openChannelId = null;
    state.changed('workspaces');
    this.request(ops.SWITCH_WORKSPACE, { id: workspaceId }).catch(() => {});
    const members = await this.request(ops.MEMBERS, { w: workspaceId });
    for (const { user } of members.workspace?.members.nodes ?? []) {
      if (!user) continue;
      state.putPerson({ id: user.id, name: user.name, member: true });
      state.presence.set(user.id, user.presence.status);
    }
    state.changed('presence');
    return [...state.people.values()].filter((p) => p.member && p.id !== state.me.id).map((p) => p.id);
  }

  /** Loads the channel list (every page) and the people of its DMs, then opens a channel. */
  async loadChannels(preferredChannelId = null) {
    const { state } = this;
    const channels = [];
    let after = null;
    do {
      const { channels: page } = await this.request(ops.CHANNELS, { w: state.workspaceId, after });
      channels.push(...page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    state.channels.clear();
    for (const channel of channels) state.channels.set(channel.id, channel);
    await this.#loadDmPeople(channels.filter((c) => DIRECT.has(c.kind)).map((c) => c.id));
    state.changed('channels');
    const next = state.channels.has(preferredChannelId) ? preferredChannelId
      : channels.find((c) => c.name === 'general' && c.kind === 'PUBLIC')?.id ?? channels[0]?.id;
    if (next) await this.openChannel(next);
  }

  async #loadDmPeople(channelIds) {
    for (let i = 0; i < channelIds.length; i += 20) {
      const { query, variables } = ops.dmPeople(channelIds.slice(i, i + 20));
      const data = await this.request(query, variables);
      for (const found of Object.values(data)) {
        if (!found) continue;
        const people = found.members.nodes;
        people.forEach((person) => this.state.putPerson(person));
        const channel = this.state.channels.get(found.id);
        if (channel) channel.people = people.filter((p) => p.id !== this.state.me.id);
      }
    }
  }

  /** A channel appeared or changed (joined, added to a DM, renamed, archived): fetch it as I see it now. */
  async refreshChannel(channelId) {
    let channel;
    try {
      ({ channel } = await this.session.request(ops.CHANNEL_BY_ID, { id: channelId }));
    } catch (error) {
      if (error.code !== 'NOT_FOUND') return; // offline or failing: keep what we show
      channel = null;
    }
    const { state } = this;
    const visible = channel && !channel.archived && (channel.kind === 'PUBLIC' || channel.isMember);
    if (!visible) {
      if (state.openChannelId === channelId) {
        state.openChannelGone = channel?.archived ? 'This channel was archived.' : 'You no longer have access to this channel.';
        state.changed('open');
      }
      if (!channel || channel.archived || channel.kind !== 'PUBLIC') state.removeChannel(channelId);
      return;
    }
    if (channel.workspace && channel.workspace.id !== state.workspaceId) {
      state.elsewhere.add(channelId);
      return;
    }
    if (DIRECT.has(channel.kind) && !state.channels.get(channelId)?.people) {
      state.channels.set(channel.id, channel);
      await this.#loadDmPeople([channel.id]);
    }
    state.putChannel(channel);
  }

  /** Re-reads a channel's unread and mention counts (exact, from the server), at most every 300 ms. */
  refreshCounts(channelId) {
    debounce(this.#countTimers, channelId, 300, async () => {
      const { channel } = await this.session.request(ops.COUNTS, { id: channelId }).catch(() => ({ channel: null }));
      if (channel && this.state.channels.has(channelId)) this.state.putChannel(channel);
    });
  }

  /** Moves my read marker to the newest message of an open, visible channel. */
  markRead(channelId) {
    debounce(this.#readTimers, channelId, 150, async () => {
      const channel = this.state.channels.get(channelId);
      const newest = this.state.histories.get(channelId)?.newestId();
      if (!channel?.isMember || !newest || document.hidden) return;
      if (channel.lastReadMessageId && channel.lastReadMessageId >= newest && !channel.unreadCount && !channel.mentionCount) return;
      const { markChannelRead } = await this.request(ops.MARK_READ, { c: channelId, m: newest });
      this.state.putChannel(markChannelRead);
    });
  }

  /** Shows a channel: its newest messages (loaded once), and marks it read. */
  async openChannel(channelId) {
    const { state } = this;
    state.openChannelId = channelId;
    state.openChannelGone = null;
    if (state.thread && state.thread.channelId !== channelId) state.thread = null;
    state.changed('open');
    state.changed('thread');
    if (!state.histories.has(channelId)) await this.messaging.loadOlder(channelId);
    this.markRead(channelId);
  }

  async join(channelId) {
    const { joinChannel } = await this.request(ops.JOIN_CHANNEL, { id: channelId });
    this.state.putChannel(joinChannel);
    this.state.changed('open');
  }

  async createChannel(name, isPrivate) {
    const { createChannel } = await this.request(ops.CREATE_CHANNEL, { input: { workspaceId: this.state.workspaceId, name, isPrivate } });
    this.state.putChannel(createChannel);
    await this.openChannel(createChannel.id);
  }

  async openDirectMessage(userId) {
    const { openDirectMessage } = await this.request(ops.OPEN_DM, { w: this.state.workspaceId, people: [this.state.me.id, userId] });
    this.state.channels.set(openDirectMessage.id, openDirectMessage);
    await this.#loadDmPeople([openDirectMessage.id]);
    this.state.putChannel(openDirectMessage);
    await this.openChannel(openDirectMessage.id);
  }

  async createInvite() {
    const { createInvite } = await this.request(ops.CREATE_INVITE, { w: this.state.workspaceId });
    return createInvite;
  }

  /** Joins a workspace by invite code; resolves to its id. */
  async acceptInvite(code) {
    const { acceptInvite } = await this.request(ops.ACCEPT_INVITE, { code });
    await this.loadMe();
    return acceptInvite.id;
  }

  async createWorkspace(name) {
    const { createWorkspace } = await this.request(ops.CREATE_WORKSPACE, { name });
    await this.loadMe();
    return createWorkspace.id;
  }

  async setPresence(status) {
    await this.request(ops.SET_PRESENCE, { s: status });
  }
}

function debounce(timers, key, ms, task) {
  clearTimeout(timers.get(key));
  timers.set(key, setTimeout(() => {
    timers.delete(key);
    task().catch(() => {});
  }, ms));
}
