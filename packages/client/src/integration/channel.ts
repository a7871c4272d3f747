import type { PublicClient } from '../public-client.js';
import { checkClient, checkObject, type PublicResult, type Schemas } from './shared.js';

/**
 * Updates the channel of the client's token (name, uniqueName, imageUrl, endpoint; `networkId` is
 * immutable).
 * @example
 * await updateChannel(client, { endpoint: { expirationTime: '2026-01-01T00:00:00.000Z' } });
 */
export async function updateChannel(
  client: PublicClient,
  channel: Schemas['ChannelUpdate'],
): Promise<PublicResult<'/channel', 'patch'>> {
  checkClient(client);
  checkObject('channel', channel);
  return client.PATCH('/channel', { body: channel });
}

/** Options of `disableChannel`. */
export interface DisableChannelOptions {
  /** Why the integration disables the channel; SocialHub stores it for debugging. */
  reason?: string;
}

/**
 * Disables the channel of the client's token (e.g. the integration lost access to the network);
 * the token stops working and the customer is asked to reactivate the channel.
 * @example
 * await disableChannel(client, { reason: 'Network access token expired' });
 */
export async function disableChannel(
  client: PublicClient,
  options: DisableChannelOptions = {},
): Promise<PublicResult<'/channel', 'delete'>> {
  checkClient(client);
  return client.DELETE('/channel', {
    params: { query: options.reason === undefined ? {} : { reason: options.reason } },
  });
}
