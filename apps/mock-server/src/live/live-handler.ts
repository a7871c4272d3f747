import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NodeHandler } from '../http/types.js';
import type { LiveHub } from './live-hub.js';

const sendJson = (response: ServerResponse, status: number, code: string, message: string) => {
  const json = JSON.stringify({ code, message });
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  response.end(json);
};

/** How often an idle stream sends a comment line, so proxies and browsers keep it open. */
const HEARTBEAT_MS = 25_000;

/**
 * `GET /_mock/live[?channelId=]`: a `text/event-stream` of state changes for the web UI (and any
 * tool): `channels` and `manifests` (whole lists), `tickets` (`{ channelId, tickets, removed,
 * isSnapshot? }`) for the channel asked for, `deliveries` (`{ ids, removed }`). The first events
 * are the current state. `404` JSON for an unknown channel, `405` for other methods.
 */
export function createLiveHandler(
  hub: LiveHub,
  channelExists: (channelId: string) => boolean,
): NodeHandler {
  return (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'GET') {
      request.resume();
      response.setHeader('allow', 'GET');
      sendJson(
        response,
        405,
        'MethodNotAllowedError',
        `Error: ${request.method} is not allowed here`,
      );
      return;
    }
    const url = new URL(request.url ?? '/', 'http://mock');
    if (url.pathname !== '/_mock/live' && url.pathname !== '/_mock/live/') {
      sendJson(response, 404, 'NotFoundError', 'Error: Not found');
      return;
    }
    const channelId = url.searchParams.get('channelId') ?? undefined;
    if (channelId !== undefined && !channelExists(channelId)) {
      sendJson(response, 404, 'NotFoundError', 'Error: Channel not found');
      return;
    }
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    response.write('retry: 2000\n\n');
    let isClosed = false;
    let unsubscribe: (() => void) | undefined;
    const heartbeat = setInterval(() => response.write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const close = () => {
      isClosed = true;
      clearInterval(heartbeat);
      unsubscribe?.();
    };
    request.on('close', close);
    hub
      .subscribe({
        ...(channelId === undefined ? {} : { channelId }),
        send: ({ event, data }) => {
          if (!isClosed) response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        },
      })
      .then((stop) => {
        if (isClosed) stop();
        else unsubscribe = stop;
      })
      .catch(() => response.destroy());
  };
}
