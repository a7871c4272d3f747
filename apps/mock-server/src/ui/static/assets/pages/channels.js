// @ts-check
// Channels settings: custom channels (create, disable, reactivate, "Create new Token", promote
// the manifest) and the networks of reusable manifests ("Add Channel").
import { api, errorText, poll } from '../lib/api.js';
import { formatTime, h, keepingInput, replaceChildren } from '../lib/dom.js';

/**
 * @typedef {import('../main.js').PageContext} PageContext
 * @typedef {{
 *   _id: string, name: string, uniqueName: string, networkId?: string, manifestId: string,
 *   createdTime: string, isDisabled: boolean, disabledBy?: string, disabledReason?: string,
 * }} Channel
 * @typedef {{
 *   _id: string, name?: string, isReusable: boolean, webhook: { url: string } | null,
 *   callbacks?: { channelCreation?: string, channelReactivation?: string },
 * }} Manifest
 */

/** Where an integration sends the customer back to after "Add Channel" or a reactivation. */
const channelsUrl = () => `${location.origin}${location.pathname}#/channels`;

/**
 * @param {HTMLElement} container
 * @param {PageContext} context
 */
export function createChannelsPage(container, context) {
  /** Tokens the user asked for with "Create new Token", shown until the page is left. */
  const tokens = new Map();
  /** @type {Channel[]} */
  let channels = [];
  /** @type {Manifest[]} */
  let manifests = [];
  let lastText = '';

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
      await api('POST', '/channels', { name });
      nameInput.value = '';
    });
  });
  const channelList = h('div', { class: 'rows', testid: 'channel-list' });
  const networkList = h('div', { class: 'rows', testid: 'network-list' });
  container.append(
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Channels'),
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

  const load = async () => {
    try {
      const [nextChannels, nextManifests] = await Promise.all([
        api('GET', '/channels'),
        api('GET', '/manifests'),
      ]);
      const text = JSON.stringify([nextChannels, nextManifests]);
      if (text === lastText) return;
      lastText = text;
      channels = nextChannels;
      manifests = nextManifests;
      render();
    } catch (error) {
      context.showError(errorText(error));
    }
  };

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
      lastText = '';
      await load();
    }
  };

  /**
   * Navigates to the integration's callback with a temporary token, or reloads.
   * @param {{ redirectUrl?: string }} result
   */
  const followRedirect = (result) => {
    if (typeof result?.redirectUrl === 'string') location.assign(result.redirectUrl);
  };

  /** @param {Channel} channel */
  const channelRow = (channel) => {
    const manifest = manifests.find((m) => m._id === channel.manifestId);
    const isReusable = manifest?.isReusable === true;
    const status = channel.isDisabled ? 'disabled' : 'active';
    const token = tokens.get(channel._id);
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
              click: () => act(row, () => api('POST', `/channels/${channel._id}/disable`)),
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
                  const result = await api('POST', `/channels/${channel._id}/reactivate`, {
                    origin: channelsUrl(),
                  });
                  followRedirect(result);
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
              click: () =>
                act(row, async () => {
                  const { accessToken } = await api('POST', `/channels/${channel._id}/token`);
                  tokens.set(channel._id, accessToken);
                }),
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
      token === undefined
        ? null
        : h(
            'div',
            { class: 'token' },
            h(
              'span',
              { class: 'small' },
              "New access token (the old one and the manifest's webhook no longer work):",
            ),
            h('code', { testid: 'channel-token' }, token),
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

  const render = () =>
    keepingInput(container, () => {
      const sorted = [...channels].sort((a, b) => a.createdTime.localeCompare(b.createdTime));
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
    });

  const stop = poll(load, 2000);
  return {
    /** @param {string[]} _params */
    show: (_params) => {},
    stop,
  };
}
