// What each live event does to the client. Events carry the message as it is after the change, so
// most just replace what is shown; counts are re-read from the server, which keeps them exact.

export function applyingEvents(state, workspaces) {
  const typingTimers = new Map();

  function showTyping(channelId, typing) {
    const key = `${channelId}/${typing.user.id}`;
    if (!state.typing.has(channelId)) state.typing.set(channelId, new Map());
    state.typing.get(channelId).set(typing.user.id, { name: typing.user.name, threadId: typing.threadId, expiresAt: Date.parse(typing.expiresAt) });
    clearTimeout(typingTimers.get(key));
    typingTimers.set(key, setTimeout(() => stopTyping(channelId, typing.user.id), Math.max(0, Date.parse(typing.expiresAt) - Date.now())));
    state.changed('typing', channelId);
  }

  function stopTyping(channelId, userId) {
    if (state.typing.get(channelId)?.delete(userId)) state.changed('typing', channelId);
  }

  function newMessage(event, channel) {
    const { message } = event;
    state.putMessage(event.channelId, message);
    stopTyping(event.channelId, message.author?.id);
    if (message.threadId || message.author?.id === state.me.id) return; // neither counts as unread
    if (event.channelId === state.openChannelId && !document.hidden && channel.isMember) workspaces.markRead(event.channelId);
    else workspaces.refreshCounts(event.channelId);
  }

  return function apply(event) {
    const channel = event.channelId ? state.channels.get(event.channelId) : null;
    const known = Boolean(channel);
    switch (event.type) {
      case 'MESSAGE_CREATED':
        // A channel not listed may be a new DM whose join is still being fetched, or another workspace's.
        if (known) newMessage(event, channel);
        else if (!state.elsewhere.has(event.channelId)) workspaces.refreshChannel(event.channelId);
        break;
      case 'MESSAGE_DELETED':
        if (known) {
          state.putMessage(event.channelId, event.message);
          workspaces.refreshCounts(event.channelId); // deleting an unread message takes it off the count
        }
        break;
      case 'MESSAGE_EDITED':
      case 'REACTION_ADDED':
      case 'REACTION_REMOVED':
      case 'THREAD_UPDATED':
        if (known) state.putMessage(event.channelId, event.message);
        break;
      case 'MEMBER_JOINED':
      case 'MEMBER_LEFT':
        // Mine adds or removes a channel; someone joining #general is new in the workspace.
        if (event.user?.id === state.me.id) workspaces.refreshChannel(event.channelId);
        else if (event.type === 'MEMBER_JOINED' && channel?.name === 'general' && channel.kind === 'PUBLIC') state.putPerson({ ...event.user, member: true });
        break;
      case 'CHANNEL_UPDATED':
        if (known) workspaces.refreshChannel(event.channelId);
        break;
      case 'CHANNEL_READ':
        // My read marker moved: from another tab or device unless this one moved it there already.
        if (known && !(channel.lastReadMessageId >= event.readMessageId)) workspaces.refreshCounts(event.channelId);
        break;
      case 'TYPING':
        if (known) showTyping(event.channelId, event.typing);
        break;
      case 'PRESENCE_CHANGED':
        state.setPresence(event.presence.user.id, event.presence.status);
        break;
      default:
        break; // NOTIFICATION, and types newer than this client
    }
  };
}
