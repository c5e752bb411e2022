// Every GraphQL operation the client sends, in one place (names as in docs/API.md).
// Message-bearing documents depend on the server's features: attachments only where it has files.

const AUTH = 'accessToken refreshToken expiresAt user { id name email }';

export const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { ${AUTH} } }`;
export const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { ${AUTH} } }`;
export const REFRESH = `mutation($refreshToken: String!) { refreshToken(refreshToken: $refreshToken) { ${AUTH} } }`;
export const LOGOUT = 'mutation { logout }';

export const ME = '{ me { id name email currentWorkspace { id } } workspaces { id name role } }';
export const SWITCH_WORKSPACE = 'mutation($id: ID!) { switchWorkspace(id: $id) { id } }';
export const CREATE_WORKSPACE = 'mutation($name: String!) { createWorkspace(input: { name: $name }) { id name role } }';
export const CREATE_INVITE = 'mutation($w: ID!) { createInvite(workspaceId: $w) { code expiresAt } }';
export const ACCEPT_INVITE = 'mutation($code: String!) { acceptInvite(code: $code) { id name role } }';
export const MEMBERS = `query($w: ID!) { workspace(id: $w) { members(first: 200) {
  nodes { role user { id name presence { status } } } } } }`;

const CHANNEL = `fragment ChannelFields on Channel {
  id name kind topic archived isMember memberCount unreadCount mentionCount lastReadMessageId }`;
export const CHANNELS = `query($w: ID!, $after: String) { channels(workspaceId: $w, first: 200, after: $after) {
  nodes { ...ChannelFields } pageInfo { hasNextPage endCursor } } } ${CHANNEL}`;
export const CHANNEL_BY_ID = `query($id: ID!) { channel(id: $id) { ...ChannelFields workspace { id } } } ${CHANNEL}`;
export const COUNTS = 'query($id: ID!) { channel(id: $id) { id unreadCount mentionCount lastReadMessageId } }';
export const MARK_READ = `mutation($c: ID!, $m: ID!) { markChannelRead(channelId: $c, messageId: $m) {
  id unreadCount mentionCount lastReadMessageId } }`;
export const CREATE_CHANNEL = `mutation($input: CreateChannelInput!) { createChannel(input: $input) { ...ChannelFields } } ${CHANNEL}`;
export const JOIN_CHANNEL = `mutation($id: ID!) { joinChannel(id: $id) { ...ChannelFields } } ${CHANNEL}`;
export const OPEN_DM = `mutation($w: ID!, $people: [String!]!) { openDirectMessage(workspaceId: $w, userIds: $people) {
  ...ChannelFields } } ${CHANNEL}`;

/** The people of several direct messages at once (one aliased field per channel). */
export function dmPeople(channelIds) {
  const params = channelIds.map((_, i) => `$c${i}: ID!`).join(', ');
  const fields = channelIds.map((_, i) => `c${i}: channel(id: $c${i}) { id members(first: 8) { nodes { id name } } }`).join(' ');
  const variables = Object.fromEntries(channelIds.map((id, i) => [`c${i}`, id]));
  return { query: `query(${params}) { ${fields} }`, variables };
}

export const START_TYPING = 'mutation($c: ID!, $t: ID) { startTyping(channelId: $c, threadId: $t) }';
export const SET_PRESENCE = 'mutation($s: PresenceStatus!) { setPresence(status: $s) { status } }';

/** The documents that carry messages, for a server with these features. */
export function messageOperations(features) {
  const files = features.files ? 'files { id name contentType size url thumbnailUrl }' : '';
  const MESSAGE = `fragment MessageFields on Message {
    id threadId text createdAt editedAt deleted replyCount lastReplyAt mentionsChannel
    author { id name } mentions { id name } replyUsers { id name }
    reactions { emoji count reactedByMe users { id name } } ${files} }`;
  const page = 'pageInfo { hasNextPage endCursor }';
  return {
    HISTORY: `query($c: ID!, $after: String) { messages(channelId: $c, first: 50, after: $after) {
      nodes { ...MessageFields } ${page} } } ${MESSAGE}`,
    THREAD: `query($m: ID!, $after: String) { message(id: $m) { ...MessageFields }
      thread(messageId: $m, first: 100, after: $after) { nodes { ...MessageFields } ${page} } } ${MESSAGE}`,
    SEND: `mutation($input: SendMessageInput!) { sendMessage(input: $input) { ...MessageFields } } ${MESSAGE}`,
    EDIT: `mutation($id: ID!, $text: String!) { editMessage(id: $id, text: $text) { ...MessageFields } } ${MESSAGE}`,
    DELETE: `mutation($id: ID!) { deleteMessage(id: $id) { ...MessageFields } } ${MESSAGE}`,
    ADD_REACTION: `mutation($m: ID!, $e: String!) { addReaction(messageId: $m, emoji: $e) { ...MessageFields } } ${MESSAGE}`,
    REMOVE_REACTION: `mutation($m: ID!, $e: String!) { removeReaction(messageId: $m, emoji: $e) { ...MessageFields } } ${MESSAGE}`,
    SEARCH: `query($w: ID!, $q: String!, $after: String) {
      search(workspaceId: $w, query: $q, kinds: [MESSAGE], first: 20, after: $after) {
        nodes { message { ...MessageFields channel { id name } } } ${page} } } ${MESSAGE}`,
    CREATE_UPLOAD: 'mutation($input: CreateUploadInput!) { createUpload(input: $input) { fileId uploadUrl expiresAt } }',
    COMPLETE_UPLOAD: 'mutation($id: ID!) { completeUpload(fileId: $id) { id name contentType size url thumbnailUrl } }',
    // The one subscription: everything in every channel and DM, resumable from a cursor. Typing and
    // presence ride along; `channel` is left out (it would cost a read per event) and fetched when it changes.
    EVENTS: `subscription($after: String, $presenceOf: [String!]) { events(after: $after, presenceOf: $presenceOf) {
      cursor type channelId readMessageId user { id name }
      message { ...MessageFields }
      typing { threadId expiresAt user { id name } }
      presence { status user { id } } } } ${MESSAGE}`,
  };
}
