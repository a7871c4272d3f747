// @ts-check
// DOM building without innerHTML: every string becomes a text node or an attribute value, so
// text from integrations and tickets can never turn into markup.

/**
 * @typedef {string | number | boolean | null | undefined | Node} Leaf
 * @typedef {Leaf | Array<Leaf | Leaf[]>} Child
 * @typedef {{
 *   testid?: string,
 *   class?: string,
 *   data?: Record<string, string | number | boolean | undefined>,
 *   on?: Record<string, (event: Event) => void>,
 *   attrs?: Record<string, string | number | boolean | undefined>,
 *   props?: Record<string, unknown>,
 * }} Options
 */

/**
 * Creates an element: `testid` → `data-testid`, `data` → `data-*`, `attrs` → attributes (`false`
 * and `undefined` leave them out), `props` → element properties (`value`, `disabled`, ...).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Options} [options]
 * @param {Child[]} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, options = {}, ...children) {
  const element = document.createElement(tag);
  if (options.testid) element.dataset.testid = options.testid;
  if (options.class) element.className = options.class;
  for (const [key, value] of Object.entries(options.data ?? {}))
    if (value !== undefined) element.dataset[key] = String(value);
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  Object.assign(element, options.props ?? {});
  for (const [type, listener] of Object.entries(options.on ?? {}))
    element.addEventListener(type, listener);
  append(element, children);
  return element;
}

/**
 * Appends children; strings and numbers as text nodes.
 * @param {Node} parent
 * @param {Child[]} children
 */
export function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false || child === true) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

/**
 * Replaces the children of `parent`.
 * @param {Node} parent
 * @param {Child[]} children
 */
export function replaceChildren(parent, ...children) {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

/**
 * The URL when it is absolute http(s), else `undefined`: only such URLs become links and images
 * (never `javascript:` or `data:` from an integration).
 * @param {unknown} value
 * @returns {string | undefined}
 */
export function safeHttpUrl(value) {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A link that opens in a new tab when the URL is safe, else the text alone.
 * @param {unknown} url
 * @param {Child} text
 * @param {Options} [options]
 */
export function link(url, text, options = {}) {
  const href = safeHttpUrl(url);
  if (!href) return h('span', options, text);
  return h(
    'a',
    { ...options, attrs: { ...options.attrs, href, target: '_blank', rel: 'noopener noreferrer' } },
    text,
  );
}

/**
 * Runs `render` and keeps what the user typed and where the focus was, for elements with a
 * `data-keep` key (re-rendering from polled data must not eat the user's input).
 * @param {HTMLElement} container
 * @param {() => void} render
 */
export function keepingInput(container, render) {
  /** @type {Map<string, string>} */
  const values = new Map();
  for (const element of container.querySelectorAll('[data-keep]')) {
    if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)
      values.set(element.dataset.keep ?? '', element.value);
  }
  const focused = document.activeElement;
  const focusKey = focused instanceof HTMLElement ? focused.dataset.keep : undefined;
  render();
  for (const element of container.querySelectorAll('[data-keep]')) {
    const value = values.get(/** @type {HTMLElement} */ (element).dataset.keep ?? '');
    if (
      value !== undefined &&
      (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)
    )
      element.value = value;
    if (focusKey && /** @type {HTMLElement} */ (element).dataset.keep === focusKey)
      /** @type {HTMLElement} */ (element).focus();
  }
}

/**
 * A short local time for a timestamp (ISO text or milliseconds).
 * @param {string | number | undefined} time
 */
export function formatTime(time) {
  if (time === undefined) return '';
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? String(time) : date.toLocaleString();
}

/**
 * The key that finds "the same" element after a re-render: its `data-testid` with the ids it
 * carries, or its `data-keep`.
 * @param {Element} element
 */
const focusKey = (element) => {
  if (!(element instanceof HTMLElement)) return undefined;
  const d = element.dataset;
  if (d.keep) return `keep:${d.keep}`;
  if (!d.testid) return undefined;
  return [d.testid, d.ticketId, d.actionId, d.tabId, d.deliveryId, d.channelId, d.attempt].join(
    '|',
  );
};

/**
 * Runs `render` over `region` and puts the focus back on the element with the same key when it
 * was inside (live updates must not throw keyboard users back to the page's start).
 * @param {HTMLElement} region
 * @param {() => void} render
 */
export function keepingFocus(region, render) {
  const active = document.activeElement;
  const key = active && region.contains(active) ? focusKey(active) : undefined;
  render();
  if (key === undefined || (document.activeElement && region.contains(document.activeElement)))
    return;
  for (const element of region.querySelectorAll('[data-testid], [data-keep]')) {
    if (focusKey(element) === key) {
      /** @type {HTMLElement} */ (element).focus({ preventScroll: true });
      return;
    }
  }
}

/**
 * Says `text` to screen readers politely (the page's `aria-live` region), without moving focus.
 * @param {string} text
 */
export function announce(text) {
  const region = document.querySelector('[data-testid="live-announcer"]');
  if (!region) return;
  // A new text node each time, so that the same words are announced again.
  region.textContent = '';
  setTimeout(() => {
    region.textContent = text;
  }, 50);
}

/**
 * Copies text to the clipboard; resolves whether it worked (the caller says so on screen).
 * @param {string} text
 */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * A "Copy" button that copies `text()` and says "Copied" (or why not) next to itself.
 * @param {() => string} text
 * @param {{ testid: string, label?: string, data?: Record<string, string | number | undefined> }} options
 */
export function copyButton(text, { testid, label = 'Copy', data = {} }) {
  const status = h('span', { class: 'small muted copy-status', attrs: { role: 'status' } });
  const button = h(
    'button',
    {
      testid,
      data,
      attrs: { type: 'button' },
      on: {
        click: async () => {
          const ok = await copyText(text());
          status.textContent = ok ? 'Copied' : 'Copy failed: select the text and copy it';
          setTimeout(() => {
            status.textContent = '';
          }, 3000);
        },
      },
    },
    label,
  );
  return h('span', { class: 'copy' }, button, status);
}

/**
 * Asks before a consequential action in a modal `<dialog>`; resolves `true` when confirmed.
 * @param {{ title: string, text: string, confirm: string }} options
 * @returns {Promise<boolean>}
 */
export function confirmDialog({ title, text, confirm }) {
  return new Promise((resolve) => {
    const opener = document.activeElement;
    const dialog = h(
      'dialog',
      { class: 'confirm', testid: 'confirm-dialog', attrs: { 'aria-labelledby': 'confirm-title' } },
      h('h2', { attrs: { id: 'confirm-title' } }, title),
      h('p', { attrs: { dir: 'auto' } }, text),
      h(
        'form',
        { class: 'buttons', attrs: { method: 'dialog' } },
        h('button', { testid: 'confirm-cancel', attrs: { value: 'cancel' } }, 'Cancel'),
        h('button', { class: 'danger', testid: 'confirm-ok', attrs: { value: 'ok' } }, confirm),
      ),
    );
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
      resolve(dialog.returnValue === 'ok');
    });
    document.body.append(dialog);
    dialog.showModal();
    /** @type {HTMLElement | null} */ (
      dialog.querySelector('[data-testid="confirm-cancel"]')
    )?.focus();
  });
}
