// Message text as DOM: mentions (<@userId>, @channel, @here) become name chips, http(s) links become
// links, search terms are marked. Everything else stays text: `<img src=x onerror=…>` shows as written.

import { h } from './dom.js';

const TOKENS = /<@([0-9A-Za-z]+)>|@(channel|here)\b|(https?:\/\/[^\s<>"]+)/g;
const TRAILING_PUNCTUATION = /[.,;:!?)\]'"]+$/;

/**
 * @param text      the message text
 * @param names     userId → display name (the message's mentions and the people we know)
 * @param myId      to set my own mentions apart
 * @param terms     words to mark (search results), lower case
 */
export function renderText(text, { names, myId = null, terms = [] }) {
  const nodes = [];
  let last = 0;
  for (const match of text.matchAll(TOKENS)) {
    nodes.push(...marked(text.slice(last, match.index), terms));
    let consumed = match[0];
    if (match[1]) {
      const name = names.get(match[1]);
      nodes.push(h('span', { class: match[1] === myId ? 'mention me' : 'mention', 'data-user-id': match[1] }, `@${name ?? 'someone'}`));
    } else if (match[2]) {
      nodes.push(h('span', { class: 'mention everyone' }, `@${match[2]}`));
    } else {
      consumed = match[3].replace(TRAILING_PUNCTUATION, '');
      nodes.push(link(consumed, terms));
    }
    last = match.index + consumed.length;
  }
  nodes.push(...marked(text.slice(last), terms));
  return nodes;
}

function link(url, terms) {
  let safe;
  try {
    safe = new URL(url);
  } catch {
    return document.createTextNode(url);
  }
  if (safe.protocol !== 'http:' && safe.protocol !== 'https:') return document.createTextNode(url);
  return h('a', { href: safe.href, target: '_blank', rel: 'noopener noreferrer nofollow' }, marked(url, terms));
}

/** Text with every occurrence of the terms wrapped in <mark>. */
function marked(text, terms) {
  if (!text) return [];
  if (!terms.length) return [document.createTextNode(text)];
  const lower = text.toLowerCase();
  const nodes = [];
  let at = 0;
  while (at < text.length) {
    let best = null;
    for (const term of terms) {
      const found = lower.indexOf(term, at);
      if (found >= 0 && (!best || found < best.index || (found === best.index && term.length > best.length))) {
        best = { index: found, length: term.length };
      }
    }
    if (!best) break;
    if (best.index > at) nodes.push(document.createTextNode(text.slice(at, best.index)));
    nodes.push(h('mark', {}, text.slice(best.index, best.index + best.length)));
    at = best.index + best.length;
  }
  if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
  return nodes;
}

/** The words of a search query worth marking: no operators (in:, from:, before:…), no excluded terms. */
export function searchTerms(query) {
  const terms = [];
  for (const match of query.matchAll(/"([^"]+)"|(\S+)/g)) {
    const word = match[1] ?? match[2];
    if (match[2] && (/^-/.test(word) || /^[a-z]+:/i.test(word))) continue;
    if (word.trim()) terms.push(word.trim().toLowerCase());
  }
  return terms;
}
