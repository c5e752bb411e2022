// One message: author, time, text, files, reactions, thread summary, and its actions
// (react, reply in thread, edit and delete for one's own).

import { h, fill, time, arrowNavigation } from './dom.js';
import { renderText } from './text.js';

export const QUICK_REACTIONS = ['👍', '❤️', '😄', '🎉', '👀', '✅'];

/**
 * @param message   as the server sent it (or a pending copy)
 * @param ctx       { state, messaging }
 * @param options   { channelId, inThread, terms }
 */
export function messageElement(message, ctx, { channelId, inThread = false, terms = [] }) {
  const { state } = ctx;
  const mine = message.author?.id === state.me.id;
  const element = h('li', {
    class: ['message', mine && 'mine', message.pending && 'pending', message.failed && 'failed', message.deleted && 'deleted']
      .filter(Boolean).join(' '),
    'data-message-id': message.pending ? null : message.id,
    tabindex: '-1',
  });
  const body = h('div', { class: 'text' }, message.deleted ? h('em', {}, 'This message was deleted.')
    : renderText(message.text ?? '', { names: namesFor(message, state), myId: state.me.id, terms }));
  fill(element,
    h('div', { class: 'meta' },
      h('span', { class: 'author' }, message.author?.name ?? 'Someone'), ' ', time(message.createdAt),
      message.editedAt && !message.deleted ? h('span', { class: 'edited' }, ' (edited)') : null,
      message.pending && !message.failed ? h('span', { class: 'sending' }, ' sending…') : null),
    body,
    files(message),
    message.failed ? failedNote(message, ctx) : null,
    message.pending || message.deleted ? null : reactions(message, ctx, channelId),
    !inThread && message.replyCount > 0 ? threadSummary(message, ctx, channelId) : null,
    message.pending || message.deleted ? null : actions(message, ctx, { channelId, inThread, mine, element, body }));
  element.addEventListener('keydown', (event) => {
    if (event.target !== element) return;
    if (event.key === 'r' && !inThread && !message.pending) {
      event.preventDefault();
      ctx.messaging.openThread(channelId, message.id);
    } else if (event.key === 'e' && mine && !message.pending && !message.deleted) {
      event.preventDefault();
      startEditing(message, ctx, channelId, element, body);
    }
  });
  return element;
}

function namesFor(message, state) {
  const names = new Map([...state.people].map(([id, person]) => [id, person.name]));
  for (const person of message.mentions ?? []) names.set(person.id, person.name);
  return names;
}

function files(message) {
  if (!message.files?.length || message.deleted) return null;
  return h('ul', { class: 'files', 'aria-label': 'Attachments' }, message.files.map((file) => h('li', {},
    file.thumbnailUrl
      ? h('a', { href: file.url, target: '_blank', rel: 'noopener noreferrer', class: 'file-image' },
        h('img', { src: file.thumbnailUrl, alt: file.name, loading: 'lazy' }))
      : h('a', { href: file.url, target: '_blank', rel: 'noopener noreferrer', class: 'file' },
        `📄 ${file.name}`, h('span', { class: 'size' }, ` ${readableSize(file.size)}`)))));
}

export function readableSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function failedNote(message, ctx) {
  return h('p', { class: 'failed-note', role: 'alert' }, `Not sent: ${message.failed} `,
    h('button', { type: 'button', onclick: () => ctx.messaging.retry(message) }, 'Retry'));
}

function reactions(message, ctx, channelId) {
  if (!message.reactions.length) return null;
  return h('div', { class: 'reactions', role: 'group', 'aria-label': 'Reactions' }, message.reactions.map((reaction) => h('button', {
    type: 'button',
    class: 'reaction',
    'aria-pressed': String(reaction.reactedByMe),
    'data-emoji': reaction.emoji,
    title: reaction.users.map((u) => u.name).join(', '),
    'aria-label': `${reaction.emoji} ${reaction.count}: ${reaction.users.map((u) => u.name).join(', ')}`,
    onclick: () => ctx.messaging.toggleReaction(channelId, message, reaction.emoji),
  }, `${reaction.emoji} ${reaction.count}`)));
}

function threadSummary(message, ctx, channelId) {
  const count = message.replyCount;
  return h('button', { type: 'button', class: 'thread-summary', 'data-reply-count': count, onclick: () => ctx.messaging.openThread(channelId, message.id) },
    `${count} ${count === 1 ? 'reply' : 'replies'}`, message.lastReplyAt ? h('span', { class: 'last-reply' }, ' · last ', time(message.lastReplyAt)) : null);
}

function actions(message, ctx, { channelId, inThread, mine, element, body }) {
  const picker = h('div', { class: 'reaction-picker', role: 'group', 'aria-label': 'Pick a reaction', hidden: true },
    QUICK_REACTIONS.map((emoji) => h('button', {
      type: 'button', 'aria-label': `React with ${emoji}`,
      onclick: () => {
        picker.hidden = true;
        if (!message.reactions.some((r) => r.emoji === emoji && r.reactedByMe)) ctx.messaging.toggleReaction(channelId, message, emoji);
      },
    }, emoji)));
  arrowNavigation(picker, 'button', { horizontal: true });
  const toolbar = h('div', { class: 'actions', role: 'toolbar', 'aria-label': 'Message actions' },
    h('button', { type: 'button', 'aria-label': 'Add reaction', 'aria-expanded': 'false',
      onclick: (event) => {
        picker.hidden = !picker.hidden;
        event.currentTarget.setAttribute('aria-expanded', String(!picker.hidden));
        if (!picker.hidden) picker.querySelector('button').focus();
      } }, '☺+'),
    inThread ? null : h('button', { type: 'button', onclick: () => ctx.messaging.openThread(channelId, message.id) }, 'Reply'),
    mine ? h('button', { type: 'button', onclick: () => startEditing(message, ctx, channelId, element, body) }, 'Edit') : null,
    mine ? h('button', { type: 'button', onclick: () => confirmDelete(message, ctx, channelId) }, 'Delete') : null);
  return [toolbar, picker];
}

function confirmDelete(message, ctx, channelId) {
  if (window.confirm('Delete this message? Everyone will see that it was deleted.')) ctx.messaging.remove(channelId, message).catch(() => {});
}

/** Edits in place: Enter saves, Escape cancels. */
function startEditing(message, ctx, channelId, element, body) {
  const field = h('textarea', { class: 'edit-field', 'aria-label': 'Edit message', rows: '2', value: message.text });
  // While editing, updates to the message wait (the list skips elements marked editing).
  const done = () => {
    delete element.dataset.editing;
    element.dispatchEvent(new CustomEvent('message-stale', { bubbles: true }));
  };
  const stop = () => {
    form.replaceWith(body);
    element.focus();
    done();
  };
  const save = async () => {
    const text = field.value.trim();
    if (!text || text === message.text) return stop();
    delete element.dataset.editing; // the edited message replaces this element
    try {
      await ctx.messaging.edit(channelId, message, text);
    } catch {
      element.dataset.editing = 'true';
      field.focus(); // the notice says why (e.g. the edit window closed)
    }
  };
  const form = h('form', { class: 'edit', onsubmit: (event) => { event.preventDefault(); save(); } },
    field,
    h('div', { class: 'edit-buttons' },
      h('button', { type: 'submit' }, 'Save'), h('button', { type: 'button', onclick: stop }, 'Cancel')));
  field.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      stop();
    }
  });
  element.dataset.editing = 'true';
  body.replaceWith(form);
  field.focus();
}
