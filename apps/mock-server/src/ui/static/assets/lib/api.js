// @ts-check
// The UI talks to the mock only through its documented control API under /_mock.

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
 * Calls the control API: `api('POST', '/channels', { name })` → the JSON answer; throws
 * `ApiError` with the mock's `code` and `message` on an error answer.
 * @param {'GET' | 'POST' | 'PATCH' | 'DELETE'} method
 * @param {string} path below `/_mock`
 * @param {unknown} [body]
 * @returns {Promise<any>}
 */
export async function api(method, path, body) {
  /** @type {Response} */
  let response;
  try {
    response = await fetch(`/_mock${path}`, {
      method,
      cache: 'no-store',
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
  } catch {
    throw new ApiError(0, 'NetworkError', 'The mock server cannot be reached');
  }
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
