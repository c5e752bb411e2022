// Live updates: one WebSocket, one `events` subscription for everything, resumed from the cursor of
// the last event processed after every disconnect, so the client gets exactly what it missed, once.
//
//   - the token goes in connection_init (browsers cannot set headers on a WebSocket);
//   - 4403 (token expired or revoked): reconnect with a fresh token;
//   - the browser says it is offline: close at once, reconnect when it is back online;
//   - anything else: reconnect with backoff (0.5 s, 1 s, 2 s … 15 s);
//   - a cursor the server no longer knows (BAD_USER_INPUT on `after`): reload, subscribe afresh.

import { openSocket, CLOSE } from './socket.js';

const MAX_BACKOFF_MS = 15_000;

export class Live extends EventTarget {
  #session;
  #query;
  #onEvent;
  #onReload;
  #socket = null;
  #stopSubscription = null;
  #cursor = null;
  #presenceOf = [];
  #attempt = 0;
  #retryTimer = null;
  #running = false;
  #token = null;
  #whenSubscribed = () => {};
  status = 'offline';

  /**
   * @param session   gives access tokens (session.js)
   * @param query     the `events` subscription document
   * @param onEvent   applies one event to the client's state
   * @param onReload  reloads everything (after the cursor became too old); returns a promise
   */
  constructor({ session, query, onEvent, onReload }) {
    super();
    this.#session = session;
    this.#query = query;
    this.#onEvent = onEvent;
    this.#onReload = onReload;
    window.addEventListener('offline', () => this.#socket?.close(CLOSE.NORMAL, 'Browser offline'));
    window.addEventListener('online', () => this.#reconnectNow());
  }

  get running() {
    return this.#running;
  }

  /**
   * Connects and subscribes, with presence changes of these people. Resolves once the subscription
   * is sent (or after a few seconds without a connection), so that what the caller loads next is
   * already covered by it: nothing committed after that load can be missed.
   */
  start(presenceOf = []) {
    this.#presenceOf = [...presenceOf].sort();
    this.#running = true;
    const subscribed = new Promise((resolve) => {
      this.#whenSubscribed = resolve;
      setTimeout(resolve, 3_000);
    });
    this.#connect();
    return subscribed;
  }

  stop() {
    this.#running = false;
    clearTimeout(this.#retryTimer);
    this.#socket?.close(CLOSE.NORMAL, 'Signed out');
    this.#cursor = null;
  }

  /** Follows the presence of other people: subscribes again from the cursor (nothing is missed). */
  watchPresence(userIds) {
    const sorted = [...userIds].sort();
    if (sorted.join() === this.#presenceOf.join()) return;
    this.#presenceOf = sorted;
    if (this.status === 'online') this.#subscribe();
  }

  async #connect() {
    if (!this.#running || this.#socket) return;
    if (!navigator.onLine) return this.#setStatus('offline'); // 'online' will call us
    this.#setStatus('connecting');
    try {
      this.#token = await this.#session.accessToken();
    } catch (error) {
      if (error.code === 'UNAUTHENTICATED') return this.stop(); // signed out
      return this.#retryLater();
    }
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
    this.#socket = openSocket(url, { Authorization: `Bearer ${this.#token}` }, {
      onAck: () => {
        this.#attempt = 0;
        this.#setStatus('online');
        this.#subscribe();
      },
      onClose: ({ code }) => this.#closed(code),
    });
  }

  #subscribe() {
    this.#stopSubscription?.();
    this.#stopSubscription = this.#socket.subscribe(this.#query, { after: this.#cursor, presenceOf: this.#presenceOf }, {
      next: ({ data, errors }) => {
        if (errors?.length) return this.#failed(errors);
        this.#onEvent(data.events);
        this.#cursor = data.events.cursor; // only once applied: a crash in between replays it
      },
      error: (errors) => this.#failed(errors),
      complete: () => {},
    });
    this.#whenSubscribed();
  }

  async #failed(errors) {
    this.#stopSubscription = null;
    const ext = errors?.[0]?.extensions ?? {};
    if (ext.code === 'BAD_USER_INPUT' && ext.field === 'after') {
      this.#cursor = null; // too old to resume: start from now, then reload what we show
      this.#subscribe();
      await this.#onReload();
    } else if (ext.code === 'UNAUTHENTICATED') {
      this.#socket?.close(CLOSE.BAD_TOKEN, 'Token refused');
    } else {
      this.#socket?.close(4500, 'Subscription failed'); // reconnect with backoff, from the cursor
    }
  }

  async #closed(code) {
    this.#socket = null;
    this.#stopSubscription = null;
    if (!this.#running) return this.#setStatus('offline');
    if (code === CLOSE.BAD_TOKEN) {
      this.#setStatus('connecting');
      try {
        await this.#session.renewed(this.#token);
      } catch (error) {
        if (error.code === 'UNAUTHENTICATED') return this.stop(); // signed out elsewhere
      }
      return this.#connect();
    }
    this.#setStatus('offline');
    this.#retryLater();
  }

  #retryLater() {
    clearTimeout(this.#retryTimer);
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.#attempt++) * (0.8 + Math.random() * 0.4);
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  #reconnectNow() {
    clearTimeout(this.#retryTimer);
    this.#attempt = 0;
    this.#connect();
  }

  #setStatus(status) {
    if (status === this.status) return;
    this.status = status;
    this.dispatchEvent(new CustomEvent('status', { detail: status }));
  }
}
