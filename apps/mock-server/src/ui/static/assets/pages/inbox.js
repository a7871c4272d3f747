// @ts-check
// The Inbox of one channel: its tickets (follow-ups under the tickets they answer), the selected
// ticket with the manifest's ticket actions, the reply editor / template picker, the outcome of
// performed actions, and the right sidebar. Polls the control API every second.
import { api, errorText, poll } from '../lib/api.js';
import { h, replaceChildren } from '../lib/dom.js';
import { LOCALES, pickLabel, savedLocale, saveLocale } from '../lib/labels.js';
import { orderTickets } from '../lib/ticket-tree.js';
import { createReplyEditor } from './reply-editor.js';
import { createTemplatePicker } from './template-picker.js';
import { actionStatuses, rightSidebar, ticketContent, ticketSummary } from './ticket-view.js';

/**
 * @typedef {import('../main.js').PageContext} PageContext
 * @typedef {import('./ticket-view.js').Ticket} Ticket
 * @typedef {import('./channels.js').Channel} Channel
 * @typedef {{
 *   id: string, type: 'reply' | 'template_reply' | 'button' | 'delete', label: unknown,
 *   config?: Record<string, any>, attachments?: { noText?: boolean }, options?: any[],
 * }} TicketAction
 * @typedef {{
 *   _id: string, isReusable: boolean,
 *   inbox: { ticketActions?: TicketAction[], rightSidebar?: import('./ticket-view.js').SidebarTab[] },
 * }} Manifest
 * @typedef {{ element: HTMLElement, setLocale(locale: string): void, tick(): void }} Editor
 */

/**
 * @param {HTMLElement} container
 * @param {PageContext} context
 */
export function createInboxPage(container, context) {
  /** @type {string | undefined} */
  let channelId;
  /** @type {string | undefined} */
  let ticketId;
  let locale = savedLocale();
  /** @type {Channel[]} */
  let channels = [];
  /** @type {Manifest[]} */
  let manifests = [];
  /** @type {Ticket[]} */
  let tickets = [];
  let lastText = '';
  /** The editor open for the selected ticket. @type {{ ticketId: string, actionId: string, editor: Editor } | undefined} */
  let open;
  /** A request the mock refused, shown on its ticket until the next action. @type {{ ticketId: string, actionId: string, text: string } | undefined} */
  let refused;

  const channelSelect = h('select', {
    testid: 'inbox-channel-select',
    attrs: { 'aria-label': 'Channel' },
  });
  channelSelect.addEventListener('change', () =>
    location.assign(`#/inbox/${encodeURIComponent(channelSelect.value)}`),
  );
  const localeSelect = h(
    'select',
    { testid: 'locale-select', attrs: { 'aria-label': 'Language of the labels' } },
    LOCALES.map((l) => h('option', { props: { value: l } }, l)),
  );
  localeSelect.value = locale;
  localeSelect.addEventListener('change', () => {
    locale = localeSelect.value;
    saveLocale(locale);
    open?.editor.setLocale(locale);
    renderDetail();
  });

  const list = h('ul', { class: 'ticket-list', testid: 'ticket-list' });
  const listTitle = h('h2', {}, 'Tickets');
  const detail = h('section', { class: 'detail' });
  const panel = h('div', { class: 'action-panel', testid: 'action-panel' });
  const sidebarSlot = h('div', { class: 'sidebar-slot' });
  container.append(
    h(
      'div',
      { class: 'toolbar' },
      h('label', {}, 'Channel ', channelSelect),
      h('label', {}, 'Labels ', localeSelect),
    ),
    h(
      'div',
      { class: 'inbox' },
      h('aside', { class: 'card list-pane' }, listTitle, list),
      h('div', { class: 'card detail-pane' }, detail, panel),
      sidebarSlot,
    ),
  );

  const channel = () => channels.find((c) => c._id === channelId);
  const manifest = () => manifests.find((m) => m._id === channel()?.manifestId);
  const selected = () => tickets.find((t) => t._id === ticketId && !t.isHidden);
  const ticketActions = () => manifest()?.inbox.ticketActions ?? [];

  /** @param {string} id */
  const select = (id) => {
    if (!channelId || !id) return;
    location.assign(`#/inbox/${encodeURIComponent(channelId)}/${encodeURIComponent(id)}`);
  };

  /** @param {Ticket} ticket @param {TicketAction} action */
  const isTimedOut = (ticket, action) => {
    const deadline = ticket.actionDeadlines?.[action.id];
    return deadline !== undefined && Date.now() > Date.parse(deadline);
  };

  const load = async () => {
    try {
      const [nextChannels, nextManifests] = await Promise.all([
        api('GET', '/channels'),
        api('GET', '/manifests'),
      ]);
      channels = nextChannels;
      manifests = nextManifests;
      if (!channelId || !channels.some((c) => c._id === channelId)) {
        const first = channels[0];
        if (first && !channelId) {
          location.replace(`#/inbox/${encodeURIComponent(first._id)}`);
          return;
        }
      }
      const nextTickets = channelId
        ? await api('GET', `/tickets?channelId=${encodeURIComponent(channelId)}`)
        : [];
      const text = JSON.stringify([channels, manifests, nextTickets]);
      if (text === lastText) return;
      lastText = text;
      tickets = nextTickets;
      render();
    } catch (error) {
      context.showError(errorText(error));
    }
  };

  /**
   * Performs an action through the control API; a refusal is shown on the ticket.
   * @param {Ticket} ticket
   * @param {TicketAction} action
   * @param {object} [input]
   * @returns {Promise<boolean>} whether the mock took it
   */
  const perform = async (ticket, action, input) => {
    refused = undefined;
    context.clearError();
    try {
      await api(
        'POST',
        `/tickets/${encodeURIComponent(ticket._id)}/actions/${encodeURIComponent(action.id)}`,
        input,
      );
      if (open?.actionId === action.id) closeEditor();
      return true;
    } catch (error) {
      refused = { ticketId: ticket._id, actionId: action.id, text: errorText(error) };
      return false;
    } finally {
      lastText = '';
      await load();
    }
  };

  const closeEditor = () => {
    open = undefined;
    replaceChildren(panel);
  };

  /** @param {Ticket} ticket @param {TicketAction} action */
  const openEditor = (ticket, action) => {
    if (open?.ticketId === ticket._id && open.actionId === action.id) {
      closeEditor();
      renderDetail();
      return;
    }
    const timedOut = () => isTimedOut(ticket, action);
    /** @type {Editor} */
    const editor =
      action.type === 'reply'
        ? createReplyEditor({
            action,
            locale,
            isTimedOut: timedOut,
            onSend: (input) => perform(ticket, action, input),
          })
        : createTemplatePicker({
            action,
            locale,
            isTimedOut: timedOut,
            loadTemplates: () =>
              api(
                'GET',
                `/tickets/${encodeURIComponent(ticket._id)}/actions/${encodeURIComponent(action.id)}/templates`,
              ),
            onSend: (template) => perform(ticket, action, { template }),
          });
    open = { ticketId: ticket._id, actionId: action.id, editor };
    replaceChildren(panel, editor.element);
    renderDetail();
  };

  /** @param {Ticket} ticket */
  const actionBar = (ticket) => {
    const actions = ticketActions();
    const isDisabled = channel()?.isDisabled === true;
    return h(
      'div',
      { class: 'actions', testid: 'ticket-actions' },
      actions.length === 0
        ? h('span', { class: 'muted small' }, 'The manifest has no ticket actions.')
        : actions.map((action) => {
            const deadline = ticket.actionDeadlines?.[action.id];
            const timedOut = isTimedOut(ticket, action);
            return h(
              'button',
              {
                class: `action ${action.type}`,
                testid: 'action-button',
                data: {
                  actionId: action.id,
                  actionType: action.type,
                  deadline,
                  timedOut: timedOut || undefined,
                },
                props: { disabled: isDisabled || timedOut },
                attrs: {
                  'aria-pressed':
                    action.type === 'reply' || action.type === 'template_reply'
                      ? String(open?.ticketId === ticket._id && open.actionId === action.id)
                      : undefined,
                  title: timedOut
                    ? `Timed out ${action.config?.timeout?.duration ?? ''} after the ticket was created`
                    : deadline
                      ? `Available until ${new Date(deadline).toLocaleString()}`
                      : undefined,
                },
                on: {
                  click: () => {
                    if (isTimedOut(ticket, action)) return;
                    if (action.type === 'reply' || action.type === 'template_reply')
                      openEditor(ticket, action);
                    else void perform(ticket, action);
                  },
                },
              },
              pickLabel(action.label, locale) || action.id,
            );
          }),
      isDisabled ? h('span', { class: 'muted small' }, ' The channel is disabled.') : null,
    );
  };

  const renderList = () => {
    const rows = orderTickets(tickets);
    listTitle.textContent = `Tickets (${rows.length})`;
    replaceChildren(
      list,
      rows.length
        ? rows.map(({ ticket, depth, parentId, followupOf }) => {
            const { who, what } = ticketSummary(ticket);
            const latest = ticket.actions.at(-1);
            return h(
              'li',
              {
                class: `ticket-row${ticket._id === ticketId ? ' selected' : ''}${ticket.isUnread ? ' unread' : ''}`,
                testid: 'ticket-row',
                data: { ticketId: ticket._id, followupOf, parentId, depth },
                attrs: {
                  'aria-current': ticket._id === ticketId ? 'true' : undefined,
                  tabindex: 0,
                  role: 'button',
                },
                on: {
                  click: () => select(ticket._id),
                  keydown: (event) => {
                    if (/** @type {KeyboardEvent} */ (event).key === 'Enter') select(ticket._id);
                  },
                },
              },
              h('span', { class: 'indent', data: { depth: Math.min(depth, 6) } }),
              h(
                'span',
                { class: 'ticket-line' },
                h('strong', {}, followupOf ? `↳ ${who}` : who),
                h('span', { class: 'muted' }, ` ${what}`),
              ),
              latest
                ? h('span', {
                    class: `dot ${latest.outcome}`,
                    attrs: { title: `last action ${latest.outcome}` },
                  })
                : null,
            );
          })
        : h(
            'li',
            { class: 'empty' },
            channelId
              ? 'No tickets yet: the integration creates them with POST /inbox/tickets.'
              : 'No channel yet: create one on the Channels page.',
          ),
    );
  };

  const renderDetail = () => {
    const ticket = selected();
    if (!ticket) {
      replaceChildren(detail, h('p', { class: 'muted' }, tickets.length ? 'Select a ticket.' : ''));
    } else {
      replaceChildren(
        detail,
        h(
          'article',
          { class: 'ticket', testid: 'ticket-detail', data: { ticketId: ticket._id } },
          ticketContent(ticket, select),
          actionBar(ticket),
          actionStatuses(
            ticket,
            ticketActions(),
            locale,
            refused?.ticketId === ticket._id ? refused : undefined,
            select,
          ),
        ),
      );
    }
    replaceChildren(
      sidebarSlot,
      rightSidebar(manifest()?.inbox.rightSidebar ?? [], tickets, ticket, locale, select),
    );
  };

  const render = () => {
    replaceChildren(
      channelSelect,
      channels.map((c) =>
        h('option', { props: { value: c._id } }, c.isDisabled ? `${c.name} (disabled)` : c.name),
      ),
    );
    if (channelId) channelSelect.value = channelId;
    const ticket = selected();
    if (
      open &&
      (open.ticketId !== ticket?._id || !ticketActions().some((a) => a.id === open?.actionId))
    )
      closeEditor();
    renderList();
    renderDetail();
  };

  const stopPolling = poll(load, 1000);
  // Timed actions: disable buttons and editors once their deadline passes.
  const ticker = setInterval(() => {
    for (const button of detail.querySelectorAll('[data-testid="action-button"][data-deadline]')) {
      const deadline = Date.parse(/** @type {HTMLElement} */ (button).dataset.deadline ?? '');
      if (Date.now() > deadline && !(/** @type {HTMLButtonElement} */ (button).disabled))
        renderDetail();
    }
    open?.editor.tick();
  }, 1000);

  return {
    /** @param {string[]} params */
    show: (params) => {
      const [nextChannel, nextTicket] = params;
      if (nextChannel !== channelId) {
        closeEditor();
        refused = undefined;
        tickets = [];
      }
      channelId = nextChannel || undefined;
      ticketId = nextTicket || undefined;
      lastText = '';
      render();
      void load();
    },
    stop: () => {
      stopPolling();
      clearInterval(ticker);
    },
  };
}
