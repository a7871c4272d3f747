// @ts-check
// The Inbox of one channel, master-detail: a virtualised, searchable, filterable ticket list
// (follow-ups under the tickets they answer) beside the selected ticket with the manifest's
// ticket actions, the reply editor / template picker, the outcome of performed actions and the
// right sidebar tabs. State arrives over /_mock/live; nothing polls.
import { api, errorText, setTicketState } from '../lib/api.js';
import { announce, h, keepingFocus, replaceChildren } from '../lib/dom.js';
import { LOCALES, pickLabel, savedLocale, saveLocale } from '../lib/labels.js';
import { connectLive } from '../lib/live.js';
import { orderTickets } from '../lib/ticket-tree.js';
import { createVirtualList } from '../lib/virtual-list.js';
import { createReplyEditor } from './reply-editor.js';
import { createTemplatePicker } from './template-picker.js';
import { actionStatuses, rightSidebar, ticketContent, ticketSummary } from './ticket-view.js';

/**
 * @typedef {import('../main.js').PageContext} PageContext
 * @typedef {import('../../../ui-types.js').Ticket} Ticket
 * @typedef {import('../../../ui-types.js').Channel} Channel
 * @typedef {import('../../../ui-types.js').Manifest} Manifest
 * @typedef {import('../../../ui-types.js').TicketAction} TicketAction
 * @typedef {import('../lib/ticket-tree.js').TicketRow<Ticket>} Row
 * @typedef {{ element: HTMLElement, setLocale(locale: string): void, tick(): void }} Editor
 * @typedef {'all' | 'unread' | 'open' | 'done' | 'failed'} Filter
 */

/** Height of one row of the ticket list, in CSS pixels (the list is virtualised). */
const ROW_HEIGHT = 64;

/** @type {Record<Filter, string>} */
const FILTERS = {
  all: 'All tickets',
  unread: 'Unread',
  open: 'Open',
  done: 'Done',
  failed: 'With a failed action',
};

/** @type {Record<Filter, (ticket: Ticket) => boolean>} */
const FILTER_TESTS = {
  all: () => true,
  unread: (t) => t.isUnread,
  open: (t) => !t.isDone,
  done: (t) => t.isDone,
  failed: (t) => t.actions.some((a) => a.outcome === 'failed'),
};

/** Whether the window is as narrow as a phone (list and detail are then two views). */
const isNarrow = () => matchMedia('(max-width: 720px)').matches;

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
  /** @type {Map<string, Ticket>} */
  let tickets = new Map();
  let isLoaded = false;
  /** A channel id the mock does not know. @type {string | undefined} */
  let missing;
  /** @type {Row[]} */
  let allRows = [];
  let query = '';
  /** @type {Filter} */
  let filter = 'all';
  /** @type {string | undefined} */
  let activeTab;
  let lastDetail = '';
  /** Tickets this page marked read already (so a reopened "unread" is not undone at once). */
  const markedRead = new Set();
  /** The editor open for the selected ticket. @type {{ ticketId: string, actionId: string, editor: Editor } | undefined} */
  let open;
  /** A request the mock refused, shown on its ticket until the next action. @type {{ ticketId: string, actionId: string, text: string } | undefined} */
  let refused;
  /** @type {(() => void) | undefined} */
  let closeLive;
  let listScroll = 0;

  const title = h('h1', { class: 'page-title' }, 'Inbox');
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
    renderDetail(true);
  });
  const search = h('input', {
    testid: 'ticket-search',
    data: { keep: 'ticket-search' },
    attrs: {
      type: 'search',
      placeholder: 'Search',
      'aria-label': 'Search tickets by text or interactor',
    },
  });
  search.addEventListener('input', () => {
    query = search.value.trim().toLowerCase();
    renderList();
  });
  const filterSelect = h(
    'select',
    { testid: 'ticket-filter', attrs: { 'aria-label': 'Show' } },
    Object.entries(FILTERS).map(([value, text]) => h('option', { props: { value } }, text)),
  );
  filterSelect.addEventListener('change', () => {
    filter = /** @type {Filter} */ (filterSelect.value);
    renderList();
  });
  const count = h('p', {
    class: 'muted small count',
    testid: 'ticket-count',
    attrs: { role: 'status' },
  });
  const listState = h('p', { class: 'list-state', testid: 'ticket-list-state' });

  const list = createVirtualList({
    rowHeight: ROW_HEIGHT,
    label: 'Tickets',
    testid: 'ticket-list',
    keyOf: (/** @type {Row} */ row) => row.ticket._id,
    renderRow: (row) => ticketRow(row),
  });

  const back = h(
    'a',
    {
      class: 'back',
      testid: 'inbox-back',
      attrs: { href: '#/inbox' },
      on: {
        click: (event) => {
          event.preventDefault();
          if (channelId) location.assign(`#/inbox/${encodeURIComponent(channelId)}`);
        },
      },
    },
    '← Tickets',
  );
  const detail = h('section', { class: 'detail', attrs: { 'aria-label': 'Ticket' } });
  const panel = h('div', { class: 'action-panel', testid: 'action-panel' });
  const sidebarSlot = h('div', { class: 'sidebar-slot' });
  const listPane = h(
    'section',
    { class: 'pane list-pane', attrs: { 'aria-labelledby': 'ticket-list-title' } },
    h(
      'div',
      { class: 'pane-head' },
      h('h2', { class: 'visually-hidden', attrs: { id: 'ticket-list-title' } }, 'Tickets'),
      h('div', { class: 'filters' }, search, filterSelect),
      count,
    ),
    listState,
    list.element,
  );
  const detailPane = h(
    'div',
    { class: 'pane detail-pane', testid: 'detail-pane', attrs: { tabindex: -1 } },
    back,
    detail,
    panel,
  );
  const layout = h('div', { class: 'split inbox' }, listPane, detailPane, sidebarSlot);
  container.append(
    h(
      'div',
      { class: 'page-head' },
      title,
      h('label', {}, 'Channel ', channelSelect),
      h('label', {}, 'Labels ', localeSelect),
    ),
    layout,
  );

  const channel = () => channels.find((c) => c._id === channelId);
  const manifest = () => manifests.find((m) => m._id === channel()?.manifestId);
  const selected = () => {
    const ticket = ticketId === undefined ? undefined : tickets.get(ticketId);
    return ticket && !ticket.isHidden ? ticket : undefined;
  };
  const ticketActions = () => manifest()?.inbox?.ticketActions ?? [];
  /** @param {string} id */
  const nameOf = (id) => {
    const ticket = tickets.get(id);
    if (!ticket) return undefined;
    const { who, what } = ticketSummary(ticket);
    return `${who}: ${what.length > 60 ? `${what.slice(0, 60)}…` : what}`;
  };

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

  /** @param {Row} row */
  const ticketRow = ({ ticket, depth, followupOf }) => {
    const { who, what } = ticketSummary(ticket);
    const hasFailed = ticket.actions.some((a) => a.outcome === 'failed');
    const isCurrent = ticket._id === ticketId;
    const when = ticket.interaction.createdTime ?? ticket.createdTime;
    return h(
      'a',
      {
        class: `ticket-row${isCurrent ? ' selected' : ''}${ticket.isUnread ? ' unread' : ''}${ticket.isDone ? ' done' : ''}`,
        testid: 'ticket-row',
        data: {
          ticketId: ticket._id,
          followupOf,
          depth,
          unread: ticket.isUnread || undefined,
          done: ticket.isDone || undefined,
        },
        attrs: {
          href: `#/inbox/${encodeURIComponent(ticket.channelId)}/${encodeURIComponent(ticket._id)}`,
          'aria-current': isCurrent ? 'true' : undefined,
        },
      },
      h('span', { class: 'indent', data: { depth: Math.min(depth, 6) } }),
      h(
        'span',
        { class: 'row-text' },
        h(
          'span',
          { class: 'row-top' },
          h('strong', { class: 'who', attrs: { dir: 'auto' } }, followupOf ? `↳ ${who}` : who),
          h('time', { class: 'when', attrs: { datetime: when } }, formatShortTime(when)),
        ),
        h(
          'span',
          { class: 'row-bottom' },
          h('span', { class: 'what', attrs: { dir: 'auto' } }, what),
          ticket.isUnread ? h('span', { class: 'state unread' }, 'unread') : null,
          ticket.isDone ? h('span', { class: 'state done' }, 'done') : null,
          hasFailed ? h('span', { class: 'state failed' }, 'failed action') : null,
        ),
      ),
    );
  };

  const visibleRows = () =>
    allRows.filter(({ ticket }) => {
      if (!FILTER_TESTS[filter](ticket)) return false;
      if (!query) return true;
      const name = ticket.interaction.interactor?.name ?? '';
      const text = ticket.interaction.message ?? '';
      return name.toLowerCase().includes(query) || text.toLowerCase().includes(query);
    });

  const renderList = () => {
    const rows = visibleRows();
    list.setActive(ticketId);
    list.setItems(rows);
    const total = allRows.length;
    count.textContent = !isLoaded
      ? ''
      : rows.length === total
        ? `${total.toLocaleString()} ticket${total === 1 ? '' : 's'}`
        : `${rows.length.toLocaleString()} of ${total.toLocaleString()} tickets`;
    listState.hidden = isLoaded && rows.length > 0;
    listPane.setAttribute('aria-busy', String(!isLoaded && !missing));
    listState.textContent = missing
      ? ''
      : !channelId
        ? channels.length === 0 && isChannelsLoaded
          ? 'No channel yet: create one on the Channels page.'
          : 'Loading…'
        : !isLoaded
          ? 'Loading tickets…'
          : total === 0
            ? 'No tickets yet: the integration creates them with POST /inbox/tickets.'
            : 'No ticket matches the search and filter.';
    listState.dataset.state = !isLoaded ? 'loading' : total === 0 ? 'empty' : 'no-match';
  };
  let isChannelsLoaded = false;

  const closeEditor = () => {
    open = undefined;
    replaceChildren(panel);
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
      renderDetail(true);
      return false;
    }
  };

  /** @param {Ticket} ticket @param {TicketAction} action */
  const openEditor = (ticket, action) => {
    if (open?.ticketId === ticket._id && open.actionId === action.id) {
      closeEditor();
      renderDetail(true);
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
    renderDetail(true);
  };

  /** @param {Ticket} ticket @param {{ isUnread?: boolean, isDone?: boolean }} patch */
  const changeState = async (ticket, patch) => {
    // Shown at once; the pushed update then matches and re-renders nothing.
    const before = tickets.get(ticket._id);
    tickets.set(ticket._id, { ...ticket, ...patch });
    const refresh = () => {
      rebuildRows();
      renderList();
      renderDetail();
    };
    refresh();
    try {
      await setTicketState(ticket._id, patch);
    } catch (error) {
      if (before) tickets.set(ticket._id, before);
      refresh();
      context.showError(errorText(error));
    }
  };

  /** @param {Ticket} ticket */
  const stateBar = (ticket) =>
    h(
      'div',
      { class: 'buttons state-bar' },
      h(
        'button',
        {
          testid: 'ticket-done',
          attrs: { type: 'button', 'aria-pressed': String(ticket.isDone) },
          on: { click: () => changeState(ticket, { isDone: !ticket.isDone }) },
        },
        ticket.isDone ? 'Reopen' : 'Done',
      ),
      h(
        'button',
        {
          testid: 'ticket-unread',
          attrs: { type: 'button' },
          props: { disabled: ticket.isUnread },
          on: { click: () => changeState(ticket, { isUnread: true }) },
        },
        'Mark unread',
      ),
    );

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
                  type: 'button',
                  'aria-pressed':
                    action.type === 'reply' || action.type === 'template_reply'
                      ? String(open?.ticketId === ticket._id && open.actionId === action.id)
                      : undefined,
                  title: timedOut
                    ? `Timed out ${action.config && 'timeout' in action.config ? action.config.timeout?.duration : ''} after the ticket was created`
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

  /** @param {boolean} [force] re-render even when the ticket did not change */
  const renderDetail = (force = false) => {
    const ticket = selected();
    const all = [...tickets.values()];
    const key = JSON.stringify([
      ticket,
      ticketId,
      missing,
      isLoaded,
      manifest()?.inbox,
      channel()?.isDisabled,
      locale,
      activeTab,
      ticket ? sidebarKey(ticket) : '',
    ]);
    if (!force && key === lastDetail) return;
    lastDetail = key;
    layout.classList.toggle('show-detail', ticketId !== undefined || missing !== undefined);
    keepingFocus(detailPane, () => {
      if (missing) {
        replaceChildren(
          detail,
          h(
            'div',
            { class: 'notice', testid: 'inbox-missing' },
            h('h2', {}, 'There is no such channel'),
            h('p', { attrs: { dir: 'auto' } }, `No channel has the id “${missing}”.`),
            h(
              'p',
              {},
              'Choose one above, or create one on the ',
              h('a', { attrs: { href: '#/channels' } }, 'Channels'),
              ' page.',
            ),
          ),
        );
      } else if (!ticket) {
        replaceChildren(
          detail,
          h(
            'p',
            { class: 'muted', testid: ticketId && isLoaded ? 'ticket-missing' : undefined },
            ticketId && isLoaded
              ? 'There is no such ticket in this channel.'
              : tickets.size
                ? 'Select a ticket.'
                : '',
          ),
        );
      } else {
        replaceChildren(
          detail,
          h(
            'article',
            {
              class: 'ticket',
              testid: 'ticket-detail',
              data: { ticketId: ticket._id },
              attrs: { 'aria-labelledby': 'ticket-title' },
            },
            h(
              'h2',
              { class: 'visually-hidden', attrs: { id: 'ticket-title', tabindex: -1 } },
              nameOf(ticket._id) ?? 'Ticket',
            ),
            ticketContent(ticket, select, nameOf),
            stateBar(ticket),
            actionBar(ticket),
            actionStatuses(
              ticket,
              ticketActions(),
              locale,
              refused?.ticketId === ticket._id ? refused : undefined,
              select,
              nameOf,
            ),
          ),
        );
      }
    });
    keepingFocus(sidebarSlot, () =>
      replaceChildren(
        sidebarSlot,
        rightSidebar({
          tabs: manifest()?.inbox?.rightSidebar ?? [],
          tickets: all,
          selected: ticket,
          locale,
          select,
          activeTab,
          onTab: (id) => {
            activeTab = id;
            renderDetail(true);
            /** @type {HTMLElement | null} */ (
              sidebarSlot.querySelector(`[data-tab-id="${CSS.escape(id)}"]`)
            )?.focus();
          },
        }),
      ),
    );
  };

  /** What the sidebar of a ticket shows depends on the other tickets of its root. @param {Ticket} ticket */
  const sidebarKey = (ticket) => {
    const root = ticket.interaction.root?.rootId;
    return [...tickets.values()]
      .filter((t) => t.interaction.root?.rootId === root || t.followupTo)
      .map((t) => `${t._id}:${t.interaction.message ?? ''}`)
      .join(',');
  };

  const renderHead = () => {
    replaceChildren(
      channelSelect,
      channels.length === 0 ? h('option', { props: { value: '' } }, 'No channels') : null,
      missing ? h('option', { props: { value: '' } }, 'Choose a channel') : null,
      channels.map((c) =>
        h('option', { props: { value: c._id } }, c.isDisabled ? `${c.name} (disabled)` : c.name),
      ),
    );
    channelSelect.value = missing ? '' : (channelId ?? '');
    const name = channel()?.name;
    const ticket = selected();
    context.setTitle(
      ticket
        ? `${ticketSummary(ticket).who} · Inbox${name ? ` · ${name}` : ''}`
        : `Inbox${name ? ` · ${name}` : ''}`,
    );
  };

  /** Marks the open ticket read, once per opening. */
  const markRead = () => {
    const ticket = selected();
    if (!ticket?.isUnread || markedRead.has(ticket._id)) return;
    markedRead.add(ticket._id);
    void changeState(ticket, { isUnread: false });
  };

  const rebuildRows = () => {
    allRows = orderTickets([...tickets.values()]);
  };

  const connect = () => {
    closeLive?.();
    isLoaded = false;
    tickets = new Map();
    const id = channelId;
    closeLive = connectLive({
      ...(id === undefined ? {} : { channelId: id }),
      onStatus: (status, message) => {
        if (status === 'open') context.clearError();
        else if (status === 'down')
          context.showError('The mock server cannot be reached; reconnecting…');
        else if (status === 'gone') {
          context.clearError();
          missing = id;
          isLoaded = true;
          renderHead();
          renderList();
          renderDetail();
          void message;
        }
      },
      on: {
        channels: (data) => {
          channels = data;
          isChannelsLoaded = true;
          if (!channelId && channels[0]) {
            location.replace(`#/inbox/${encodeURIComponent(channels[0]._id)}`);
            return;
          }
          renderHead();
          renderList();
          renderDetail();
        },
        manifests: (data) => {
          manifests = data;
          renderDetail();
        },
        tickets: (data) => {
          if (data.channelId !== channelId) return;
          const fresh = [];
          if (data.isSnapshot) tickets = new Map();
          for (const ticket of data.tickets) {
            if (!data.isSnapshot && !tickets.has(ticket._id) && !ticket.isHidden)
              fresh.push(ticket);
            tickets.set(ticket._id, ticket);
          }
          for (const removedId of data.removed) tickets.delete(removedId);
          isLoaded = true;
          rebuildRows();
          renderList();
          renderHead();
          renderDetail();
          markRead();
          if (fresh.length === 1) {
            const { who, what } = ticketSummary(/** @type {Ticket} */ (fresh[0]));
            announce(`New ticket from ${who}: ${what.slice(0, 80)}`);
          } else if (fresh.length > 1) announce(`${fresh.length} new tickets`);
        },
      },
    });
  };

  // Timed actions: disable buttons and editors once their deadline passes.
  const ticker = setInterval(() => {
    for (const button of detail.querySelectorAll('[data-testid="action-button"][data-deadline]')) {
      const deadline = Date.parse(/** @type {HTMLElement} */ (button).dataset.deadline ?? '');
      if (Date.now() > deadline && !(/** @type {HTMLButtonElement} */ (button).disabled))
        renderDetail(true);
    }
    open?.editor.tick();
  }, 1000);

  return {
    /** @param {string[]} params */
    show: (params) => {
      const [nextChannel, nextTicket] = params;
      const wasDetail = ticketId !== undefined;
      if (isNarrow() && !wasDetail) listScroll = list.element.scrollTop;
      const channelChanged = (nextChannel || undefined) !== channelId || closeLive === undefined;
      if (channelChanged) {
        closeEditor();
        refused = undefined;
        missing = undefined;
      }
      channelId = nextChannel || undefined;
      ticketId = nextTicket || undefined;
      if (open && open.ticketId !== ticketId) closeEditor();
      if (channelChanged) connect();
      renderHead();
      renderList();
      renderDetail(true);
      markRead();
      if (ticketId !== undefined) {
        list.scrollToKey(ticketId);
        // On a phone the detail replaces the list: take the focus there.
        if (isNarrow())
          /** @type {HTMLElement | null} */ (detail.querySelector('#ticket-title'))?.focus();
      } else if (isNarrow() && wasDetail) {
        list.element.scrollTop = listScroll;
        list.refresh();
      }
    },
    stop: () => {
      closeLive?.();
      clearInterval(ticker);
    },
  };
}

/**
 * A short time for a list row: the time today, else the date.
 * @param {string | undefined} time
 */
function formatShortTime(time) {
  if (!time) return '';
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return time;
  const now = new Date();
  return date.toDateString() === now.toDateString()
    ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString([], { day: 'numeric', month: 'short', year: '2-digit' });
}
