// Messages: history pages, sending (idempotent, shown at once), editing, deleting, reactions,
// threads, typing and search.

import { requestShowingNotices } from './notices.js';
import { START_TYPING } from './operations.js';

/** startTyping at most this often per channel: the server shows the indicator for 5 s per call. */
const TYPING_EVERY_MS = 3_000;
let pendingSequence = 0;

/** A clientMessageId: a retry with the same one returns the first message instead of a second. */
function newClientMessageId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export class Messaging {
  #typingSent = new Map();
  /** Per channel, the send in progress: sends go one after another, so the server stores them in the order written. */
  #sending = new Map();

  constructor(session, state, ops) {
    this.session = session;
    this.state = state;
    this.ops = ops;
    this.request = requestShowingNotices(session, state);
  }

  /** The next older page of a channel (the newest page first). */
  async loadOlder(channelId) {
    const history = this.state.history(channelId);
    if (history.loading || !history.hasOlder) return;
    history.loading = true;
    try {
      const { messages } = await this.request(this.ops.HISTORY, { c: channelId, after: history.olderCursor });
      for (const message of messages.nodes) {
        this.state.putPerson(message.author);
        if (!history.messages.has(message.id)) history.messages.set(message.id, message);
      }
      history.olderCursor = messages.pageInfo.endCursor;
      history.hasOlder = messages.pageInfo.hasNextPage;
    } finally {
      history.loading = false;
      this.state.changed('messages', channelId);
    }
  }

  /** Loads older pages until the message is among them (ids sort by time); true if it was found. */
  async loadUntil(channelId, messageId) {
    const history = this.state.history(channelId);
    for (let pages = 0; !history.messages.has(messageId) && history.hasOlder && pages < 40; pages++) {
      await this.loadOlder(channelId);
    }
    return history.messages.has(messageId);
  }

  /** Sends a message (or a thread reply), shown at once; on failure it stays, marked, to retry. */
  async send(channelId, text, { threadId = null, files = [] } = {}) {
    const clientMessageId = newClientMessageId();
    const pending = {
      key: `pending:${clientMessageId}`, id: `pending:${clientMessageId}`, pending: ++pendingSequence, clientMessageId,
      channelId, threadId, text, files, author: this.state.me, createdAt: new Date().toISOString(),
      reactions: [], mentions: [], replyUsers: [], replyCount: 0, deleted: false,
    };
    this.state.putPending(channelId, pending);
    this.#typingSent.delete(`${channelId}/${threadId}`); // the others stop showing me typing when it arrives
    return this.#deliver(pending);
  }

  /** Sends a failed message again with the same clientMessageId: it can never be stored twice. */
  retry(pending) {
    this.state.putPending(pending.channelId, { ...pending, failed: null });
    return this.#deliver(pending);
  }

  #deliver(pending) {
    const previous = this.#sending.get(pending.channelId) ?? Promise.resolve();
    const delivery = previous.then(() => this.#sendNow(pending));
    this.#sending.set(pending.channelId, delivery);
    return delivery;
  }

  async #sendNow(pending) {
    const input = { channelId: pending.channelId, text: pending.text, clientMessageId: pending.clientMessageId };
    if (pending.threadId) input.threadId = pending.threadId;
    if (pending.files.length) input.fileIds = pending.files.map((file) => file.id);
    try {
      const { sendMessage } = await this.request(this.ops.SEND, { input });
      this.state.settlePending(pending.channelId, pending, sendMessage, null);
    } catch (error) {
      this.state.settlePending(pending.channelId, pending, null, error);
    }
  }

  async edit(channelId, message, text) {
    const { editMessage } = await this.request(this.ops.EDIT, { id: message.id, text });
    this.state.putMessage(channelId, editMessage);
  }

  async remove(channelId, message) {
    const { deleteMessage } = await this.request(this.ops.DELETE, { id: message.id });
    this.state.putMessage(channelId, deleteMessage);
  }

  async toggleReaction(channelId, message, emoji) {
    const mine = message.reactions.some((r) => r.emoji === emoji && r.reactedByMe);
    const data = await this.request(mine ? this.ops.REMOVE_REACTION : this.ops.ADD_REACTION, { m: message.id, e: emoji });
    this.state.putMessage(channelId, mine ? data.removeReaction : data.addReaction);
  }

  async openThread(channelId, rootId) {
    const { state } = this;
    state.thread = { channelId, rootId, root: state.histories.get(channelId)?.messages.get(rootId) ?? null, replies: new Map(), loading: true };
    state.changed('thread');
    try {
      const { message, thread } = await this.request(this.ops.THREAD, { m: rootId, after: null });
      if (state.thread?.rootId !== rootId) return;
      state.thread.root = message;
      for (const reply of thread.nodes) state.thread.replies.set(reply.id, reply);
    } finally {
      if (state.thread?.rootId === rootId) state.thread.loading = false;
      state.changed('thread');
    }
  }

  closeThread() {
    this.state.thread = null;
    this.state.changed('thread');
  }

  /** Tells the others I am typing (called on every keystroke; sent at most every few seconds). */
  typing(channelId, threadId = null) {
    const key = `${channelId}/${threadId}`;
    if (Date.now() - (this.#typingSent.get(key) ?? 0) < TYPING_EVERY_MS) return;
    this.#typingSent.set(key, Date.now());
    this.session.request(START_TYPING, { c: channelId, t: threadId }).catch(() => {});
  }

  async search(query) {
    const { state } = this;
    // Searching the same words again keeps the results on screen until the new ones arrive.
    const shown = state.search?.query === query ? state.search.results : [];
    state.search = { query, results: shown, loading: true, error: null };
    state.changed('search');
    try {
      const { search } = await this.request(this.ops.SEARCH, { w: state.workspaceId, q: query, after: null });
      if (state.search?.query !== query) return;
      state.search.results = search.nodes.map((node) => node.message).filter(Boolean);
    } catch (error) {
      if (state.search?.query === query) state.search.error = error.message;
    } finally {
      if (state.search?.query === query) state.search.loading = false;
      state.changed('search');
    }
  }

  closeSearch() {
    this.state.search = null;
    this.state.changed('search');
  }
}
