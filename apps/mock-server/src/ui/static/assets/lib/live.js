// @ts-check
// Server push: one EventSource on `/_mock/live` instead of polling. The first events are the
// current state; after that only what changed arrives.

/**
 * @typedef {'connecting' | 'open' | 'down' | 'gone'} LiveStatus
 * `down`: the mock cannot be reached (the browser reconnects by itself); `gone`: the mock
 * refused the stream (an unknown channel): nothing more is tried.
 * @typedef {{
 *   channels?: (data: import('../../../ui-types.js').Channel[]) => void,
 *   manifests?: (data: import('../../../ui-types.js').Manifest[]) => void,
 *   tickets?: (data: { channelId: string, tickets: import('../../../ui-types.js').Ticket[], removed: string[], isSnapshot?: boolean }) => void,
 *   deliveries?: (data: { ids: string[], removed: string[] }) => void,
 * }} LiveHandlers
 */

/** How long to wait before opening a stream again that the mock ended with an error status. */
const RESTART_MS = 2000;

/**
 * Opens the live stream; `channelId` adds that channel's tickets. Returns the close function.
 * @param {{ channelId?: string, on: LiveHandlers, onStatus: (status: LiveStatus, message?: string) => void }} options
 * @returns {() => void}
 */
export function connectLive({ channelId, on, onStatus }) {
  const url = `/_mock/live${channelId === undefined ? '' : `?channelId=${encodeURIComponent(channelId)}`}`;
  let isClosed = false;
  /** @type {EventSource | undefined} */
  let source;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;

  const open = () => {
    onStatus('connecting');
    const es = new EventSource(url);
    source = es;
    es.onopen = () => onStatus('open');
    for (const name of /** @type {const} */ (['channels', 'manifests', 'tickets', 'deliveries'])) {
      es.addEventListener(name, (event) => {
        const handler = on[name];
        if (!handler) return;
        /** @type {any} */
        const data = JSON.parse(/** @type {MessageEvent} */ (event).data);
        handler(data);
      });
    }
    es.onerror = () => {
      if (isClosed) return;
      if (es.readyState !== EventSource.CLOSED) {
        onStatus('down');
        return;
      }
      // The mock answered with an error status: ask it why, once, and give up on a 404.
      void probe(url).then((answer) => {
        if (isClosed) return;
        if (answer?.status === 404) {
          onStatus('gone', answer.message);
          return;
        }
        onStatus('down');
        timer = setTimeout(open, RESTART_MS);
      });
    };
  };
  open();
  return () => {
    isClosed = true;
    clearTimeout(timer);
    source?.close();
  };
}

/**
 * The status and message of an error answer, or `undefined` when the stream opens or the mock
 * cannot be reached.
 * @param {string} url
 * @returns {Promise<{ status: number, message: string } | undefined>}
 */
async function probe(url) {
  const aborter = new AbortController();
  try {
    const response = await fetch(url, { signal: aborter.signal, cache: 'no-store' });
    if (response.ok) return undefined;
    const body = await response.json().catch(() => ({}));
    return {
      status: response.status,
      message: typeof body.message === 'string' ? body.message : '',
    };
  } catch {
    return undefined;
  } finally {
    aborter.abort();
  }
}
