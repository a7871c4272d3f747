// @ts-check
// The live log of what the mock sent to integrations: webhook deliveries, the webhook test
// request and the templates GET, with the signed request, every attempt and its answer.
import { api, errorText, poll } from '../lib/api.js';
import { challengeVerdict, deliveryOutcome } from '../lib/delivery-outcome.js';
import { formatTime, h, replaceChildren } from '../lib/dom.js';

/**
 * @typedef {import('../main.js').PageContext} PageContext
 * @typedef {{
 *   time: string, durationMs: number, error?: string, isChallengeSolved?: boolean,
 *   response?: { status: number, headers: Record<string, string>, body: string },
 * }} Attempt
 * @typedef {{
 *   id: string, kind: 'events' | 'test' | 'templates', channelId: string, manifestId: string,
 *   createdTime: string, events?: Record<string, number>,
 *   outcome: 'pending' | 'delivered' | 'discarded' | 'webhook-removed' | 'failed' | 'no-webhook',
 *   request: { method: string, url: string, headers: Record<string, string>, body: string },
 *   attempts: Attempt[],
 * }} Delivery
 */

const KIND_TEXT = { events: 'events', test: 'test request', templates: 'templates GET' };
const VERDICT_TEXT = {
  solved: 'challenge solved',
  mismatch: 'wrong or missing X-SocialHub-Challenge',
  'not-checked': 'not checked',
};

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
    'table',
    { class: 'headers', testid },
    h(
      'tbody',
      {},
      Object.entries(headers).map(([name, value]) =>
        h(
          'tr',
          {},
          h('th', {}, name),
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
  );

/**
 * @param {HTMLElement} container
 * @param {PageContext} context
 */
export function createDeliveriesPage(container, context) {
  /** @type {Delivery[]} */
  let deliveries = [];
  /** @type {Map<string, string>} */
  let channelNames = new Map();
  /** @type {string | undefined} */
  let selectedId;
  let lastText = '';

  const kindSelect = h(
    'select',
    { testid: 'deliveries-kind', attrs: { 'aria-label': 'Kind' } },
    h('option', { props: { value: '' } }, 'all kinds'),
    Object.entries(KIND_TEXT).map(([value, text]) => h('option', { props: { value } }, text)),
  );
  kindSelect.addEventListener('change', () => {
    lastText = '';
    void load();
  });
  const rows = h('tbody', { testid: 'delivery-rows' });
  const detail = h('div', { class: 'delivery-detail-slot' });
  container.append(
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Deliveries'),
      h(
        'p',
        { class: 'muted' },
        'Requests the mock sent to integrations, newest first, refreshed every second. ',
        'Click a row for the signed request, the answers and the challenge verdict.',
      ),
      h('div', { class: 'toolbar' }, h('label', {}, 'Show ', kindSelect)),
      h(
        'table',
        { class: 'deliveries' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [
              'Time',
              'Kind',
              'Channel',
              'Request',
              'Events',
              'Attempts',
              'Last answer',
              'Outcome',
            ].map((title) => h('th', {}, title)),
          ),
        ),
        rows,
      ),
    ),
    detail,
  );

  /** @param {Delivery} delivery */
  const lastAnswer = (delivery) => {
    const last = delivery.attempts.at(-1);
    if (!last) return '';
    return last.response ? String(last.response.status) : (last.error ?? '');
  };

  /** @param {Delivery} delivery */
  const row = (delivery) => {
    const outcome = deliveryOutcome(delivery);
    const choose = () => {
      selectedId = delivery.id;
      render();
    };
    return h(
      'tr',
      {
        class: `delivery ${outcome}${delivery.id === selectedId ? ' selected' : ''}`,
        testid: 'delivery-row',
        data: {
          deliveryId: delivery.id,
          outcome,
          rawOutcome: delivery.outcome,
          kind: delivery.kind,
          channelId: delivery.channelId,
        },
        attrs: {
          tabindex: 0,
          'aria-selected': delivery.id === selectedId ? 'true' : 'false',
        },
        on: {
          click: choose,
          keydown: (event) => {
            if (/** @type {KeyboardEvent} */ (event).key === 'Enter') choose();
          },
        },
      },
      h('td', {}, formatTime(delivery.createdTime)),
      h('td', {}, KIND_TEXT[delivery.kind] ?? delivery.kind),
      h('td', {}, channelNames.get(delivery.channelId) ?? delivery.channelId),
      h('td', { class: 'url' }, `${delivery.request.method} ${delivery.request.url}`),
      h(
        'td',
        {},
        Object.entries(delivery.events ?? {})
          .map(([type, count]) => `${count} ${type}`)
          .join(', '),
      ),
      h('td', {}, String(delivery.attempts.length)),
      h('td', {}, lastAnswer(delivery)),
      h('td', {}, h('span', { class: `badge ${outcome}` }, outcome)),
    );
  };

  /** @param {Delivery} delivery */
  const detailView = (delivery) => {
    const outcome = deliveryOutcome(delivery);
    const last = delivery.attempts.at(-1);
    const verdict = challengeVerdict(delivery, last);
    return h(
      'section',
      {
        class: 'card delivery-detail',
        testid: 'delivery-detail',
        data: { deliveryId: delivery.id, outcome },
      },
      h('h2', {}, `${delivery.request.method} ${delivery.request.url}`),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Outcome'),
        h('dd', { testid: 'delivery-outcome' }, `${outcome} (${delivery.outcome})`),
        h('dt', {}, 'Kind'),
        h('dd', {}, KIND_TEXT[delivery.kind] ?? delivery.kind),
        h('dt', {}, 'Channel'),
        h('dd', {}, channelNames.get(delivery.channelId) ?? '', ` ${delivery.channelId}`),
        h('dt', {}, 'Attempts'),
        h('dd', { testid: 'delivery-attempt-count' }, String(delivery.attempts.length)),
        h('dt', {}, 'Last answer'),
        h('dd', { testid: 'delivery-response-status' }, lastAnswer(delivery) || 'none yet'),
        h('dt', {}, 'Challenge'),
        h('dd', { testid: 'delivery-challenge', data: { verdict } }, VERDICT_TEXT[verdict]),
      ),
      h('h3', {}, 'Request headers'),
      headerTable(delivery.request.headers, 'delivery-request-headers'),
      h('h3', {}, 'Request body'),
      h(
        'pre',
        { testid: 'delivery-body' },
        delivery.request.body === ''
          ? '(empty: a GET is signed over the empty body)'
          : pretty(delivery.request.body),
      ),
      h('h3', {}, 'Attempts'),
      h(
        'ol',
        { class: 'attempts' },
        delivery.attempts.length === 0
          ? h('li', { class: 'muted' }, 'Not sent yet.')
          : delivery.attempts.map((attempt) => {
              const attemptVerdict = challengeVerdict(delivery, attempt);
              return h(
                'li',
                {
                  testid: 'delivery-attempt',
                  data: { status: attempt.response?.status, verdict: attemptVerdict },
                },
                h(
                  'div',
                  {},
                  `${formatTime(attempt.time)} · ${attempt.durationMs} ms · `,
                  attempt.response
                    ? `answered ${attempt.response.status}`
                    : (attempt.error ?? 'no answer'),
                  ` · ${VERDICT_TEXT[attemptVerdict]}`,
                ),
                attempt.response
                  ? [
                      headerTable(attempt.response.headers, 'delivery-response-headers'),
                      h('pre', { testid: 'delivery-response-body' }, pretty(attempt.response.body)),
                    ]
                  : null,
              );
            }),
      ),
    );
  };

  const render = () => {
    replaceChildren(
      rows,
      deliveries.length
        ? deliveries.map(row)
        : h('tr', {}, h('td', { class: 'empty', attrs: { colspan: 8 } }, 'Nothing sent yet.')),
    );
    const chosen = deliveries.find((d) => d.id === selectedId);
    replaceChildren(detail, chosen ? detailView(chosen) : null);
  };

  const load = async () => {
    try {
      const kind = kindSelect.value;
      const [nextDeliveries, channels] = await Promise.all([
        api('GET', `/deliveries?limit=200${kind ? `&kind=${kind}` : ''}`),
        api('GET', '/channels'),
      ]);
      const text = JSON.stringify([nextDeliveries, channels]);
      if (text === lastText) return;
      lastText = text;
      deliveries = nextDeliveries;
      channelNames = new Map(
        channels.map((/** @type {{ _id: string, name: string }} */ c) => [c._id, c.name]),
      );
      render();
    } catch (error) {
      context.showError(errorText(error));
    }
  };

  const stop = poll(load, 1000);
  return {
    /** @param {string[]} _params */
    show: (_params) => {},
    stop,
  };
}
