// @ts-check
// A list that keeps only the rows in view in the DOM (rows of one fixed height), so thousands
// of items scroll and update fluently. Keyboard: one row is in the tab order (roving tabindex);
// ArrowUp/ArrowDown, Home/End and PageUp/PageDown move between rows, Enter follows the row's link.
import { h } from './dom.js';

/**
 * @template T
 * @typedef {{
 *   element: HTMLElement,
 *   setItems(items: T[]): void,
 *   setActive(key: string | undefined): void,
 *   scrollToKey(key: string): void,
 *   refresh(): void,
 * }} VirtualList
 */

/** Rows rendered above and below the visible ones. */
const OVERSCAN = 8;

/**
 * @template T
 * @param {{
 *   rowHeight: number,
 *   label: string,
 *   testid: string,
 *   keyOf: (item: T) => string,
 *   renderRow: (item: T, isActive: boolean) => HTMLElement,
 * }} options `renderRow` returns the row's one focusable element (a link or a button).
 * @returns {VirtualList<T>}
 */
export function createVirtualList({ rowHeight, label, testid, keyOf, renderRow }) {
  /** @type {T[]} */
  let items = [];
  /** @type {Map<string, number>} */
  let indexOf = new Map();
  /** @type {string | undefined} */
  let activeKey;
  let frame = 0;

  const list = h('ul', { class: 'vlist', testid, attrs: { 'aria-label': label } });
  const scroller = h('div', { class: 'vlist-scroll' }, list);

  const render = () => {
    frame = 0;
    const focused = document.activeElement;
    const focusedKey =
      focused instanceof HTMLElement && list.contains(focused)
        ? focused.closest('li')?.dataset.key
        : undefined;
    list.style.height = `${items.length * rowHeight}px`;
    const height = scroller.clientHeight || rowHeight * 20;
    const first = Math.max(0, Math.floor(scroller.scrollTop / rowHeight) - OVERSCAN);
    const last = Math.min(
      items.length,
      Math.ceil((scroller.scrollTop + height) / rowHeight) + OVERSCAN,
    );
    const tabKey =
      activeKey !== undefined && indexOf.has(activeKey) ? activeKey : items[0] && keyOf(items[0]);
    /** @type {HTMLElement[]} */
    const rows = [];
    for (let i = first; i < last; i++) {
      const item = /** @type {T} */ (items[i]);
      const key = keyOf(item);
      const target = renderRow(item, key === activeKey);
      target.tabIndex = key === tabKey ? 0 : -1;
      const row = h(
        'li',
        {
          data: { key },
          attrs: { 'aria-setsize': items.length, 'aria-posinset': i + 1 },
          props: {},
        },
        target,
      );
      row.style.transform = `translateY(${i * rowHeight}px)`;
      row.style.height = `${rowHeight}px`;
      rows.push(row);
    }
    list.replaceChildren(...rows);
    if (focusedKey !== undefined) focusRow(focusedKey, false);
  };

  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(render);
  };

  /** @param {string} key @param {boolean} scroll */
  const focusRow = (key, scroll) => {
    const index = indexOf.get(key);
    if (index === undefined) return;
    if (scroll) ensureVisible(index);
    const row = /** @type {HTMLElement | null} */ (
      list.querySelector(`li[data-key="${CSS.escape(key)}"]`)
    );
    const target = /** @type {HTMLElement | null} */ (row?.firstElementChild ?? null);
    if (!target) return;
    for (const other of list.querySelectorAll('li > [tabindex="0"]'))
      if (other !== target) /** @type {HTMLElement} */ (other).tabIndex = -1;
    target.tabIndex = 0;
    target.focus({ preventScroll: true });
  };

  /** @param {number} index */
  const ensureVisible = (index) => {
    const top = index * rowHeight;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + rowHeight > scroller.scrollTop + scroller.clientHeight)
      scroller.scrollTop = top + rowHeight - scroller.clientHeight;
    render();
  };

  scroller.addEventListener('scroll', schedule, { passive: true });
  list.addEventListener('keydown', (event) => {
    const current = /** @type {HTMLElement} */ (event.target).closest('li')?.dataset.key;
    const index = current === undefined ? -1 : (indexOf.get(current) ?? -1);
    const page = Math.max(1, Math.floor(scroller.clientHeight / rowHeight) - 1);
    const next = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: items.length - 1,
      PageDown: index + page,
      PageUp: index - page,
    }[event.key];
    if (next === undefined || items.length === 0) return;
    event.preventDefault();
    const item = items[Math.max(0, Math.min(items.length - 1, next))];
    if (item !== undefined) focusRow(keyOf(item), true);
  });
  if (typeof ResizeObserver === 'function') new ResizeObserver(schedule).observe(scroller);

  return {
    element: scroller,
    setItems: (next) => {
      // Keep the rows in view where they are when rows are added or removed above them.
      const firstIndex = Math.floor(scroller.scrollTop / rowHeight);
      const anchor = scroller.scrollTop > 0 ? items[firstIndex] : undefined;
      const offset = scroller.scrollTop - firstIndex * rowHeight;
      items = next;
      indexOf = new Map(items.map((item, i) => [keyOf(item), i]));
      list.style.height = `${items.length * rowHeight}px`;
      const moved = anchor === undefined ? undefined : indexOf.get(keyOf(anchor));
      if (moved !== undefined && moved !== firstIndex)
        scroller.scrollTop = moved * rowHeight + offset;
      render();
    },
    setActive: (key) => {
      activeKey = key;
      render();
    },
    scrollToKey: (key) => {
      const index = indexOf.get(key);
      if (index !== undefined) ensureVisible(index);
    },
    refresh: render,
  };
}
