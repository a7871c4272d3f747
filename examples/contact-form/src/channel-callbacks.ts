import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type ChannelClientOptions,
  type CreatedChannel,
  createChannelCreationHandler,
  createChannelReactivationHandler,
  isSocialHubOrigin,
} from '@socialhub/integration';
import type { KitHandler } from '@socialhub/webhook-kit';
import type { ChannelRegistry } from './channels.js';
import { ContactFormError } from './errors.js';
import { sendHtml } from './http.js';
import { errorPage } from './pages.js';

/** What the channel callbacks work with. */
export interface ChannelCallbackDeps {
  channels: ChannelRegistry;
  /** Where and how `POST /channels` is sent (`baseUrl`, `fetch`, ...); the handlers add the token. */
  client: ChannelClientOptions;
  /** Origins (besides https://*.socialhub.io) the customer may be sent back to. */
  allowedOrigins: readonly string[];
  /** The example's public URL; names the channel. */
  publicUrl: string;
  log: (line: string) => void;
}

/**
 * The callbacks of a reusable manifest: "Add Channel" (`callbacks.channelCreation`) and the
 * reactivation of a disabled channel (`callbacks.channelReactivation`). SocialHub sends the
 * customer here with a temporary token; webhook-kit checks it, creates (or reactivates) the
 * channel with `POST /channels` through `@socialhub/client`, hands it over to keep its token, and
 * sends the customer back to SocialHub.
 */
export function createChannelCallbacks(deps: ChannelCallbackDeps): {
  addChannel: KitHandler;
  reactivateChannel: KitHandler;
} {
  const isAllowedOrigin = (origin: URL) =>
    isSocialHubOrigin(origin) || deps.allowedOrigins.includes(origin.origin);
  const host = new URL(deps.publicUrl).host;

  /** Keeps the new channel token (a real integration stores it, encrypted, in its database). */
  const keep = (what: string, channel: CreatedChannel) => {
    const accessToken = channel.endpoint?.accessToken;
    if (!accessToken)
      throw new ContactFormError('socialhub_error', 'POST /channels returned no channel token');
    deps.channels.connect(accessToken, channel.name);
    deps.log(`${what}: channel ${channel._id} (${channel.uniqueName}) connected`);
  };

  return {
    addChannel: createChannelCreationHandler({
      isAllowedOrigin,
      client: deps.client,
      // One contact form per SocialHub account: "Add Channel" again updates that channel.
      channels: ({ payload }) => [
        {
          name: 'Contact form',
          uniqueName: `Contact form (${host})`,
          networkId: `contact-form-${payload.accountId}`,
        },
      ],
      onChannel: (channel) => keep('add-channel', channel),
    }),
    reactivateChannel: createChannelReactivationHandler({
      isAllowedOrigin,
      client: deps.client,
      // The token's uniqueName and networkId are sent for us: they let SocialHub find the channel.
      channel: () => ({ name: 'Contact form' }),
      onChannel: (channel) => keep('reactivate-channel', channel),
    }),
  };
}

/**
 * Serves a channel callback to the customer's browser: webhook-kit's redirect as is, its errors
 * logged and shown as an HTML page.
 */
export async function serveChannelCallback(
  handler: KitHandler,
  req: IncomingMessage,
  res: ServerResponse,
  log: (line: string) => void,
): Promise<void> {
  req.resume(); // a GET; ignore any body
  const response = await handler.handle({
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    headers: req.headers,
    rawBody: '',
  });
  if (response.status < 400) {
    res.writeHead(response.status, response.headers);
    res.end(response.body);
    return;
  }
  // webhook-kit answers errors as JSON { code, message } (SocialHub refusing the channel is a
  // 502 `channel_creation_failed`; a throw of ours a bare 500). People get a page.
  let code = 'internal_error';
  let message = 'The channel could not be connected. Please try again from SocialHub.';
  try {
    const body = JSON.parse(response.body ?? '{}') as { code?: string; message?: string };
    if (response.status !== 500 && body.code) {
      code = body.code;
      message = body.message ?? message;
    }
  } catch {
    // keep the generic message
  }
  log(`${new URL(req.url ?? '/', 'http://x').pathname}: ${response.status} ${code}: ${message}`);
  if (response.headers.allow) res.setHeader('allow', response.headers.allow);
  sendHtml(
    res,
    response.status === 500 ? 502 : response.status,
    errorPage('The channel was not connected', message, code),
  );
}
