// Building DOM without HTML strings: text always goes in as Text nodes, so nothing a person writes
// can become markup or script. No part of the client parses HTML from a string (a test checks).

/**
 * h('button', { class: 'x', onclick: fn, 'aria-label': 'Close' }, 'text', child…)
 * Props starting with "on" are listeners; `value` and `checked` are set as properties; false or
 * null props are left out; strings among the children become Text nodes.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (key === 'class') element.className = value;
    else if (key === 'value' || key === 'checked') element[key] = value;
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  element.append(...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

/** Replaces an element's children. */
export function fill(element, ...children) {
  element.replaceChildren(...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const DAY_AND_TIME = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A <time> element: the time today, else the day and time. */
export function time(iso) {
  const date = new Date(iso);
  const today = date.toDateString() === new Date().toDateString();
  return h('time', { datetime: iso, title: date.toLocaleString() }, (today ? TIME : DAY_AND_TIME).format(date));
}

/**
 * Makes `elements` the parent's children, in this order, moving as little as possible: an element
 * that stays in place keeps its focus (moving a node blurs it).
 */
export function placeInOrder(parent, elements) {
  const wanted = new Set(elements);
  for (const child of [...parent.children]) if (!wanted.has(child)) child.remove();
  let expected = parent.firstElementChild;
  for (const element of elements) {
    if (element === expected) expected = expected.nextElementSibling;
    else parent.insertBefore(element, expected);
  }
}

let ids = 0;
/** A unique id for label/aria wiring. */
export function uniqueId(prefix) {
  return `${prefix}-${++ids}`;
}

/** Moves focus among `items` with the arrow keys (roving tabindex); Home and End jump to the ends. */
export function arrowNavigation(container, itemSelector, { horizontal = false } = {}) {
  container.addEventListener('keydown', (event) => {
    const keys = horizontal ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];
    if (![...keys, 'Home', 'End'].includes(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
    const items = [...container.querySelectorAll(itemSelector)];
    const current = items.indexOf(document.activeElement);
    if (current < 0) return;
    const next = { [keys[0]]: current - 1, [keys[1]]: current + 1, Home: 0, End: items.length - 1 }[event.key];
    if (next < 0 || next >= items.length) return;
    event.preventDefault();
    items[current].tabIndex = -1;
    items[next].tabIndex = 0;
    items[next].focus();
  });
}

/** Opens a modal <dialog> built from `content(close)`; resolves when it closes. Escape closes it. */
export function modal(title, content) {
  return new Promise((resolve) => {
    const titleId = uniqueId('dialog-title');
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId });
    const close = (result) => {
      dialog.close();
      dialog.remove();
      resolve(result);
    };
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      close(null);
    });
    fill(dialog, h('h2', { id: titleId }, title), content(close));
    document.body.append(dialog);
    dialog.showModal();
  });
}
