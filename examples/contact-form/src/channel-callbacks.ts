import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PublicClient } from '@socialhub/client';
import { createChannel, reactivateChannel } from '@socialhub/client/integration';
import {
  createChannelCreationHandler,
  createChannelReactivationHandler,
  isSocialHubOrigin,
  type KitHandler,
} from '@socialhub/webhook-kit';
import type { ChannelRegistry } from './channels.js';
import { ContactFormError } from './errors.js';
import { sendHtml } from './http.js';
import { errorPage } from './pages.js';

/** What the channel callbacks work with. */
export interface ChannelCallbackDeps {
  channels: ChannelRegistry;
  /** A client authenticated with a (temporary) token. */
  clientFor: (token: string) => PublicClient;
  /** Origins (besides https://*.socialhub.io) the customer may be sent back to. */
  allowedOrigins: readonly string[];
  /** The example's public URL; names the channel. */
  publicUrl: string;
  log: (line: string) => void;
}

/**
 * The callbacks of a reusable manifest: "Add Channel" (`callbacks.channelCreation`) and the
 * reactivation of a disabled channel (`callbacks.channelReactivation`). SocialHub sends the
 * customer here with a temporary token; the example creates the channel with it, keeps the new
 * channel token, and webhook-kit sends the customer back to SocialHub.
 */
export function createChannelCallbacks(deps: ChannelCallbackDeps): {
  addChannel: KitHandler;
  reactivateChannel: KitHandler;
} {
  const isAllowedOrigin = (origin: URL) =>
    isSocialHubOrigin(origin) || deps.allowedOrigins.includes(origin.origin);
  const host = new URL(deps.publicUrl).host;

  /** Keeps the token of a created channel, or throws (the customer then sees an error page). */
  const keep = (what: string, result: Awaited<ReturnType<typeof createChannel>>) => {
    if (result.status !== 201) {
      deps.log(
        `${what}: POST /channels answered ${result.status} ${result.error.code}: ${result.error.message}`,
      );
      throw new ContactFormError('socialhub_error', `POST /channels answered ${result.status}`);
    }
    const accessToken = result.data.endpoint?.accessToken;
    if (!accessToken)
      throw new ContactFormError('socialhub_error', 'POST /channels returned no token');
    const channel = deps.channels.connect(accessToken, result.data.name);
    deps.log(`${what}: channel ${channel.channelId} (${result.data.uniqueName}) connected`);
  };

  return {
    addChannel: createChannelCreationHandler({
      isAllowedOrigin,
      onToken: async ({ token, payload }) => {
        // One contact form per SocialHub account: the same networkId again reactivates it.
        const result = await createChannel(deps.clientFor(token), {
          token,
          channel: {
            name: 'Contact form',
            uniqueName: `Contact form (${host})`,
            networkId: `contact-form-${payload.accountId}`,
          },
        });
        keep('add-channel', result);
      },
    }),
    reactivateChannel: createChannelReactivationHandler({
      isAllowedOrigin,
      onToken: async ({ token }) => {
        const result = await reactivateChannel(deps.clientFor(token), {
          token,
          channel: { name: 'Contact form' },
        });
        keep('reactivate-channel', result);
      },
    }),
  };
}

/**
 * Serves a channel callback to the customer's browser: webhook-kit's redirect as is, its errors
 * as an HTML page (a failure of ours, a bare 500 from webhook-kit, as 502: SocialHub refused).
 */
export async function serveChannelCallback(
  handler: KitHandler,
  req: IncomingMessage,
  res: ServerResponse,
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
  let code = 'internal_error';
  let message = 'The channel could not be created. Please try again from SocialHub.';
  try {
    const body = JSON.parse(response.body ?? '{}') as { code?: string; message?: string };
    if (response.status !== 500 && body.code) {
      code = body.code;
      message = body.message ?? message;
    }
  } catch {
    // keep the generic message
  }
  const status = response.status === 500 ? 502 : response.status;
  if (response.headers.allow) res.setHeader('allow', response.headers.allow);
  sendHtml(res, status, errorPage('The channel was not connected', message, code));
}
