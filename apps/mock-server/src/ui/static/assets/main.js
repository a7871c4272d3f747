// @ts-check
// The mock's web UI: hash routes #/channels, #/inbox[/<channelId>[/<ticketId>]], #/deliveries.
import { createChannelsPage } from './pages/channels.js';
import { createDeliveriesPage } from './pages/deliveries.js';
import { createInboxPage } from './pages/inbox.js';

/**
 * What every page gets: a place to report a failed call.
 * @typedef {{ showError(text: string): void, clearError(): void }} PageContext
 * @typedef {{ show(params: string[]): void, stop(): void }} Page
 * @typedef {(container: HTMLElement, context: PageContext) => Page} PageFactory
 */

/** @type {Record<string, PageFactory>} */
const PAGES = {
  channels: createChannelsPage,
  inbox: createInboxPage,
  deliveries: createDeliveriesPage,
};

const main = /** @type {HTMLElement} */ (document.getElementById('page'));
const banner = /** @type {HTMLElement} */ (document.querySelector('[data-testid="ui-error"]'));
const bannerText = /** @type {HTMLElement} */ (
  document.querySelector('[data-testid="ui-error-text"]')
);

/** @type {PageContext} */
const context = {
  showError: (text) => {
    bannerText.textContent = text;
    banner.hidden = false;
  },
  clearError: () => {
    banner.hidden = true;
    bannerText.textContent = '';
  },
};
banner.querySelector('button')?.addEventListener('click', context.clearError);

/** @type {{ name: string, page: Page } | undefined} */
let current;

function route() {
  const [name = '', ...params] = location.hash.replace(/^#\/?/, '').split('/').map(decodeSegment);
  const factory = PAGES[name];
  if (!factory) {
    location.replace('#/channels');
    return;
  }
  for (const link of document.querySelectorAll('nav a')) {
    const isCurrent = link.getAttribute('href') === `#/${name}`;
    if (isCurrent) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (current?.name !== name) {
    current?.page.stop();
    context.clearError();
    main.replaceChildren();
    current = { name, page: factory(main, context) };
  }
  current.page.show(params);
}

/** @param {string} segment */
function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

window.addEventListener('hashchange', route);
route();
