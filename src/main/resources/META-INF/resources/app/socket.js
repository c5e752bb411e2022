// A graphql-transport-ws client for one WebSocket connection (the protocol graphql-ws speaks:
// https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md). Reconnecting is the caller's
// job (live.js), since only it knows where to resume from.
//
//   client → connection_init {payload}     server → connection_ack
//   client → subscribe {id, payload}       server → next {id, payload} … complete {id} | error {id, payload}
//   client → complete {id}                 (stop one subscription)
//   either → ping / pong                   (keep-alive; the server's pings keep you ONLINE)

/** How long the server has to acknowledge connection_init, and to answer a ping. */
const ACK_TIMEOUT_MS = 5_000;
const PONG_TIMEOUT_MS = 5_000;
/** The client pings this often, so a dead connection (no pong) is noticed within ping + pong timeout. */
const PING_EVERY_MS = 10_000;

export const CLOSE = {
  NORMAL: 1000,
  SEND_BUFFER_OVERFLOW: 1013,
  BAD_TOKEN: 4403, // bad, expired or signed-out token: reconnect with a fresh one
  ACK_TIMEOUT: 4504,
  PONG_TIMEOUT: 4505,
};

/**
 * Opens a socket and sends connection_init with `payload` (here: the Authorization token).
 * `onAck()` runs once the server accepted it, `onClose({code, reason})` once it ends, for any reason.
 */
export function openSocket(url, payload, { onAck, onClose }) {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  const sinks = new Map(); // operation id → { next, error, complete }
  let nextId = 1;
  let closed = false;
  let ackTimer = null;
  let pingTimer = null;
  let pongTimer = null;

  const send = (message) => socket.readyState === WebSocket.OPEN && socket.send(JSON.stringify(message));
  const close = (code = CLOSE.NORMAL, reason = '') => {
    if (closed) return;
    closed = true;
    clearTimeout(ackTimer);
    clearInterval(pingTimer);
    clearTimeout(pongTimer);
    if (socket.readyState <= WebSocket.OPEN) socket.close(code < 4000 && code !== 1000 ? 1000 : code, reason);
    onClose({ code, reason });
  };

  socket.addEventListener('open', () => {
    send({ type: 'connection_init', payload });
    ackTimer = setTimeout(() => close(CLOSE.ACK_TIMEOUT, 'No connection_ack'), ACK_TIMEOUT_MS);
  });
  socket.addEventListener('close', (event) => close(event.code, event.reason));
  socket.addEventListener('message', (event) => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      return close(4400, 'Malformed message');
    }
    clearTimeout(pongTimer); // anything from the server shows the connection is alive
    switch (message.type) {
      case 'connection_ack':
        clearTimeout(ackTimer);
        pingTimer = setInterval(() => {
          send({ type: 'ping' });
          clearTimeout(pongTimer);
          pongTimer = setTimeout(() => close(CLOSE.PONG_TIMEOUT, 'No pong'), PONG_TIMEOUT_MS);
        }, PING_EVERY_MS);
        onAck();
        break;
      case 'ping':
        send({ type: 'pong' });
        break;
      case 'next':
        sinks.get(message.id)?.next(message.payload);
        break;
      case 'error': {
        const sink = sinks.get(message.id);
        sinks.delete(message.id);
        sink?.error(message.payload);
        break;
      }
      case 'complete': {
        const sink = sinks.get(message.id);
        sinks.delete(message.id);
        sink?.complete();
        break;
      }
      default:
        break; // pong, or something newer than this client
    }
  });

  return {
    /** Starts an operation; returns a function that stops it. */
    subscribe(query, variables, sink) {
      const id = String(nextId++);
      sinks.set(id, sink);
      send({ type: 'subscribe', id, payload: { query, variables } });
      return () => {
        if (sinks.delete(id)) send({ type: 'complete', id });
      };
    },
    close,
  };
}
