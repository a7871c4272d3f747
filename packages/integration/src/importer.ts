import type { PublicClient } from '@socialhub/client';
import { createTicket } from '@socialhub/client/integration';
import type { components } from '@socialhub/schema/public';
import { backoffMs, type ResolvedRetry } from './backoff.js';
import { IntegrationConfigError } from './errors.js';
import { ChannelWorkError, holdChannel } from './event-processor.js';
import { callSocialHub } from './socialhub-calls.js';
import type { ImportItem, IntegrationStore, StoredChannel } from './stores/store.js';

/** One ticket to import: the `interaction` of `POST /inbox/tickets` (with its `networkItemId`). */
export type TicketInput = components['schemas']['InteractionCreate'];

/** What the import queue works with. */
export interface ImporterDeps {
  store: IntegrationStore;
  owner: string;
  now: () => number;
  leaseMs: number;
  retry: ResolvedRetry;
  clientFor: (channel: StoredChannel) => PublicClient;
  rateLimitPauseMs: number;
  onError: (error: unknown) => void;
}

/** Checks the tickets given to `importTickets` and turns them into queue items. */
export function toImportItems(items: readonly TicketInput[]): ImportItem[] {
  if (!Array.isArray(items))
    throw new IntegrationConfigError(
      'importTickets needs a list of interactions',
      'invalid_argument',
    );
  return items.map((interaction, index) => {
    if (typeof interaction !== 'object' || interaction === null)
      throw new IntegrationConfigError(
        `importTickets: item ${index} is not an object`,
        'invalid_argument',
      );
    const { networkItemId } = interaction;
    if (typeof networkItemId !== 'string' || networkItemId === '')
      throw new IntegrationConfigError(
        `importTickets: item ${index} has no networkItemId`,
        'invalid_argument',
      );
    const rootId = interaction.root?.rootId;
    return { networkItemId, rootId, interaction };
  });
}

/**
 * Works one leased channel's import queue: creates tickets in order (roots first), a 409 meaning
 * already imported, and stops at the first sign to wait (rate limit, outage, dead token), pausing
 * the channel so that the order holds. Returns when the queue is empty, paused or the lease is
 * half used.
 */
export function createImporter(deps: ImporterDeps): (channelId: string) => Promise<void> {
  const { store, now, retry } = deps;
  return async function importChannel(channelId) {
    const started = now();
    try {
      const channel = await store.getChannel(channelId);
      if (channel?.status !== 'active') return;
      const client = deps.clientFor(channel);
      while (now() - started < deps.leaseMs / 2) {
        const items = await store.nextImports(channelId, 20, now());
        if (items.length === 0) return;
        for (const item of items) {
          const { outcome, remaining } = await callSocialHub(
            () => createTicket(client, item.interaction as TicketInput),
            { now, defaultRetryAfterMs: deps.rateLimitPauseMs },
          );
          const attempts = item.attempts + 1;
          switch (outcome.kind) {
            case 'ok':
              await store.updateImport(channelId, item.networkItemId, {
                status: 'done',
                attempts,
                ticketId: (outcome.data as { _id?: string })?._id ?? null,
                error: null,
              });
              break;
            case 'exists':
              await store.updateImport(channelId, item.networkItemId, {
                status: 'done',
                attempts,
                error: null,
              });
              break;
            case 'refused':
              await store.updateImport(channelId, item.networkItemId, {
                status: 'failed',
                attempts,
                error: outcome.message,
              });
              deps.onError(
                new ChannelWorkError(
                  channelId,
                  `@socialhub/integration: ticket ${item.networkItemId} was not imported: ${outcome.message}`,
                ),
              );
              break;
            case 'rate_limited':
              await store.pauseChannel(channelId, now() + outcome.retryAfterMs);
              return;
            case 'unauthorized':
            case 'disabled':
              deps.onError(
                await holdChannel(
                  store,
                  channelId,
                  outcome.kind,
                  now(),
                  'its import waits for a reactivation',
                ),
              );
              return;
            case 'transient': {
              if (attempts >= retry.maxSocialHubAttempts) {
                await store.updateImport(channelId, item.networkItemId, {
                  status: 'failed',
                  attempts,
                  error: outcome.message,
                });
                deps.onError(
                  new ChannelWorkError(
                    channelId,
                    `@socialhub/integration: gave up importing ${item.networkItemId}: ${outcome.message}`,
                  ),
                );
                break;
              }
              await store.updateImport(channelId, item.networkItemId, {
                attempts,
                error: outcome.message,
              });
              // The whole queue waits, so that roots stay first.
              await store.pauseChannel(channelId, now() + backoffMs(retry, attempts));
              return;
            }
          }
          if (remaining === 0) {
            await store.pauseChannel(channelId, now() + deps.rateLimitPauseMs);
            return;
          }
        }
      }
    } finally {
      await store.releaseImportChannel(channelId, deps.owner);
    }
  };
}
