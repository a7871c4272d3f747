// @ts-check
// The UI talks to the mock as SocialHub's web app would: API2 for what a customer or community
// manager does, the documented control API under /_mock for what only a mock can do.

/** An error answer of the control API (`{ code, message, data? }`). */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   * @param {unknown} [data]
   */
  constructor(status, code, message, data) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.data = data;
  }
}

/**
 * Calls the mock: `api('POST', '/channels', { name })` → the JSON answer; throws `ApiError` with
 * the mock's `code` and `message` on an error answer. Paths are the control API's (below `/_mock`);
 * what a customer or community manager does is sent to API2's own route instead.
 * @param {'GET' | 'POST' | 'PATCH' | 'DELETE'} method
 * @param {string} path below `/_mock`
 * @param {unknown} [body]
 * @returns {Promise<any>}
 */
export async function api(method, path, body) {
  // What a customer or community manager does goes through SocialHub's own API2 (as the web app
  // does), logged in as the default account's community manager (cookie `accesstoken`, set by
  // `POST /api2/users/login`); what only a mock can do stays on the control API under /_mock.
  /**
   * @param {string} url
   * @param {string} verb
   * @param {unknown} [payload]
   */
  const send = async (url, verb, payload) => {
    try {
      return await fetch(url, {
        method: verb,
        cache: 'no-store',
        credentials: 'same-origin',
        ...(payload === undefined
          ? {}
          : { body: JSON.stringify(payload), headers: { 'content-type': 'application/json' } }),
      });
    } catch {
      throw new ApiError(0, 'NetworkError', 'The mock server cannot be reached');
    }
  };
  /** @param {Response} response */
  const read = async (response) => {
    const text = await response.text();
    let json;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      throw new ApiError(
        response.status,
        typeof json?.code === 'string' ? json.code : 'HttpError',
        typeof json?.message === 'string' ? json.message : `HTTP ${response.status}`,
        json?.data,
      );
    }
    return json;
  };
  /**
   * An API2 call; a missing or stale login (401) logs in once and tries again.
   * @param {string} verb
   * @param {string} route
   * @param {unknown} [payload]
   * @returns {Promise<any>}
   */
  const api2 = async (verb, route, payload) => {
    let response = await send(`/api2${route}`, verb, payload);
    if (response.status === 401) {
      await read(
        await send('/api2/users/login', 'POST', {
          username: 'manager@socialhub.local',
          password: 'socialhub-mock',
        }),
      );
      response = await send(`/api2${route}`, verb, payload);
    }
    return read(response);
  };
  /** Makes sure a login exists before the browser is sent to an API2 redirect route. */
  const loggedIn = () => api2('GET', '/channels?count=1');
  const input = /** @type {any} */ (body ?? {});
  const [bare = '', search = ''] = path.split('?');
  const parts = bare.split('/').filter(Boolean);
  const id = parts[1] ?? '';
  if (parts[0] === 'channels') {
    if (method === 'GET' && parts.length === 1)
      return api2('GET', `/channels${search ? `?${search}` : ''}`);
    if (method === 'POST' && parts.length === 1) {
      const channel = await api2('POST', '/channels/custom', { name: input.name });
      const { accessToken, ...endpoint } = channel.endpoint ?? {};
      return { channel: { ...channel, endpoint }, accessToken };
    }
    if (method === 'POST' && parts[2] === 'disable') {
      await api2('DELETE', `/channels/${id}`);
      return api2('GET', `/channels/${id}`);
    }
    if (method === 'POST' && parts[2] === 'token') {
      const channel = await api2('POST', `/channels/custom/${id}/reset`);
      return { accessToken: channel.endpoint?.accessToken };
    }
    if (method === 'POST' && parts[2] === 'reactivate') {
      const channel = await api2('GET', `/channels/${id}`);
      const manifests = await read(await send('/_mock/manifests', 'GET'));
      const manifest = manifests.find((/** @type {any} */ m) => m._id === channel.manifestId);
      if (manifest?.isReusable && manifest.callbacks?.channelReactivation) {
        // The browser follows API2's redirect to the integration's reactivation page.
        return {
          redirectUrl: `/api2/manifests/${channel.manifestId}/callbacks/channelReactivation?channelId=${id}`,
        };
      }
      return { channel: await api2('POST', `/channels/custom?channelId=${id}`, {}) };
    }
  }
  if (parts[0] === 'manifests' && parts[2] === 'add-channel' && method === 'POST') {
    await loggedIn();
    // "Add Channel": the browser follows API2's redirect to the integration's channelCreation page.
    return { redirectUrl: `/api2/manifests/${id}/callbacks/channelCreation` };
  }
  if (parts[0] === 'tickets' && parts[2] === 'actions' && parts.length >= 4) {
    const route = `/inbox/tickets/${id}/actions/${parts[3]}`;
    if (method === 'GET' && parts[4] === 'templates') return api2('GET', `${route}/templates`);
    if (method === 'POST' && parts.length === 4) {
      const { attachments, template, ...rest } = input;
      const ticket = await api2('POST', route, {
        ...rest,
        ...(attachments?.[0]?.url ? { attachment: attachments[0].url } : {}),
        ...(template ? { template: { name: template.networkId, ...template } } : {}),
      });
      const action = ticket?.actions?.at(-1);
      return { ticket, ...(action?.followupId ? { followupId: action.followupId } : {}) };
    }
  }
  return read(await send(`/_mock${path}`, method, body));
}

/**
 * The text to show for a failed call: `code: message`, and the first issue of a ValidationError.
 * @param {unknown} error
 */
export function errorText(error) {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const detail = typeof error.data === 'string' ? ` (${error.data})` : '';
  return `${error.code}: ${error.message}${detail}`;
}

/**
 * Calls `task` now and then every `intervalMs` after the previous call finished, until stopped.
 * @param {() => Promise<void>} task
 * @param {number} intervalMs
 * @returns {() => void} stop
 */
export function poll(task, intervalMs) {
  let isStopped = false;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const run = async () => {
    try {
      await task();
    } finally {
      if (!isStopped) timer = setTimeout(run, intervalMs);
    }
  };
  run().catch(() => {});
  return () => {
    isStopped = true;
    clearTimeout(timer);
  };
}

/**
 * Marks a ticket read or unread, done or open.
 * @param {string} ticketId
 * @param {{ isUnread?: boolean, isDone?: boolean }} patch
 * @returns {Promise<import('../../../ui-types.js').Ticket>}
 */
export function setTicketState(ticketId, patch) {
  return api('PATCH', `/tickets/${encodeURIComponent(ticketId)}`, patch);
}

/**
 * One page of the deliveries log, newest first, filtered.
 * @param {import('../../../ui-types.js').DeliveryPageQuery} query
 * @returns {Promise<import('../../../ui-types.js').DeliveryPage>}
 */
export function listDeliveryPage(query) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(name, String(value));
  return api('GET', `/deliveries/page?${params}`);
}

/**
 * One delivery (a permalink's data).
 * @param {string} deliveryId
 * @returns {Promise<import('../../../ui-types.js').Delivery>}
 */
export function getDelivery(deliveryId) {
  return api('GET', `/deliveries/${encodeURIComponent(deliveryId)}`);
}

/**
 * Sends an events delivery again, freshly signed; answers the new delivery.
 * @param {string} deliveryId
 * @returns {Promise<import('../../../ui-types.js').Delivery>}
 */
export function redeliver(deliveryId) {
  return api('POST', `/deliveries/${encodeURIComponent(deliveryId)}/redeliver`);
}
