import { randomUUID } from 'node:crypto';
import { type PublicClient, toApiError } from '@socialhub/client';
import { confirmReply, reportFailedAction } from '@socialhub/client/integration';
import { createWebhookHandler, type WebhookHandler } from '@socialhub/webhook-kit';
import type { ChannelRegistry } from './channels.js';
import { ACTION_IDS } from './manifest.js';
import type { Outbox } from './outbox.js';
import { findTemplate, renderTemplate } from './templates.js';

/** What the webhook handlers work with. */
export interface WebhookDeps {
  webhookSecret: string;
  channels: ChannelRegistry;
  outbox: Outbox;
  log: (line: string) => void;
}

/** What a reply is about: the ticket event and the answer to send. */
interface Reply {
  ticketId: string;
  networkItemId: string;
  actionId: string;
  followupId: string;
  text: string;
  attachments: { name: string; url: string }[];
}

/**
 * The webhook: verifies each delivery (webhook-kit answers SocialHub at once with the challenge)
 * and then handles the ticket actions the community managers performed in the Inbox.
 */
export function createContactFormWebhook(deps: WebhookDeps): WebhookHandler {
  const { channels, outbox, log } = deps;

  /** Tells SocialHub the action failed, so the Inbox shows it and the action is reset. */
  async function fail(
    client: PublicClient,
    channelId: string,
    action: { ticketId: string; actionId: string; followupId?: string; label: string },
    reason: string,
  ) {
    const result = await reportFailedAction(client, {
      ticketId: action.ticketId,
      actionId: action.actionId,
      ...(action.followupId === undefined ? {} : { followupId: action.followupId }),
      reason,
    });
    const reported = result.status === 201 ? 'reported' : `not reported (${result.status})`;
    outbox.record({
      action: action.label,
      ticketId: action.ticketId,
      channelId,
      outcome: 'failed',
      detail: `${reason} (${reported})`,
    });
  }

  /** "Sends" the email, then confirms the reply so SocialHub creates the reply's own ticket. */
  async function sendReply(client: PublicClient, channelId: string, reply: Reply, label: string) {
    const request = outbox.requests.get(reply.networkItemId);
    if (!request) {
      await fail(
        client,
        channelId,
        { ...reply, label },
        'Unknown contact request: cannot find whom to email',
      );
      return;
    }
    const email = {
      id: `email-${randomUUID()}`,
      to: request.email,
      subject: 'Re: your message',
      text: reply.text,
      attachments: reply.attachments,
      ticketId: reply.ticketId,
      sentAt: new Date().toISOString(),
    };
    outbox.send(email);
    const confirmed = await confirmReply(client, {
      ticketId: reply.ticketId,
      followupId: reply.followupId,
      interaction: { networkItemId: email.id, createdTime: email.sentAt },
    });
    if (confirmed.status !== 201) {
      const error = toApiError(confirmed);
      log(`webhook: the reply-success call failed: ${error.message}`);
      outbox.record({
        action: label,
        ticketId: reply.ticketId,
        channelId,
        outcome: 'failed',
        detail: `emailed the sender, but the confirmation failed: ${error.code}`,
      });
      return;
    }
    outbox.record({
      action: label,
      ticketId: reply.ticketId,
      channelId,
      outcome: 'done',
      detail: 'emailed the sender',
    });
  }

  /** The client of the event's channel, or undefined (logged) for a channel without a token. */
  function clientOf(
    channelId: string,
    action: string,
    ticketId?: string,
  ): PublicClient | undefined {
    const channel = channels.get(channelId);
    if (channel) return channel.client;
    log(`webhook: no token for channel ${channelId}; ${action} ignored`);
    outbox.record({
      action,
      channelId,
      outcome: 'ignored',
      detail: 'no token for this channel',
      ...(ticketId ? { ticketId } : {}),
    });
    return undefined;
  }

  return createWebhookHandler({
    secret: deps.webhookSecret,
    on: {
      'ticket_action.reply': async (event, { channelId }) => {
        const client = clientOf(channelId, 'reply', event.ticketId);
        if (!client) return;
        const { followupId, text = '', attachments = [] } = event.payload;
        await sendReply(
          client,
          channelId,
          {
            ...event,
            followupId,
            text,
            attachments: attachments.flatMap(({ name, url }) =>
              url ? [{ name: name ?? url, url }] : [],
            ),
          },
          'reply',
        );
      },

      'ticket_action.template_reply': async (event, { channelId }) => {
        const client = clientOf(channelId, 'template reply', event.ticketId);
        if (!client) return;
        const { followupId, networkId, language, variables } = event.payload;
        const template = findTemplate(networkId);
        if (!template) {
          await fail(
            client,
            channelId,
            { ...event, followupId, label: 'template reply' },
            `No template "${networkId}"`,
          );
          return;
        }
        const text = renderTemplate(template, language, variables);
        await sendReply(
          client,
          channelId,
          { ...event, followupId, text, attachments: [] },
          `template reply: ${networkId}`,
        );
      },

      'ticket_action.button': async (event, { channelId }) => {
        const client = clientOf(channelId, `button: ${event.actionId}`, event.ticketId);
        if (!client) return;
        const label = `button: ${event.actionId}`;
        const request = outbox.requests.get(event.networkItemId);
        const done = (detail: string) =>
          outbox.record({
            action: label,
            ticketId: event.ticketId,
            channelId,
            outcome: 'done',
            detail,
          });
        if (event.actionId === ACTION_IDS.close) {
          done('closed the request');
        } else if (event.actionId === ACTION_IDS.spam && request) {
          outbox.spam.add(request.email);
          done("the sender's new posts are dropped");
        } else if (event.actionId === ACTION_IDS.crm) {
          // This button fails on purpose: it shows how an integration reports a failed action.
          await fail(
            client,
            channelId,
            { ...event, label },
            'The CRM is not connected (this button always fails)',
          );
        } else {
          await fail(
            client,
            channelId,
            { ...event, label },
            `This example cannot do "${event.actionId}" for this ticket`,
          );
        }
      },

      'ticket_action.delete': async (event, { channelId }) => {
        const client = clientOf(channelId, 'delete', event.ticketId);
        if (!client) return;
        const request = outbox.requests.get(event.networkItemId);
        if (!request) {
          await fail(client, channelId, { ...event, label: 'delete' }, 'Unknown contact request');
          return;
        }
        // Forget the request and the address in the emails sent for it.
        outbox.requests.delete(event.networkItemId);
        for (const email of outbox.emails)
          if (email.ticketId === event.ticketId) email.to = '(deleted)';
        outbox.record({
          action: 'delete',
          ticketId: event.ticketId,
          channelId,
          outcome: 'done',
          detail: 'deleted the personal data of the request',
        });
      },

      'channel_action.disabled': (event) => {
        const channel = channels.get(event.channelId);
        if (channel) channel.isDisabled = true;
        outbox.record({
          action: 'channel disabled',
          channelId: event.channelId,
          outcome: 'done',
          detail: 'stopped sending posts to this channel',
        });
      },
    },
    onUnknown: (_event, { eventType }) =>
      log(`webhook: skipped an event of unknown type ${eventType}`),
    onError: (error, { channelId }) => {
      log(`webhook: ${error.code} on channel ${channelId}: ${error.message}`);
      if (error.cause instanceof Error) log(`  cause: ${error.cause.message}`);
    },
  });
}
