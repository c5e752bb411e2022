// What the client knows, and change notifications for the views. Only the actions (actions.js) and
// live events (events.js) change it; views read it and listen for the topics they draw.
//
// Topics: workspaces, channels, open (the open channel changed), messages (detail: channelId),
// thread, typing, presence, connection, notice, search.

/** Oldest first; messages still being sent (keyed pending:…) last, in the order they were written. */
export function chronological(messages) {
  return [...messages].sort((a, b) => (a.pending ?? 0) - (b.pending ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** One channel's loaded history: top-level messages by id, plus where older pages continue. */
class History {
  messages = new Map();
  olderCursor = null;
  hasOlder = true;
  loading = false;

  ordered() {
    return chronological(this.messages.values());
  }

  newestId() {
    let newest = null;
    for (const message of this.messages.values()) if (!message.pending && (!newest || message.id > newest)) newest = message.id;
    return newest;
  }
}

export class State extends EventTarget {
  features = { files: false, search: false };
  me = null;
  workspaces = [];
  workspaceId = null;
  /** Channels of the current workspace, in the server's order (creation). */
  channels = new Map();
  /** People of the current workspace, and of direct messages, by id. */
  people = new Map();
  /** Channels that live events mention but that belong to another workspace: not fetched again. */
  elsewhere = new Set();
  presence = new Map();
  openChannelId = null;
  /** Set when the open channel disappeared for us (removed, archived): what to say instead. */
  openChannelGone = null;
  histories = new Map();
  /** The open thread: { rootId, channelId, root, replies: Map, loading }. */
  thread = null;
  /** channelId → Map userId → { name, threadId, expiresAt }. */
  typing = new Map();
  connection = 'offline';
  /** { kind: 'offline' | 'rate-limited' | 'forbidden' | 'error', text, until? } or null. */
  notice = null;
  /** { query, results, loading, error } or null. */
  search = null;

  changed(topic, detail = null) {
    this.dispatchEvent(new CustomEvent(topic, { detail }));
  }

  on(topic, listener) {
    this.addEventListener(topic, (event) => listener(event.detail));
  }

  history(channelId) {
    if (!this.histories.has(channelId)) this.histories.set(channelId, new History());
    return this.histories.get(channelId);
  }

  openChannel() {
    return this.channels.get(this.openChannelId) ?? null;
  }

  putChannel(channel) {
    const known = this.channels.get(channel.id);
    this.channels.set(channel.id, { ...known, ...channel });
    this.changed('channels');
  }

  removeChannel(channelId) {
    this.channels.delete(channelId);
    this.histories.delete(channelId);
    this.changed('channels');
  }

  putPerson(person) {
    if (!person?.id) return;
    this.people.set(person.id, { ...this.people.get(person.id), ...person });
  }

  setPresence(userId, status) {
    this.presence.set(userId, status);
    this.changed('presence');
  }

  /**
   * A message as the server has it now (new, edited, deleted, reacted to, thread summary changed).
   * Top-level messages go to their channel's history if it is loaded; replies to the open thread.
   * `settles`: the key of the pending copy this message replaces (the sendMessage answer).
   */
  putMessage(channelId, message, settles = null) {
    for (const person of [message.author, ...(message.mentions ?? [])]) this.putPerson(person);
    const reply = Boolean(message.threadId);
    const target = reply ? (this.thread?.rootId === message.threadId ? this.thread.replies : null)
      : this.histories.get(channelId)?.messages;
    if (target) {
      if (settles) target.delete(settles);
      else if (!target.has(message.id)) dropPendingLike(target, message);
      target.set(message.id, message);
      this.changed(reply ? 'thread' : 'messages', channelId);
    }
    if (!reply && this.thread?.rootId === message.id) {
      this.thread.root = message;
      this.changed('thread');
    }
  }

  /** Shows a message at once, before the server has it (the composer's optimistic display). */
  putPending(channelId, pending) {
    const target = pending.threadId ? this.thread?.replies : this.histories.get(channelId)?.messages;
    if (!target) return;
    target.set(pending.key, pending);
    this.changed(pending.threadId ? 'thread' : 'messages', channelId);
  }

  /** The send finished: the pending copy gives way to the stored message, or shows that it failed. */
  settlePending(channelId, pending, stored, failure) {
    if (stored) return this.putMessage(channelId, stored, pending.key);
    const target = pending.threadId ? this.thread?.replies : this.histories.get(channelId)?.messages;
    if (!target?.has(pending.key)) return;
    target.set(pending.key, { ...pending, failed: failure.message });
    this.changed(pending.threadId ? 'thread' : 'messages', channelId);
  }

  setNotice(notice) {
    this.notice = notice;
    this.changed('notice');
  }
}

/**
 * The event for our own new message may arrive before sendMessage answers: the oldest pending copy
 * with the same text gives way, so the message never shows twice.
 */
function dropPendingLike(messages, stored) {
  for (const [key, message] of messages) {
    if (message.pending && !message.failed && message.author?.id === stored.author?.id && message.text === stored.text) {
      messages.delete(key);
      return;
    }
  }
}
