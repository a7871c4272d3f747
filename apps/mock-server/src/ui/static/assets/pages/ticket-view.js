// @ts-check
// The parts of the Inbox that show a ticket: its content, the outcome of the actions performed on
// it, and the right sidebar. Every string from a ticket goes into text nodes; links and pictures
// only with http(s) URLs.
import { formatTime, h, link, safeHttpUrl } from '../lib/dom.js';
import { pickLabel } from '../lib/labels.js';
import { sidebarTree } from '../lib/ticket-tree.js';

/**
 * @typedef {{
 *   networkItemId?: string, message?: string, link?: string | null, url?: string | null,
 *   type?: string, createdTime?: string,
 *   pictures?: Array<{ small: string, large?: string }>,
 *   attachments?: Array<{ url: string, name?: string, size?: number, mimeType?: string }>,
 *   rating?: { value: number, scale: number },
 *   interactor?: { interactorId?: string, name?: string, url?: string | null, picture?: string | null },
 *   root?: { rootId?: string },
 * }} Interaction
 * @typedef {{
 *   uuid: string, actionId: string, type: string, time: number, status: string,
 *   payload: Record<string, unknown>, followupId?: string, reason?: string, resetTime?: string,
 *   replyTicketId?: string, outcome: 'pending' | 'succeeded' | 'failed', error?: string,
 *   delivery?: { id: string, outcome: string },
 * }} ActionState
 * @typedef {{
 *   _id: string, channelId: string, createdTime: string, isHidden: boolean, isUnread: boolean,
 *   isDone: boolean, followupTo?: { followupToId: string }, interaction: Interaction,
 *   actions: ActionState[], actionDeadlines?: Record<string, string>,
 * }} Ticket
 * @typedef {{ id: string, label: unknown, treeBuilder: string }} SidebarTab
 */

/** A one-line summary of a ticket for lists. */
export function ticketSummary(/** @type {Ticket} */ ticket) {
  const { interaction } = ticket;
  const who = interaction.interactor?.name;
  const what =
    interaction.message ??
    (interaction.pictures?.length
      ? `${interaction.pictures.length} picture(s)`
      : interaction.attachments?.length
        ? `${interaction.attachments.length} attachment(s)`
        : interaction.rating
          ? `rating ${interaction.rating.value} / ${interaction.rating.scale}`
          : (interaction.link ?? interaction.networkItemId ?? ''));
  return { who: who ?? (ticket.followupTo ? 'Reply' : 'Unknown'), what: what.slice(0, 120) };
}

/** @param {number | undefined} bytes */
const formatSize = (bytes) =>
  bytes === undefined
    ? ''
    : bytes < 1024
      ? `${bytes} B`
      : bytes < 1024 * 1024
        ? `${(bytes / 1024).toFixed(1)} KB`
        : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * The content of a ticket (`ticket-detail`'s body).
 * @param {Ticket} ticket
 * @param {(ticketId: string) => void} select
 */
export function ticketContent(ticket, select) {
  const { interaction } = ticket;
  const interactor = interaction.interactor;
  const picture = safeHttpUrl(interactor?.picture);
  return [
    h(
      'div',
      { class: 'ticket-head' },
      interactor
        ? h(
            'div',
            { class: 'interactor', testid: 'ticket-interactor' },
            picture ? h('img', { class: 'avatar', attrs: { src: picture, alt: '' } }) : null,
            link(interactor.url, interactor.name ?? interactor.interactorId ?? 'Unknown', {
              testid: 'ticket-interactor-name',
            }),
          )
        : h('div', { class: 'interactor muted' }, ticket.followupTo ? 'Reply' : 'No interactor'),
      h(
        'div',
        { class: 'muted small' },
        `${interaction.type ?? 'TICKET'} · ${interaction.networkItemId ?? ''} · ${formatTime(interaction.createdTime ?? ticket.createdTime)}`,
        ticket.isUnread ? ' · unread' : '',
        ticket.isDone ? ' · done' : '',
        interaction.url
          ? [' · ', link(interaction.url, 'on the network', { testid: 'ticket-url' })]
          : null,
      ),
      ticket.followupTo
        ? h(
            'div',
            { class: 'small' },
            'Follow-up of ',
            h(
              'button',
              {
                class: 'linklike',
                testid: 'ticket-followup-of',
                on: { click: () => select(ticket.followupTo?.followupToId ?? '') },
              },
              ticket.followupTo.followupToId,
            ),
          )
        : null,
    ),
    interaction.message === undefined
      ? null
      : h('div', { class: 'message', testid: 'ticket-message' }, interaction.message),
    interaction.pictures?.length
      ? h(
          'div',
          { class: 'pictures' },
          interaction.pictures.map((p, i) => {
            const small = safeHttpUrl(p.small);
            if (!small) return null;
            return link(
              p.large ?? p.small,
              h('img', {
                testid: 'ticket-picture',
                attrs: { src: small, alt: `Picture ${i + 1}`, loading: 'lazy' },
              }),
            );
          }),
        )
      : null,
    interaction.attachments?.length
      ? h(
          'ul',
          { class: 'attachments' },
          interaction.attachments.map((a) =>
            h(
              'li',
              {},
              link(a.url, a.name ?? a.url, { testid: 'ticket-attachment' }),
              h(
                'span',
                { class: 'muted small' },
                ` ${[a.mimeType, formatSize(a.size)].filter(Boolean).join(', ')}`,
              ),
            ),
          ),
        )
      : null,
    interaction.rating
      ? h(
          'p',
          {
            class: 'rating',
            testid: 'ticket-rating',
            data: { value: interaction.rating.value, scale: interaction.rating.scale },
          },
          `Rating ${interaction.rating.value} / ${interaction.rating.scale}`,
        )
      : null,
    interaction.link
      ? h(
          'p',
          { class: 'small' },
          'Link: ',
          link(interaction.link, interaction.link, { testid: 'ticket-link' }),
        )
      : null,
  ];
}

const STATE_TEXT = { pending: 'pending', succeeded: 'succeeded', failed: 'failed' };

/**
 * The outcome of the actions performed on a ticket, newest first (`action-status`), after a
 * request the mock refused, if any.
 * @param {Ticket} ticket
 * @param {Array<{ id: string, label: unknown }>} manifestActions
 * @param {string} locale
 * @param {{ actionId: string, text: string } | undefined} refused
 * @param {(ticketId: string) => void} select
 */
export function actionStatuses(ticket, manifestActions, locale, refused, select) {
  const labelOf = (/** @type {string} */ actionId) =>
    pickLabel(manifestActions.find((a) => a.id === actionId)?.label, locale) || actionId;
  const rows = [];
  if (refused) {
    rows.push(
      h(
        'li',
        {
          class: 'status failed',
          testid: 'action-status',
          data: { state: 'failed', actionId: refused.actionId, local: true },
        },
        h('strong', {}, labelOf(refused.actionId)),
        ' — not performed',
        h('div', { class: 'error', testid: 'action-error' }, refused.text),
      ),
    );
  }
  for (const action of [...ticket.actions].reverse()) {
    const payload = action.payload;
    const attachments = Array.isArray(payload.attachments) ? payload.attachments : [];
    const detail = [
      typeof payload.text === 'string' ? `“${payload.text.slice(0, 80)}”` : '',
      typeof payload.name === 'string' ? `template ${payload.name}` : '',
      ...attachments.map((a) => `attachment ${typeof a?.name === 'string' ? a.name : ''}`),
      typeof payload.option === 'string' ? `option ${payload.option}` : '',
    ]
      .filter(Boolean)
      .join(' · ');
    rows.push(
      h(
        'li',
        {
          class: `status ${action.outcome}`,
          testid: 'action-status',
          data: {
            state: action.outcome,
            actionId: action.actionId,
            actionType: action.type,
            uuid: action.uuid,
          },
        },
        h('strong', {}, labelOf(action.actionId)),
        ` — ${STATE_TEXT[action.outcome]}`,
        h(
          'span',
          { class: 'muted small' },
          ` ${formatTime(action.time)}${detail ? ` · ${detail}` : ''}`,
          action.delivery ? ` · delivery ${action.delivery.outcome}` : '',
        ),
        action.replyTicketId
          ? h(
              'div',
              { class: 'small' },
              'Published as ',
              h(
                'button',
                {
                  class: 'linklike',
                  testid: 'action-followup',
                  on: { click: () => select(action.replyTicketId ?? '') },
                },
                action.replyTicketId,
              ),
            )
          : null,
        action.outcome === 'failed'
          ? h(
              'div',
              { class: 'error', testid: 'action-error' },
              action.error ?? 'Failed',
              action.resetTime ? ` (reset ${formatTime(action.resetTime)})` : '',
            )
          : null,
      ),
    );
  }
  return h(
    'ul',
    { class: 'statuses', testid: 'action-statuses' },
    rows.length ? rows : h('li', { class: 'muted small' }, 'No actions performed yet.'),
  );
}

/**
 * The right sidebar: one section per manifest tab, listing the tickets of the selected ticket's
 * Root-Ticket as the tab's `treeBuilder` says.
 * @param {SidebarTab[]} tabs
 * @param {Ticket[]} tickets every ticket of the channel (hidden roots included)
 * @param {Ticket | undefined} selected
 * @param {string} locale
 * @param {(ticketId: string) => void} select
 */
export function rightSidebar(tabs, tickets, selected, locale, select) {
  const body = [];
  if (!selected) body.push(h('p', { class: 'muted small' }, 'Select a ticket.'));
  else if (tabs.length === 0)
    body.push(h('p', { class: 'muted small' }, 'The manifest has no right sidebar tabs.'));
  else {
    for (const tab of tabs) {
      const { root, items } = sidebarTree(tickets, selected, tab.treeBuilder);
      body.push(
        h(
          'section',
          {
            class: 'sidebar-tab',
            testid: 'sidebar-tab',
            data: { sidebarId: tab.id, treeBuilder: tab.treeBuilder },
          },
          h('h3', {}, pickLabel(tab.label, locale) || tab.id),
          h(
            'ul',
            { class: 'tree' },
            items.length
              ? items.map((ticket) => {
                  const { who, what } = ticketSummary(ticket);
                  const isRoot = ticket === root;
                  return h(
                    'li',
                    {
                      class: `tree-item${ticket._id === selected._id ? ' current' : ''}${isRoot ? ' root' : ''}`,
                      testid: 'sidebar-ticket',
                      data: { ticketId: ticket._id, root: isRoot },
                      attrs: { 'aria-current': ticket._id === selected._id ? 'true' : undefined },
                    },
                    ticket.isHidden
                      ? h(
                          'span',
                          { class: 'muted' },
                          `Root-Ticket ${ticket.interaction.networkItemId ?? ''} (not created yet)`,
                        )
                      : h(
                          'button',
                          { class: 'linklike', on: { click: () => select(ticket._id) } },
                          isRoot ? 'Root · ' : '',
                          `${who}: ${what}`,
                        ),
                  );
                })
              : h('li', { class: 'muted small' }, 'No other tickets share its Root-Ticket.'),
          ),
        ),
      );
    }
  }
  return h(
    'aside',
    { class: 'sidebar card', testid: 'right-sidebar', attrs: { 'aria-label': 'Right sidebar' } },
    h('h2', {}, 'Sidebar'),
    body,
  );
}
