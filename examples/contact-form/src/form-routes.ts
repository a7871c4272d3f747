import type { IncomingMessage, ServerResponse } from 'node:http';
import { SocialHubError } from '@socialhub/client';
import type { Integration } from '@socialhub/integration';
import type { ChannelRegistry } from './channels.js';
import { parseContactForm, submitContact } from './contact.js';
import { readForm, sendHtml } from './http.js';
import type { Outbox } from './outbox.js';
import { errorPage, formPage, thanksPage } from './pages.js';

/** What the form routes work with. */
export interface FormRouteDeps {
  channels: ChannelRegistry;
  integration: Integration;
  outbox: Outbox;
  log: (line: string) => void;
}

/** `GET /` (the form; `?channel=` picks a connected channel) and `POST /contact`. */
export function createFormRoutes(deps: FormRouteDeps) {
  const { channels, integration, outbox, log } = deps;
  const notSent = (res: ServerResponse, status: number, message: string, code: string) =>
    sendHtml(res, status, errorPage('Message not sent', message, code));

  return {
    showForm(req: IncomingMessage, res: ServerResponse) {
      const channelId = new URL(req.url ?? '/', 'http://x').searchParams.get('channel');
      sendHtml(res, 200, formPage(channelId ? { channelId } : {}));
    },

    async postContact(req: IncomingMessage, res: ServerResponse) {
      const parsed = parseContactForm(await readForm(req));
      if (!parsed.ok) {
        const { values, errors } = parsed;
        const channel = values.channel ? { channelId: values.channel } : {};
        sendHtml(res, 400, formPage({ values, errors, ...channel }));
        return;
      }
      const { input } = parsed;
      if (outbox.spam.has(input.email)) {
        // Spammers get the usual answer; nothing reaches SocialHub.
        outbox.record({
          action: 'contact form',
          channelId: '',
          outcome: 'ignored',
          detail: 'sender marked as spam',
        });
        sendHtml(res, 200, thanksPage(input.name));
        return;
      }
      const channel = channels.target(input.channelId);
      if (!channel || channel.isDisabled) {
        const why = channel
          ? 'This form is switched off at the moment.'
          : 'This form is not connected to SocialHub yet.';
        notSent(res, 503, why, 'not_connected');
        return;
      }
      try {
        const client = await integration.client(channel.channelId);
        const { request, result } = await submitContact(client, channel.channelId, input);
        if (result.status !== 201) {
          const { code, message } = result.error;
          log(`contact: POST /inbox/tickets answered ${result.status} ${code}: ${message}`);
          notSent(res, 502, 'Please try again in a few minutes.', code);
          return;
        }
        outbox.requests.set(request.networkItemId, request);
        sendHtml(res, 200, thanksPage(input.name, result.data._id));
      } catch (error) {
        // No answer from SocialHub (network, timeout). The client's errors never hold the token.
        if (!(error instanceof SocialHubError)) throw error;
        log(`contact: ${error.message}`);
        notSent(res, 502, 'Please try again in a few minutes.', error.code);
      }
    },
  };
}
