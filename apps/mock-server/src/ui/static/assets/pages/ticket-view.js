// @ts-check
// The parts of the Inbox that show a ticket: its content, the outcome of the actions performed on
// it, and the right sidebar. Every string from a ticket goes into text nodes; links and pictures
// only with http(s) URLs.
import { formatTime, h, link, safeHttpUrl } from '../lib/dom.js';
import { pickLabel } from '../lib/labels.js';
import { sidebarTree } from '../lib/ticket-tree.js';

/**
 * @typedef {import('../../../ui-types.js').Ticket} Ticket
 * @typedef {import('../../../ui-types.js').SidebarTab} SidebarTab
 * @typedef {(ticketId: string) => string | undefined} NameOf the interactor and text of a ticket, for links to it
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
 * @param {NameOf} nameOf
 */
export function ticketContent(ticket, select, nameOf) {
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
              attrs: { dir: 'auto' },
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
            'Follow-up to ',
            h(
              'button',
              {
                class: 'linklike',
                testid: 'ticket-followup-of',
                data: { ticketId: ticket.followupTo.followupToId },
                attrs: { dir: 'auto' },
                on: { click: () => select(ticket.followupTo?.followupToId ?? '') },
              },
              nameOf(ticket.followupTo.followupToId ?? '') ?? 'a ticket that is no longer listed',
            ),
          )
        : null,
    ),
    interaction.message === undefined
      ? null
      : h(
          'div',
          { class: 'message', testid: 'ticket-message', attrs: { dir: 'auto' } },
          interaction.message,
        ),
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
 * @param {NameOf} nameOf
 */
export function actionStatuses(ticket, manifestActions, locale, refused, select, nameOf) {
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
                  data: { ticketId: action.replyTicketId },
                  attrs: { dir: 'auto' },
                  on: { click: () => select(action.replyTicketId ?? '') },
                },
                nameOf(action.replyTicketId) ?? action.replyTicketId,
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
 * The right sidebar as tabs, one per manifest `rightSidebar` entry, each listing the tickets of
 * the selected ticket's Root-Ticket as its `treeBuilder` says. Arrow keys move between tabs.
 * @param {{
 *   tabs: SidebarTab[], tickets: Ticket[], selected: Ticket | undefined, locale: string,
 *   select: (ticketId: string) => void, activeTab: string | undefined,
 *   onTab: (tabId: string) => void,
 * }} options
 */
export function rightSidebar({ tabs, tickets, selected, locale, select, activeTab, onTab }) {
  const body = [];
  if (!selected) body.push(h('p', { class: 'muted small' }, 'Select a ticket.'));
  else if (tabs.length === 0)
    body.push(h('p', { class: 'muted small' }, 'The manifest has no right sidebar tabs.'));
  else {
    const current = tabs.find((t) => t.id === activeTab) ?? tabs[0];
    const tabButtons = tabs.map((tab) =>
      h(
        'button',
        {
          class: 'tab',
          testid: 'sidebar-tab-button',
          data: { tabId: tab.id },
          attrs: {
            role: 'tab',
            type: 'button',
            id: `sidebar-tab-${tab.id}`,
            'aria-selected': String(tab === current),
            'aria-controls': 'sidebar-panel',
            tabindex: tab === current ? 0 : -1,
          },
          on: { click: () => onTab(tab.id) },
        },
        pickLabel(tab.label, locale) || tab.id,
      ),
    );
    const tablist = h(
      'div',
      { class: 'tabs', attrs: { role: 'tablist', 'aria-label': 'Sidebar' } },
      tabButtons,
    );
    tablist.addEventListener('keydown', (event) => {
      const index = tabs.indexOf(/** @type {SidebarTab} */ (current));
      const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[
        event.key
      ];
      if (next === undefined) return;
      event.preventDefault();
      const tab = tabs[(next + tabs.length) % tabs.length];
      if (tab) onTab(tab.id);
    });
    body.push(tablist);
    if (current) {
      const { root, items } = sidebarTree(tickets, selected, current.treeBuilder);
      body.push(
        h(
          'section',
          {
            class: 'sidebar-tab',
            testid: 'sidebar-tab',
            data: { sidebarId: current.id, treeBuilder: current.treeBuilder },
            attrs: {
              role: 'tabpanel',
              id: 'sidebar-panel',
              'aria-labelledby': `sidebar-tab-${current.id}`,
            },
          },
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
                          {
                            class: 'linklike',
                            attrs: { dir: 'auto' },
                            on: { click: () => select(ticket._id) },
                          },
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
    { class: 'sidebar', testid: 'right-sidebar', attrs: { 'aria-labelledby': 'sidebar-title' } },
    h('h2', { attrs: { id: 'sidebar-title' } }, 'Sidebar'),
    body,
  );
}
