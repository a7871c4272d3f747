import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KitHandler } from '@socialhub/webhook-kit';
import { sendHtml } from './http.js';
import { errorPage } from './pages.js';

/**
 * Serves a channel callback ("Add Channel", reactivation) to the customer's browser: the
 * integration's redirect as is, its errors (JSON `{ code, message }`) logged and shown as a page.
 */
export async function serveChannelCallback(
  handler: KitHandler,
  req: IncomingMessage,
  res: ServerResponse,
  log: (line: string) => void,
): Promise<void> {
  req.resume(); // a GET; ignore any body
  const response = await handler.handle({
    method: 'GET',
    url: req.url ?? '/',
    headers: req.headers,
    rawBody: '',
  });
  if (response.status < 400) {
    res.writeHead(response.status, response.headers);
    res.end(response.body);
    return;
  }
  // SocialHub refusing the channel is a 502 `channel_creation_failed`; a throw of ours a bare 500.
  let code = 'internal_error';
  let message = 'The channel could not be connected. Please try again from SocialHub.';
  try {
    const body = JSON.parse(response.body ?? '{}') as { code?: string; message?: string };
    if (response.status !== 500 && body.code)
      ({ code, message = message } = body as { code: string; message?: string });
  } catch {
    // keep the generic message
  }
  log(`${new URL(req.url ?? '/', 'http://x').pathname}: ${response.status} ${code}: ${message}`);
  sendHtml(
    res,
    response.status === 500 ? 502 : response.status,
    errorPage('The channel was not connected', message, code),
  );
}
