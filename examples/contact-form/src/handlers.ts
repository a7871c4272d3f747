import {
  type ActionContext,
  ActionFailedError,
  type ActionHandlers,
  type PostedReply,
} from '@socialhub/integration';
import { ACTION_IDS, type contactFormManifest } from './manifest.js';
import type { Outbox } from './outbox.js';
import { findTemplate, renderTemplate } from './templates.js';

type Action = { ticketId: string; networkItemId: string };

/**
 * What the example does for each Inbox action. `@socialhub/integration` stores every event before
 * answering, runs these at least once, confirms replies with the returned `networkItemId` and
 * reports an `ActionFailedError`'s reason with the reset route.
 */
export function createHandlers(outbox: Outbox): ActionHandlers<typeof contactFormManifest> {
  const record = (label: string, action: Action, ctx: ActionContext, detail: string) =>
    outbox.record({
      action: label,
      ticketId: action.ticketId,
      channelId: ctx.channelId,
      outcome: 'done',
      detail,
    });
  const fail = (label: string, action: Action, ctx: ActionContext, reason: string): never => {
    outbox.record({
      action: label,
      ticketId: action.ticketId,
      channelId: ctx.channelId,
      outcome: 'failed',
      detail: reason,
    });
    throw new ActionFailedError(reason);
  };

  /** "Sends" the email once per idempotency key; the framework then confirms it as the reply. */
  function sendReply(
    action: Action,
    ctx: ActionContext,
    label: string,
    text: string,
    attachments: { name: string; url: string }[],
  ): PostedReply {
    const request = outbox.requests.get(action.networkItemId);
    if (!request)
      return fail(label, action, ctx, 'Unknown contact request: cannot find whom to email');
    const id = `email-${ctx.idempotencyKey}`;
    let email = outbox.emails.find((e) => e.id === id);
    if (!email) {
      email = {
        id,
        to: request.email,
        subject: 'Re: your message',
        text,
        attachments,
        ticketId: action.ticketId,
        sentAt: new Date().toISOString(),
      };
      outbox.send(email);
    }
    record(label, action, ctx, 'emailed the sender');
    return { networkItemId: email.id, createdTime: email.sentAt };
  }

  return {
    [ACTION_IDS.reply]: (event, ctx) => {
      const { text = '', attachments = [] } = event.payload;
      const files = attachments.flatMap(({ name, url }) =>
        url ? [{ name: name ?? url, url }] : [],
      );
      return sendReply(event, ctx, 'reply', text, files);
    },
    [ACTION_IDS.templateReply]: (event, ctx) => {
      const { networkId, language, variables } = event.payload;
      const template = findTemplate(networkId);
      if (!template) return fail('template reply', event, ctx, `No template "${networkId}"`);
      return sendReply(
        event,
        ctx,
        `template reply: ${networkId}`,
        renderTemplate(template, language, variables),
        [],
      );
    },
    [ACTION_IDS.close]: (event, ctx) => {
      record(`button: ${event.actionId}`, event, ctx, 'closed the request');
    },
    [ACTION_IDS.spam]: (event, ctx) => {
      const request = outbox.requests.get(event.networkItemId);
      if (!request) return fail(`button: ${event.actionId}`, event, ctx, 'Unknown contact request');
      outbox.spam.add(request.email);
      record(`button: ${event.actionId}`, event, ctx, "the sender's new posts are dropped");
    },
    // This button fails on purpose: it shows how an integration reports a failed action.
    [ACTION_IDS.crm]: (event, ctx) =>
      fail(
        `button: ${event.actionId}`,
        event,
        ctx,
        'The CRM is not connected (this button always fails)',
      ),
    [ACTION_IDS.delete]: (event, ctx) => {
      if (!outbox.requests.delete(event.networkItemId))
        return fail('delete', event, ctx, 'Unknown contact request');
      // Forget the address in the emails sent for it too.
      for (const email of outbox.emails)
        if (email.ticketId === event.ticketId) email.to = '(deleted)';
      record('delete', event, ctx, 'deleted the personal data of the request');
    },
  };
}
