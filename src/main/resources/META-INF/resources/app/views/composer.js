// The composer: Enter sends (Shift+Enter for a new line), "@" suggests people and sends them as
// <@userId> mentions, files upload with a progress bar and go with the next message.

import { h, fill, uniqueId } from './dom.js';
import { readableSize } from './message.js';

/**
 * @param ctx      { state, messaging, uploads }
 * @param target   () => { channelId, threadId, label }: where the composer sends now
 * @param onArrowUp ArrowUp in an empty composer (moves to the messages)
 */
export function composer(ctx, target, onArrowUp = () => {}) {
  const { state, messaging } = ctx;
  const fieldId = uniqueId('composer');
  const suggestionsId = uniqueId('suggestions');
  const field = h('textarea', {
    id: fieldId, class: 'composer-field', rows: '1', 'aria-autocomplete': 'list', 'aria-controls': suggestionsId,
  });
  const label = h('label', { for: fieldId, class: 'visually-hidden' });
  const suggestions = h('ul', { id: suggestionsId, class: 'suggestions', role: 'listbox', 'aria-label': 'People', hidden: true });
  const attachments = h('ul', { class: 'attachments', 'aria-label': 'Attachments' });
  const chosenMentions = new Map(); // "@Name" as written → userId
  const uploaded = []; // { file, done: File | null }
  let picked = 0;

  const fileInputId = uniqueId('attach');
  const fileInput = h('input', { type: 'file', id: fileInputId, class: 'visually-hidden', multiple: true });
  const attach = state.features.files ? [
    h('label', { for: fileInputId, class: 'button attach', title: 'Attach files' }, '📎', h('span', { class: 'visually-hidden' }, 'Attach files')),
    fileInput,
  ] : [];
  fileInput.addEventListener('change', () => {
    [...fileInput.files].forEach(upload);
    fileInput.value = '';
  });

  const form = h('form', { class: 'composer', onsubmit: (event) => { event.preventDefault(); send(); } },
    label, suggestions, attachments,
    h('div', { class: 'composer-row' }, attach, field, h('button', { type: 'submit', class: 'send' }, 'Send')));

  function refresh() {
    const { label: where } = target();
    label.textContent = `Message ${where}`;
    field.placeholder = `Message ${where}`;
  }

  async function send() {
    const { channelId, threadId } = target();
    if (uploaded.some((u) => !u.done)) return; // still uploading
    let text = withMentions(field.value.trim());
    const files = uploaded.map((u) => u.done);
    if (!text && files.length) text = files.map((f) => f.name).join(', ');
    if (!text) return;
    field.value = '';
    chosenMentions.clear();
    uploaded.length = 0;
    attachments.replaceChildren();
    hideSuggestions();
    await messaging.send(channelId, text, { threadId, files });
  }

  /** "@Grace Hopper" as picked from the suggestions becomes <@userId>. */
  function withMentions(text) {
    const names = [...chosenMentions.keys()].sort((a, b) => b.length - a.length);
    for (const name of names) text = text.split(name).join(`<@${chosenMentions.get(name)}>`);
    return text;
  }

  async function upload(file) {
    const entry = { file, done: null };
    uploaded.push(entry);
    const progress = h('progress', { max: '1', value: '0', 'aria-label': `Uploading ${file.name}` });
    const item = h('li', { class: 'attachment' }, h('span', {}, `${file.name} (${readableSize(file.size)})`), progress,
      h('button', { type: 'button', 'aria-label': `Remove ${file.name}`, onclick: () => {
        uploaded.splice(uploaded.indexOf(entry), 1);
        item.remove();
      } }, '×'));
    attachments.append(item);
    try {
      entry.done = await ctx.uploads.upload(file, target().channelId, (fraction) => { progress.value = fraction; });
      progress.value = 1;
      item.classList.add('uploaded');
    } catch (error) {
      uploaded.splice(uploaded.indexOf(entry), 1);
      fill(item, h('span', { role: 'alert' }, `${file.name}: ${error.message}`),
        h('button', { type: 'button', 'aria-label': `Dismiss ${file.name}`, onclick: () => item.remove() }, '×'));
    }
  }

  // Suggestions for "@…" right before the caret.
  function mentionQuery() {
    const before = field.value.slice(0, field.selectionStart);
    return /(?:^|\s)@([\p{L}\p{N}._-]*)$/u.exec(before)?.[1] ?? null;
  }

  function showSuggestions() {
    const query = mentionQuery();
    if (query === null) return hideSuggestions();
    const lower = query.toLowerCase();
    const people = [...state.people.values()].filter((p) => p.id !== state.me.id && p.name.toLowerCase().includes(lower)).slice(0, 6);
    if (!people.length) return hideSuggestions();
    picked = Math.min(picked, people.length - 1);
    fill(suggestions, people.map((person, index) => h('li', {
      role: 'option', id: `${suggestionsId}-${index}`, 'aria-selected': String(index === picked), 'data-user-id': person.id,
      onmousedown: (event) => { event.preventDefault(); choose(person); },
    }, person.name)));
    suggestions.hidden = false;
    field.setAttribute('aria-activedescendant', `${suggestionsId}-${picked}`);
    field.setAttribute('aria-expanded', 'true');
  }

  function hideSuggestions() {
    suggestions.hidden = true;
    picked = 0;
    field.removeAttribute('aria-activedescendant');
    field.setAttribute('aria-expanded', 'false');
  }

  function choose(person) {
    const caret = field.selectionStart;
    const before = field.value.slice(0, caret).replace(/@[\p{L}\p{N}._-]*$/u, `@${person.name} `);
    field.value = before + field.value.slice(caret);
    field.selectionStart = field.selectionEnd = before.length;
    chosenMentions.set(`@${person.name}`, person.id);
    hideSuggestions();
    field.focus();
  }

  field.addEventListener('input', () => {
    const { channelId, threadId } = target();
    if (field.value.trim()) messaging.typing(channelId, threadId);
    showSuggestions();
  });
  field.addEventListener('keydown', (event) => {
    if (!suggestions.hidden) {
      const options = suggestions.children.length;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        picked = (picked + (event.key === 'ArrowDown' ? 1 : options - 1)) % options;
        return showSuggestions();
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        const id = suggestions.children[picked].dataset.userId;
        return choose(state.people.get(id));
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        return hideSuggestions();
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    } else if (event.key === 'ArrowUp' && !field.value) {
      event.preventDefault();
      onArrowUp();
    }
  });
  field.addEventListener('blur', () => setTimeout(hideSuggestions, 100));

  refresh();
  return { element: form, refresh, focus: () => field.focus() };
}
