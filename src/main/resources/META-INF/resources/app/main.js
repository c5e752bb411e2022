// Parley's reference web client: wiring. Read in this order to see how a frontend uses the API:
//   session.js (tokens) → graphql.js (HTTP) → socket.js + live.js (one events subscription, resume)
//   → events.js (what each event does) → workspace.js, messaging.js, uploads.js (actions) → views/.

import { Session } from './session.js';
import { messageOperations } from './operations.js';
import { State } from './state.js';
import { Live } from './live.js';
import { applyingEvents } from './events.js';
import { Workspaces } from './workspace.js';
import { Messaging } from './messaging.js';
import { Uploads } from './uploads.js';
import { authView } from './views/auth.js';
import { shellView } from './views/shell.js';
import { h } from './views/dom.js';

const root = document.getElementById('app');
const features = await fetch('/app/features.json').then((r) => r.json()).catch(() => ({ files: false, search: false }));
const ops = messageOperations(features);
const state = new State();
state.features = features;
const session = new Session();
const messaging = new Messaging(session, state, ops);
const workspaces = new Workspaces(session, state, messaging);
const uploads = new Uploads(session, state, ops);
const live = new Live({
  session,
  query: ops.EVENTS,
  onEvent: applyingEvents(state, workspaces),
  onReload: () => workspaces.loadChannels(state.openChannelId),
});
live.addEventListener('status', (event) => {
  state.connection = event.detail;
  state.changed('connection');
});

const ctx = { state, session, workspaces, messaging, uploads, openWorkspace };

/** Opens a workspace: its people first (whose presence the subscription follows), then live, then its channels. */
async function openWorkspace(workspaceId) {
  const people = await workspaces.open(workspaceId);
  // Subscribed before the channels and messages load, so nothing committed after that load is
  // missed; what arrives twice (in the load and as an event) is stored by id, once.
  if (live.running) live.watchPresence(people);
  else await live.start(people);
  await workspaces.loadChannels();
}

function inviteCode() {
  return new URLSearchParams(location.hash.slice(1)).get('invite');
}

async function enter() {
  let workspaceId = await workspaces.loadMe();
  const code = inviteCode();
  if (code) {
    history.replaceState(null, '', location.pathname);
    workspaceId = await workspaces.acceptInvite(code).catch(() => workspaceId);
  }
  const shell = shellView(ctx, { onSignOut: () => session.signOut() });
  root.replaceChildren(shell.element);
  if (workspaceId) await openWorkspace(workspaceId);
  shell.focusComposer();
}

function showSignIn() {
  root.replaceChildren(authView(session, { onSignedIn: enter, invited: Boolean(inviteCode()) }).element);
}

session.addEventListener('signedout', () => {
  live.stop();
  location.reload(); // a clean slate: nothing of the last person stays in memory
});

/** Signed in again from this tab's refresh token, or the sign-in form; while the server is out of reach, starts over. */
async function start() {
  try {
    if (await session.resume()) await enter();
    else showSignIn();
  } catch {
    root.replaceChildren(h('p', { class: 'loading', role: 'status' }, 'Parley cannot be reached just now. Trying again…'));
    setTimeout(() => location.reload(), 3_000);
  }
}

start();
