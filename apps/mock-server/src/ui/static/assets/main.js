// @ts-check
// The mock's web UI: hash routes #/channels, #/inbox[/<channelId>[/<ticketId>]],
// #/deliveries[/<deliveryId>]. Every page gets its state pushed over /_mock/live.
import { createChannelsPage } from './pages/channels.js';
import { createDeliveriesPage } from './pages/deliveries.js';
import { createInboxPage } from './pages/inbox.js';

/**
 * What every page gets: a place to report a failed call, and the document title.
 * @typedef {{ showError(text: string): void, clearError(): void, setTitle(text: string): void }} PageContext
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
    if (bannerText.textContent === text && !banner.hidden) return;
    bannerText.textContent = text;
    banner.hidden = false;
  },
  clearError: () => {
    banner.hidden = true;
    bannerText.textContent = '';
  },
  setTitle: (text) => {
    document.title = `${text} · SocialHub mock`;
  },
};
banner.querySelector('button')?.addEventListener('click', context.clearError);
// The skip link jumps to the page without touching the hash, which holds the route.
document.querySelector('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

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
    main.dataset.page = name;
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
