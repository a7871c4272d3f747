// @ts-check
// Channels settings: custom channels (create, disable, reactivate, "Create new Token", promote
// the manifest) and the networks of reusable manifests ("Add Channel").
import { api, errorText } from '../lib/api.js';
import {
  announce,
  confirmDialog,
  copyButton,
  formatTime,
  h,
  keepingFocus,
  keepingInput,
  replaceChildren,
} from '../lib/dom.js';
import { connectLive } from '../lib/live.js';

/**
 * @typedef {import('../main.js').PageContext} PageContext
 * @typedef {import('../../../ui-types.js').Channel} Channel
 * @typedef {import('../../../ui-types.js').Manifest} Manifest
 * @typedef {{ manifestId?: string, channelId?: string, before: Record<string, boolean> }} Pending
 */

/** Where the page remembers, across the trip to the integration, what "Add Channel" started from. */
const PENDING_KEY = 'socialhub-mock-ui.pending-channel';

/** Where an integration sends the customer back to after "Add Channel" or a reactivation. */
const channelsUrl = () => `${location.origin}${location.pathname}#/channels`;

/**
 * @param {HTMLElement} container
 * @param {PageContext} context
 */
export function createChannelsPage(container, context) {
  /** The token of a channel just created or renewed: shown once, here, until dismissed. @type {{ channel: Channel | undefined, channelId: string, token: string, isNew: boolean } | undefined} */
  let shownToken;
  /** What came back from a trip to the integration ("Add Channel", reactivation). @type {string | undefined} */
  let feedback;
  let isLoaded = false;
  /** @type {Channel[]} */
  let channels = [];
  /** @type {Manifest[]} */
  let manifests = [];

  const nameInput = h('input', {
    testid: 'custom-channel-name',
    attrs: {
      name: 'name',
      required: true,
      placeholder: 'Channel name',
      'aria-label': 'Channel name',
    },
  });
  const form = h(
    'form',
    { class: 'inline-form', testid: 'create-channel-form' },
    nameInput,
    h('button', { testid: 'create-channel', attrs: { type: 'submit' } }, 'Create custom channel'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = nameInput.value.trim();
    if (!name) return;
    act(form, async () => {
      const created = await api('POST', '/channels', { name });
      nameInput.value = '';
      shownToken = {
        channel: created.channel,
        channelId: created.channel._id,
        token: created.accessToken,
        isNew: true,
      };
      announce(`Channel ${name} created; its access token is shown once`);
    });
  });
  const channelList = h(
    'div',
    { class: 'rows', testid: 'channel-list', attrs: { 'aria-busy': 'true' } },
    h('p', { class: 'muted' }, 'Loading channels…'),
  );
  const notices = h('div', { class: 'notices' });
  const networkList = h('div', { class: 'rows', testid: 'network-list' });
  context.setTitle('Channels');
  container.append(
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title' }, 'Channels')),
    notices,
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Custom channels'),
      h(
        'p',
        { class: 'muted' },
        'A custom channel gets its own manifest; its integration sets it with PATCH /manifest.',
      ),
      form,
      channelList,
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Networks'),
      h(
        'p',
        { class: 'muted' },
        '"Add Channel" sends you to the integration (callbacks.channelCreation) with a temporary ' +
          'token; the integration creates the channel and sends you back here.',
      ),
      networkList,
    ),
  );

  /**
   * Runs a control call with `element` busy; shows its error; reloads afterwards.
   * @param {HTMLElement} element
   * @param {() => Promise<void>} task
   */
  const act = async (element, task) => {
    element.setAttribute('aria-busy', 'true');
    context.clearError();
    try {
      await task();
    } catch (error) {
      context.showError(errorText(error));
    } finally {
      element.removeAttribute('aria-busy');
      render();
    }
  };

  /**
   * Navigates to the integration's callback with a temporary token, or reloads.
   * @param {{ redirectUrl?: string }} result
   */
  const followRedirect = (result) => {
    if (typeof result?.redirectUrl === 'string') location.assign(result.redirectUrl);
  };

  /** Remembers the channels before a trip to the integration, to say afterwards what it did. @param {Omit<Pending, 'before'>} what */
  const remember = (what) => {
    /** @type {Pending} */
    const pending = {
      ...what,
      before: Object.fromEntries(channels.map((c) => [c._id, c.isDisabled])),
    };
    try {
      sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
    } catch {
      // private mode: no feedback after the trip
    }
  };

  /** After the trip: which channel the integration created or reactivated. */
  const reportTrip = () => {
    /** @type {Pending | undefined} */
    let pending;
    try {
      pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') ?? undefined;
      sessionStorage.removeItem(PENDING_KEY);
    } catch {
      pending = undefined;
    }
    if (!pending) return;
    const before = pending.before;
    const reactivated = channels.filter(
      (c) =>
        before[c._id] === true &&
        !c.isDisabled &&
        (!pending?.manifestId || c.manifestId === pending.manifestId),
    );
    const added = channels.filter(
      (c) => !(c._id in before) && (!pending?.manifestId || c.manifestId === pending.manifestId),
    );
    if (reactivated[0])
      feedback = `“${reactivated[0].name}” already existed: the integration reactivated it instead of adding a new channel.`;
    else if (added[0]) feedback = `“${added[0].name}” was added.`;
    else feedback = 'The integration sent you back without adding or reactivating a channel.';
    announce(feedback);
  };

  const renderNotices = () =>
    keepingFocus(notices, () =>
      replaceChildren(
        notices,
        feedback
          ? h(
              'div',
              { class: 'feedback', testid: 'channel-feedback', attrs: { role: 'status' } },
              h('span', { attrs: { dir: 'auto' } }, feedback),
              ' ',
              h(
                'button',
                {
                  testid: 'feedback-dismiss',
                  attrs: { type: 'button' },
                  on: {
                    click: () => {
                      feedback = undefined;
                      renderNotices();
                    },
                  },
                },
                'Dismiss',
              ),
            )
          : null,
        shownToken
          ? h(
              'section',
              {
                class: 'token-card',
                testid: 'token-card',
                data: { channelId: shownToken.channelId },
                attrs: { 'aria-labelledby': 'token-title' },
              },
              h(
                'h2',
                { attrs: { id: 'token-title', dir: 'auto' } },
                shownToken.isNew
                  ? `Access token of “${shownToken.channel?.name ?? shownToken.channelId}”`
                  : `New access token of “${shownToken.channel?.name ?? shownToken.channelId}”`,
              ),
              h(
                'p',
                { class: 'small' },
                'Shown once: copy it into your integration now. ',
                shownToken.isNew ? '' : "The old token and the manifest's webhook no longer work.",
              ),
              h('code', { class: 'token-value', testid: 'channel-token' }, shownToken.token),
              h(
                'div',
                { class: 'buttons' },
                copyButton(() => shownToken?.token ?? '', {
                  testid: 'copy-token',
                  label: 'Copy token',
                }),
                h(
                  'button',
                  {
                    testid: 'token-dismiss',
                    attrs: { type: 'button' },
                    on: {
                      click: () => {
                        shownToken = undefined;
                        renderNotices();
                      },
                    },
                  },
                  'Done, hide it',
                ),
              ),
            )
          : null,
      ),
    );

  /** @param {Channel} channel */
  const channelRow = (channel) => {
    const manifest = manifests.find((m) => m._id === channel.manifestId);
    const isReusable = manifest?.isReusable === true;
    const status = channel.isDisabled ? 'disabled' : 'active';
    const promoteName = h('input', {
      testid: 'promote-name',
      data: { keep: `promote-${channel._id}` },
      attrs: { placeholder: channel.name, 'aria-label': 'Network name' },
    });
    /** @type {HTMLElement} */
    const row = h(
      'div',
      { class: `row ${status}`, testid: 'channel-row', data: { channelId: channel._id, status } },
      h(
        'div',
        { class: 'row-main' },
        h('strong', { testid: 'channel-name' }, channel.name),
        h('span', { class: `badge ${status}`, testid: 'channel-status' }, status),
        h(
          'div',
          { class: 'muted small' },
          `id ${channel._id} · uniqueName ${channel.uniqueName}`,
          channel.networkId === undefined ? '' : ` · networkId ${channel.networkId}`,
          ` · ${isReusable ? `network ${manifest?.name ?? ''}` : 'custom channel'}`,
          ` · created ${formatTime(channel.createdTime)}`,
        ),
        channel.isDisabled
          ? h(
              'div',
              { class: 'muted small' },
              `Disabled by the ${channel.disabledBy ?? 'customer'}`,
              channel.disabledReason ? `: ${channel.disabledReason}` : '',
            )
          : null,
      ),
      h(
        'div',
        { class: 'buttons' },
        h(
          'button',
          {
            testid: 'open-inbox',
            on: { click: () => location.assign(`#/inbox/${encodeURIComponent(channel._id)}`) },
          },
          'Open Inbox',
        ),
        h(
          'button',
          {
            testid: 'disable-channel',
            props: { disabled: channel.isDisabled },
            on: {
              click: async () => {
                const isSure = await confirmDialog({
                  title: `Disable “${channel.name}”?`,
                  text: 'Its access token stops working at once and the integration gets a channel_action event. You can reactivate it later.',
                  confirm: 'Disable',
                });
                if (isSure) await act(row, () => api('POST', `/channels/${channel._id}/disable`));
              },
            },
          },
          'Disable',
        ),
        h(
          'button',
          {
            testid: 'reactivate-channel',
            props: { disabled: !channel.isDisabled },
            on: {
              click: () =>
                act(row, async () => {
                  remember({ channelId: channel._id, manifestId: channel.manifestId });
                  const result = await api('POST', `/channels/${channel._id}/reactivate`, {
                    origin: channelsUrl(),
                  });
                  if (typeof result?.redirectUrl === 'string') followRedirect(result);
                  else {
                    sessionStorage.removeItem(PENDING_KEY);
                    feedback = `“${channel.name}” is active again.`;
                    renderNotices();
                  }
                }),
            },
          },
          'Reactivate',
        ),
        h(
          'button',
          {
            testid: 'new-token',
            attrs: { title: "The old token and the manifest's webhook stop working" },
            on: {
              click: async () => {
                const isSure = await confirmDialog({
                  title: `Create a new token for “${channel.name}”?`,
                  text: "The current token and the manifest's webhook stop working at once; the integration must use the new token.",
                  confirm: 'Create new Token',
                });
                if (!isSure) return;
                await act(row, async () => {
                  const { accessToken } = await api('POST', `/channels/${channel._id}/token`);
                  shownToken = {
                    channel,
                    channelId: channel._id,
                    token: accessToken,
                    isNew: false,
                  };
                  announce(`New token for ${channel.name}; shown once`);
                });
              },
            },
          },
          'Create new Token',
        ),
      ),
      isReusable
        ? null
        : h(
            'div',
            { class: 'buttons promote' },
            promoteName,
            h(
              'button',
              {
                testid: 'promote-manifest',
                attrs: { title: "The SocialHub Team makes this channel's manifest reusable" },
                on: {
                  click: () =>
                    act(row, async () => {
                      const name = promoteName.value.trim() || channel.name;
                      await api('POST', `/manifests/${channel.manifestId}/promote`, { name });
                    }),
                },
              },
              'Promote manifest to network',
            ),
          ),
    );
    return row;
  };

  /** @param {Manifest} manifest */
  const networkRow = (manifest) => {
    const count = channels.filter((c) => c.manifestId === manifest._id).length;
    const callback = manifest.callbacks?.channelCreation;
    /** @type {HTMLElement} */
    const row = h(
      'div',
      { class: 'row', testid: 'network-row', data: { manifestId: manifest._id } },
      h(
        'div',
        { class: 'row-main' },
        h('strong', { testid: 'network-name' }, manifest.name ?? manifest._id),
        h(
          'div',
          { class: 'muted small' },
          `manifest ${manifest._id} · ${count} channel${count === 1 ? '' : 's'} · `,
          callback ? `channelCreation ${callback}` : 'no channelCreation callback',
        ),
      ),
      h(
        'div',
        { class: 'buttons' },
        h(
          'button',
          {
            testid: 'add-channel',
            props: { disabled: !callback },
            on: {
              click: () =>
                act(row, async () => {
                  remember({ manifestId: manifest._id });
                  const result = await api('POST', `/manifests/${manifest._id}/add-channel`, {
                    origin: channelsUrl(),
                  });
                  followRedirect(result);
                }),
            },
          },
          'Add Channel',
        ),
      ),
    );
    return row;
  };

  const render = () => {
    renderNotices();
    if (!isLoaded) return;
    channelList.removeAttribute('aria-busy');
    keepingFocus(container, () =>
      keepingInput(container, () => {
        const sorted = [...channels].sort((a, b) =>
          (a.createdTime ?? '').localeCompare(b.createdTime ?? ''),
        );
        replaceChildren(
          channelList,
          sorted.length ? sorted.map(channelRow) : h('p', { class: 'empty' }, 'No channels yet.'),
        );
        const networks = manifests.filter((m) => m.isReusable);
        replaceChildren(
          networkList,
          networks.length
            ? networks.map(networkRow)
            : h(
                'p',
                { class: 'empty' },
                "No reusable manifests yet: promote a custom channel's manifest above.",
              ),
        );
      }),
    );
  };

  const stop = connectLive({
    onStatus: (status) => {
      if (status === 'open') context.clearError();
      else if (status === 'down')
        context.showError('The mock server cannot be reached; reconnecting…');
    },
    on: {
      channels: (data) => {
        const isFirst = !isLoaded;
        channels = data;
        isLoaded = true;
        if (isFirst) reportTrip();
        render();
      },
      manifests: (data) => {
        manifests = data;
        render();
      },
    },
  });
  return {
    /** @param {string[]} _params */
    show: (_params) => {},
    stop,
  };
}
