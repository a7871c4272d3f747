import type { PublicClient } from '../public-client.js';
import { checkClient, checkObject, type PublicResult, type Schemas } from './shared.js';

/** The inbox part of the manifest: both lists, since `PATCH /manifest` replaces `inbox` whole. */
export interface InboxSettings {
  ticketActions: Schemas['TicketAction'][];
  rightSidebar: Schemas['RightSidebarTab'][];
}

/**
 * Registers (or replaces) the manifest's webhook. SocialHub first sends a signed test delivery to
 * the URL; if the webhook does not answer it, the result is a `422` whose `error.data` holds
 * SocialHub's internal error text.
 * @example
 * const result = await setWebhook(client, { url: 'https://example.com/webhook', secret });
 * if (result.status === 422) console.error(result.error.message, result.error.data);
 */
export async function setWebhook(
  client: PublicClient,
  webhook: Schemas['ManifestWebhook'],
): Promise<PublicResult<'/manifest', 'patch'>> {
  checkClient(client);
  checkObject('webhook', webhook);
  return client.PATCH('/manifest', { body: { webhook } });
}

/** Removes the manifest's webhook (`{ "webhook": null }`). */
export async function removeWebhook(
  client: PublicClient,
): Promise<PublicResult<'/manifest', 'patch'>> {
  checkClient(client);
  return client.PATCH('/manifest', { body: { webhook: null } });
}

/**
 * Sets the ticket actions and the right sidebar tabs. `PATCH /manifest` replaces top-level fields,
 * so both lists are sent together (pass `[]` to clear one).
 * @example
 * await setInbox(client, {
 *   ticketActions: [{ type: 'reply', id: 'reply', label: { en: 'Reply', de: 'Antworten', fr: 'Répondre' } }],
 *   rightSidebar: [],
 * });
 */
export async function setInbox(
  client: PublicClient,
  inbox: InboxSettings,
): Promise<PublicResult<'/manifest', 'patch'>> {
  checkClient(client);
  checkObject('inbox', inbox);
  return client.PATCH('/manifest', {
    body: { inbox: { ticketActions: inbox.ticketActions, rightSidebar: inbox.rightSidebar } },
  });
}
