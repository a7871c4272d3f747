// @ts-check
// The deliveries debugger: what the mock sent to integrations (webhook deliveries, the webhook
// test request, the templates GET), master-detail. A filtered, paged list beside one delivery
// (its permalink is #/deliveries/<id>) with every attempt's own signed request, the challenge
// expected and received, the answer, "next retry at", Redeliver and Copy as curl.
import { errorText, getDelivery, listDeliveryPage, redeliver } from '../lib/api.js';
import { curlCommand } from '../lib/curl.js';
import { challengeVerdict, deliveryOutcome } from '../lib/delivery-outcome.js';
import { announce, copyButton, formatTime, h, keepingFocus, replaceChildren } from '../lib/dom.js';
import { connectLive } from '../lib/live.js';
import { createVirtualList } from '../lib/virtual-list.js';

/**
 * @typedef {import('../main.js').PageContext} PageContext
 * @typedef {import('../../../ui-types.js').Delivery} Delivery
 * @typedef {import('../../../ui-types.js').Attempt} Attempt
 * @typedef {import('../../../ui-types.js').Channel} Channel
 * @typedef {import('../../../ui-types.js').DeliveryPage} DeliveryPage
 * @typedef {{ channelId: string, kind: string, outcome: string, eventType: string, ticketId: string }} Filters
 */

/** Deliveries per page. */
const PAGE_SIZE = 50;
/** Height of one row of the list, in CSS pixels. */
const ROW_HEIGHT = 64;

/** @type {Record<string, string>} */
const KIND_TEXT = { events: 'Events', test: 'Webhook test', templates: 'Templates GET' };
/** What the log calls each outcome (the `data-outcome` of a row). */
/** @type {Record<string, string>} */
const OUTCOME_TEXT = {
  delivered: 'Delivered',
  pending: 'Waiting to be sent',
  retrying: 'Retrying',
  failed: 'Failed',
  'challenge-mismatch': 'Wrong challenge: webhook removed',
  'no-webhook': 'No webhook',
};
/** The stored outcomes the filter offers. */
/** @type {Record<string, string>} */
const RAW_OUTCOMES = {
  delivered: 'Delivered',
  pending: 'Pending or retrying',
  discarded: 'Discarded after retries',
  'webhook-removed': 'Webhook removed',
  failed: 'Failed (test, templates)',
  'no-webhook': 'No webhook',
};
/** @type {Record<string, string>} */
const VERDICT_TEXT = {
  solved: 'Challenge solved',
  mismatch: 'Wrong or missing X-SocialHub-Challenge',
  'not-checked': 'Not checked (no 2xx, or a templates GET)',
};
const EVENT_TYPES = ['ticket_action', 'channel_action'];

/** @param {string} body */
const pretty = (body) => {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
};

/**
 * @param {Record<string, string>} headers
 * @param {string} testid
 */
const headerTable = (headers, testid) =>
  h(
    'div',
    { class: 'scroll-x' },
    h(
      'table',
      { class: 'headers', testid },
      h(
        'tbody',
        {},
        Object.entries(headers).map(([name, value]) =>
          h(
            'tr',
            {},
            h('th', { attrs: { scope: 'row' } }, name),
            h(
              'td',
              {},
              h(
                'code',
                name.toLowerCase() === 'x-socialhub-signature'
                  ? { testid: 'delivery-signature' }
                  : name.toLowerCase() === 'x-socialhub-timestamp'
                    ? { testid: 'delivery-timestamp' }
                    : {},
                value,
              ),
            ),
          ),
        ),
      ),
    ),
  );

/**
 * @param {HTMLElement} container
 * @param {PageContext} context
 */
export function createDeliveriesPage(container, context) {
  /** @type {DeliveryPage | undefined} */
  let page;
  /** @type {Channel[]} */
  let channels = [];
  /** @type {string | undefined} */
  let selectedId;
  /** @type {Delivery | undefined} */
  let selected;
  /** @type {string | undefined} */
  let detailError;
  let offset = 0;
  /** @type {Filters} */
  const filters = { channelId: '', kind: '', outcome: '', eventType: '', ticketId: '' };
  let lastDetail = '';
  let reloadTimer = 0;

  const channelName = (/** @type {string} */ id) => channels.find((c) => c._id === id)?.name;

  /**
   * @param {keyof Filters} name
   * @param {string} label
   * @param {Record<string, string>} options
   */
  const filterSelect = (name, label, options) => {
    const select = h(
      'select',
      { testid: `deliveries-${name}`, attrs: { 'aria-label': label } },
      h('option', { props: { value: '' } }, `Any ${label.toLowerCase()}`),
      Object.entries(options).map(([value, text]) => h('option', { props: { value } }, text)),
    );
    select.addEventListener('change', () => {
      filters[name] = select.value;
      offset = 0;
      void loadPage();
    });
    return select;
  };
  const channelSelect = filterSelect('channelId', 'Channel', {});
  const ticketInput = h('input', {
    testid: 'deliveries-ticket',
    data: { keep: 'deliveries-ticket' },
    attrs: { type: 'search', placeholder: 'Ticket id', 'aria-label': 'Ticket id' },
  });
  ticketInput.addEventListener('change', () => {
    filters.ticketId = ticketInput.value.trim();
    offset = 0;
    void loadPage();
  });
  const count = h('p', {
    class: 'muted small count',
    testid: 'deliveries-count',
    attrs: { role: 'status' },
  });
  const listState = h(
    'p',
    { class: 'list-state', testid: 'deliveries-state' },
    'Loading deliveries…',
  );
  const prev = h('button', { testid: 'deliveries-prev', attrs: { type: 'button' } }, '← Newer');
  const next = h('button', { testid: 'deliveries-next', attrs: { type: 'button' } }, 'Older →');
  prev.addEventListener('click', () => {
    offset = Math.max(0, offset - PAGE_SIZE);
    void loadPage();
  });
  next.addEventListener('click', () => {
    offset += PAGE_SIZE;
    void loadPage();
  });
  const list = createVirtualList({
    rowHeight: ROW_HEIGHT,
    label: 'Deliveries',
    testid: 'delivery-rows',
    keyOf: (/** @type {Delivery} */ d) => d.id,
    renderRow: (delivery) => row(delivery),
  });
  const back = h(
    'a',
    { class: 'back', testid: 'deliveries-back', attrs: { href: '#/deliveries' } },
    '← Deliveries',
  );
  const detail = h('div', { class: 'delivery-detail-slot' });
  const detailPane = h('div', { class: 'pane detail-pane', testid: 'delivery-pane' }, back, detail);
  const layout = h(
    'div',
    { class: 'split deliveries' },
    h(
      'section',
      { class: 'pane list-pane', attrs: { 'aria-labelledby': 'deliveries-list-title' } },
      h(
        'div',
        { class: 'pane-head' },
        h('h2', { class: 'visually-hidden', attrs: { id: 'deliveries-list-title' } }, 'Log'),
        h(
          'div',
          { class: 'filters' },
          channelSelect,
          filterSelect('kind', 'Kind', KIND_TEXT),
          filterSelect('outcome', 'Outcome', RAW_OUTCOMES),
          filterSelect(
            'eventType',
            'Event type',
            Object.fromEntries(EVENT_TYPES.map((t) => [t, t])),
          ),
          ticketInput,
        ),
        count,
      ),
      listState,
      list.element,
      h('div', { class: 'pager' }, prev, next),
    ),
    detailPane,
  );
  container.append(
    h(
      'div',
      { class: 'page-head' },
      h('h1', { class: 'page-title' }, 'Deliveries'),
      h('p', { class: 'muted small' }, 'What the mock sent to integrations, newest first, live.'),
    ),
    layout,
  );

  /** @param {Delivery} delivery */
  const summary = (delivery) => {
    const events = Object.entries(delivery.events ?? {})
      .map(([type, n]) => `${n} ${type}`)
      .join(', ');
    return events || (delivery.kind === 'events' ? 'no events' : KIND_TEXT[delivery.kind]);
  };

  /** @param {Delivery} delivery */
  const lastAnswer = (delivery) => {
    const last = delivery.attempts.at(-1);
    if (!last) return 'not sent yet';
    return last.response ? `HTTP ${last.response.status}` : (last.error ?? 'no answer');
  };

  /** @param {Delivery} delivery */
  const row = (delivery) => {
    const outcome = deliveryOutcome(delivery);
    const isCurrent = delivery.id === selectedId;
    return h(
      'a',
      {
        class: `delivery-row${isCurrent ? ' selected' : ''}`,
        testid: 'delivery-row',
        data: {
          deliveryId: delivery.id,
          outcome,
          rawOutcome: delivery.outcome,
          kind: delivery.kind,
          channelId: delivery.channelId,
        },
        attrs: {
          href: `#/deliveries/${encodeURIComponent(delivery.id)}`,
          'aria-current': isCurrent ? 'true' : undefined,
        },
      },
      h(
        'span',
        { class: 'row-text' },
        h(
          'span',
          { class: 'row-top' },
          h('strong', { class: 'who' }, summary(delivery)),
          h(
            'time',
            { class: 'when', attrs: { datetime: delivery.createdTime } },
            formatTime(delivery.createdTime),
          ),
        ),
        h(
          'span',
          { class: 'row-bottom' },
          h(
            'span',
            { class: 'what', attrs: { dir: 'auto' } },
            `${channelName(delivery.channelId) ?? delivery.channelId} · ${lastAnswer(delivery)}`,
          ),
          h('span', { class: `badge ${outcome}` }, OUTCOME_TEXT[outcome] ?? outcome),
        ),
      ),
    );
  };

  /**
   * @param {Delivery} delivery
   * @param {Attempt} attempt
   * @param {number} index
   */
  const attemptView = (delivery, attempt, index) => {
    const verdict = challengeVerdict(delivery, attempt);
    const request = attempt.request ?? delivery.request;
    const curl = () => curlCommand(request, delivery.request.body);
    return h(
      'li',
      {
        class: 'attempt',
        testid: 'delivery-attempt',
        data: { status: attempt.response?.status, verdict, attempt: index + 1 },
      },
      h('h4', {}, `Attempt ${index + 1} · ${formatTime(attempt.time)} · ${attempt.durationMs} ms`),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Answer'),
        h(
          'dd',
          { testid: 'attempt-answer' },
          attempt.response ? `HTTP ${attempt.response.status}` : (attempt.error ?? 'no answer'),
        ),
        h('dt', {}, 'Challenge expected'),
        h(
          'dd',
          {},
          h('code', { testid: 'attempt-expected-challenge' }, attempt.expectedChallenge ?? '—'),
        ),
        h('dt', {}, 'Challenge received'),
        h(
          'dd',
          {},
          h('code', { testid: 'attempt-received-challenge' }, attempt.receivedChallenge ?? 'none'),
        ),
        h('dt', {}, 'Verdict'),
        h('dd', { testid: 'attempt-verdict', data: { verdict } }, VERDICT_TEXT[verdict]),
      ),
      h('h5', {}, 'Signed request'),
      h('p', { class: 'small' }, h('code', {}, `${request.method} ${request.url}`)),
      headerTable(request.headers, 'attempt-request-headers'),
      h(
        'div',
        { class: 'buttons' },
        copyButton(curl, {
          testid: 'copy-curl',
          label: 'Copy as curl',
          data: { attempt: index + 1 },
        }),
      ),
      h(
        'details',
        {},
        h('summary', {}, 'curl command'),
        h('pre', { testid: 'delivery-curl' }, curl()),
        h(
          'p',
          { class: 'muted small' },
          'The same bytes, headers and signature. A receiver that checks the timestamp refuses it once its tolerance has passed.',
        ),
      ),
      attempt.response
        ? [
            h('h5', {}, 'Response headers'),
            headerTable(attempt.response.headers, 'delivery-response-headers'),
            h('h5', {}, 'Response body'),
            h(
              'pre',
              { testid: 'delivery-response-body' },
              pretty(attempt.response.body) || '(empty)',
            ),
          ]
        : null,
    );
  };

  /** @param {Delivery} delivery */
  const detailView = (delivery) => {
    const outcome = deliveryOutcome(delivery);
    const last = delivery.attempts.at(-1);
    const verdict = challengeVerdict(delivery, last);
    return h(
      'article',
      {
        class: 'delivery-detail',
        testid: 'delivery-detail',
        data: { deliveryId: delivery.id, outcome },
        attrs: { 'aria-labelledby': 'delivery-title' },
      },
      h(
        'h2',
        { attrs: { id: 'delivery-title', tabindex: -1 } },
        `${delivery.request.method} ${delivery.request.url || '(no webhook)'}`,
      ),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Outcome'),
        h(
          'dd',
          { testid: 'delivery-outcome' },
          h('span', { class: `badge ${outcome}` }, OUTCOME_TEXT[outcome] ?? outcome),
        ),
        h('dt', {}, 'Kind'),
        h('dd', {}, KIND_TEXT[delivery.kind] ?? delivery.kind, ` · ${summary(delivery)}`),
        h('dt', {}, 'Channel'),
        h(
          'dd',
          { attrs: { dir: 'auto' } },
          channelName(delivery.channelId) ?? '',
          ` (${delivery.channelId})`,
        ),
        h('dt', {}, 'Created'),
        h('dd', {}, formatTime(delivery.createdTime)),
        h('dt', {}, 'Attempts'),
        h('dd', { testid: 'delivery-attempt-count' }, String(delivery.attempts.length)),
        h('dt', {}, 'Last answer'),
        h('dd', { testid: 'delivery-response-status' }, lastAnswer(delivery)),
        h('dt', {}, 'Challenge'),
        h('dd', { testid: 'delivery-challenge', data: { verdict } }, VERDICT_TEXT[verdict]),
        delivery.nextRetryTime
          ? [
              h('dt', {}, 'Next retry at'),
              h('dd', { testid: 'delivery-next-retry' }, formatTime(delivery.nextRetryTime)),
            ]
          : null,
        delivery.ticketIds?.length
          ? [
              h('dt', {}, 'Tickets'),
              h(
                'dd',
                {},
                delivery.ticketIds.map((id) =>
                  h(
                    'a',
                    {
                      class: 'ticket-link',
                      attrs: {
                        href: `#/inbox/${encodeURIComponent(delivery.channelId)}/${encodeURIComponent(id)}`,
                      },
                    },
                    id,
                    ' ',
                  ),
                ),
              ),
            ]
          : null,
        delivery.redeliveryOf
          ? [
              h('dt', {}, 'Sends again'),
              h(
                'dd',
                {},
                h(
                  'a',
                  {
                    testid: 'delivery-original',
                    attrs: { href: `#/deliveries/${encodeURIComponent(delivery.redeliveryOf)}` },
                  },
                  delivery.redeliveryOf,
                ),
              ),
            ]
          : null,
      ),
      h(
        'div',
        { class: 'buttons' },
        delivery.kind === 'events'
          ? h(
              'button',
              {
                testid: 'redeliver',
                attrs: {
                  type: 'button',
                  title: "Send the same body again, freshly signed, to the manifest's webhook",
                },
                on: { click: () => void sendAgain(delivery) },
              },
              'Redeliver',
            )
          : null,
        h(
          'a',
          {
            testid: 'delivery-permalink',
            attrs: { href: `#/deliveries/${encodeURIComponent(delivery.id)}` },
          },
          'Permalink',
        ),
      ),
      h('h3', {}, `Attempts (${delivery.attempts.length})`),
      delivery.attempts.length === 0
        ? h('p', { class: 'muted' }, 'Not sent yet.')
        : h(
            'ol',
            { class: 'attempts' },
            delivery.attempts.map((a, i) => attemptView(delivery, a, i)),
          ),
      h('h3', {}, 'Request body'),
      h(
        'pre',
        { testid: 'delivery-body' },
        delivery.request.body === ''
          ? '(empty: a GET is signed over the empty body)'
          : pretty(delivery.request.body),
      ),
    );
  };

  /** @param {Delivery} delivery */
  const sendAgain = async (delivery) => {
    context.clearError();
    try {
      const created = await redeliver(delivery.id);
      announce('Sent again as a new delivery');
      location.assign(`#/deliveries/${encodeURIComponent(created.id)}`);
    } catch (error) {
      context.showError(errorText(error));
    }
  };

  const renderList = () => {
    const items = page?.items ?? [];
    list.setActive(selectedId);
    list.setItems(items);
    listState.hidden = page !== undefined && items.length > 0;
    listState.textContent =
      page === undefined
        ? 'Loading deliveries…'
        : Object.values(filters).some(Boolean)
          ? 'No delivery matches the filters.'
          : 'Nothing sent yet.';
    listState.dataset.state = page === undefined ? 'loading' : 'empty';
    const total = page?.total ?? 0;
    count.textContent = page
      ? total === 0
        ? ''
        : `${offset + 1}–${Math.min(offset + PAGE_SIZE, total)} of ${total}`
      : '';
    prev.disabled = offset === 0;
    next.disabled = !page || offset + PAGE_SIZE >= total;
  };

  const renderDetail = () => {
    const key = JSON.stringify([selectedId, selected, detailError, channels.length]);
    if (key === lastDetail) return;
    lastDetail = key;
    layout.classList.toggle('show-detail', selectedId !== undefined);
    context.setTitle(selectedId ? `Delivery ${selectedId.slice(0, 8)} · Deliveries` : 'Deliveries');
    keepingFocus(detailPane, () =>
      replaceChildren(
        detail,
        detailError
          ? h(
              'div',
              { class: 'notice', testid: 'delivery-missing' },
              h('h2', {}, 'No such delivery'),
              h('p', {}, detailError),
            )
          : selected
            ? detailView(selected)
            : h(
                'p',
                { class: 'muted' },
                selectedId
                  ? 'Loading…'
                  : 'Select a delivery to see its signed requests and answers.',
              ),
      ),
    );
  };

  const loadPage = async () => {
    try {
      page = await listDeliveryPage({
        ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '')),
        offset,
        limit: PAGE_SIZE,
      });
      if (page.items.length === 0 && offset > 0 && page.total > 0) {
        offset = Math.max(0, Math.floor((page.total - 1) / PAGE_SIZE) * PAGE_SIZE);
        return loadPage();
      }
      renderList();
    } catch (error) {
      context.showError(errorText(error));
    }
  };

  const loadDetail = async () => {
    const id = selectedId;
    if (id === undefined) {
      selected = undefined;
      detailError = undefined;
      renderDetail();
      return;
    }
    try {
      const found = await getDelivery(id);
      if (id !== selectedId) return;
      selected = found;
      detailError = undefined;
    } catch (error) {
      if (id !== selectedId) return;
      selected = undefined;
      if (/** @type {any} */ (error)?.status === 404)
        detailError = `No delivery has the id “${id}”. The log keeps the latest deliveries only.`;
      else context.showError(errorText(error));
    }
    renderDetail();
  };

  const closeLive = connectLive({
    onStatus: (status) => {
      if (status === 'open') {
        context.clearError();
        void loadPage();
        void loadDetail();
      } else if (status === 'down')
        context.showError('The mock server cannot be reached; reconnecting…');
    },
    on: {
      channels: (data) => {
        channels = data;
        const value = channelSelect.value;
        replaceChildren(
          channelSelect,
          h('option', { props: { value: '' } }, 'Any channel'),
          channels.map((c) => h('option', { props: { value: c._id } }, c.name)),
        );
        channelSelect.value = value;
        renderList();
        renderDetail();
      },
      deliveries: ({ ids, removed }) => {
        const shown = new Set(page?.items.map((d) => d.id));
        const touchesPage = offset === 0 || [...ids, ...removed].some((id) => shown.has(id));
        if (selectedId !== undefined && [...ids, ...removed].includes(selectedId))
          void loadDetail();
        if (!touchesPage || reloadTimer) return;
        // Many changes in a burst make one reload.
        reloadTimer = window.setTimeout(() => {
          reloadTimer = 0;
          void loadPage();
        }, 150);
      },
    },
  });

  return {
    /** @param {string[]} params */
    show: (params) => {
      const id = params[0] || undefined;
      if (id === selectedId && selected) return;
      selectedId = id;
      selected = undefined;
      detailError = undefined;
      renderList();
      renderDetail();
      void loadDetail().then(() => {
        if (id !== undefined && matchMedia('(max-width: 720px)').matches)
          /** @type {HTMLElement | null} */ (detail.querySelector('#delivery-title'))?.focus();
      });
    },
    stop: () => {
      closeLive();
      clearTimeout(reloadTimer);
    },
  };
}
