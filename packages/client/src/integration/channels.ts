import type { PublicClient } from '../public-client.js';
import {
  checkClient,
  checkObject,
  checkString,
  type PublicResult,
  type Schemas,
} from './shared.js';
import {
  type DecodeTokenOptions,
  decodeChannelCreationToken,
  decodeChannelReactivationToken,
} from './tokens.js';

/** What `createChannel` needs: the temporary token from `?token=` and the channel to create. */
export interface CreateChannelInput extends DecodeTokenOptions {
  /** The temporary channel-creation (or reactivation) token SocialHub passed as `?token=`. */
  token: string;
  channel: Schemas['ChannelCreate'];
}

/** The result of `POST /channels`; on success `data.endpoint.accessToken` is the new channel token. */
export type CreateChannelResult = PublicResult<'/channels', 'post'>;

/**
 * Creates (or, when a disabled channel has the same `networkId` / `uniqueName`, reactivates) a
 * channel with the temporary token SocialHub passed to `callbacks.channelCreation`. The token is
 * decoded locally first: an expired one rejects with `SocialHubTokenExpiredError` and nothing is
 * sent. Store `data.endpoint.accessToken` of the result: it is the new channel's token.
 * @example
 * const result = await createChannel(client, {
 *   token,
 *   channel: { name: 'Contact form', uniqueName: 'Contact form (example.com)', networkId: 'cf-1' },
 * });
 * if (result.status === 201) await store(result.data._id, result.data.endpoint?.accessToken);
 */
export async function createChannel(
  client: PublicClient,
  input: CreateChannelInput,
): Promise<CreateChannelResult> {
  checkClient(client);
  checkObject('input', input);
  checkString('token', input.token);
  checkObject('channel', input.channel);
  decodeChannelCreationToken(input.token, input);
  return client.withAccessToken(input.token).POST('/channels', { body: input.channel });
}

/** What `createChannels` needs: one temporary token, several channels. */
export interface CreateChannelsInput extends DecodeTokenOptions {
  token: string;
  channels: Schemas['ChannelCreate'][];
}

/**
 * Creates several channels with one temporary token, one `POST /channels` after the other (the
 * token's expiry is checked before each); resolves to one result per channel, in order.
 * @example
 * const results = await createChannels(client, { token, channels: pages.map(toChannel) });
 */
export async function createChannels(
  client: PublicClient,
  input: CreateChannelsInput,
): Promise<CreateChannelResult[]> {
  checkClient(client);
  checkObject('input', input);
  checkString('token', input.token);
  if (!Array.isArray(input.channels)) checkObject('channels', input.channels);
  const results: CreateChannelResult[] = [];
  for (const channel of input.channels) {
    results.push(await createChannel(client, { token: input.token, channel, now: input.now }));
  }
  return results;
}

/** What `reactivateChannel` needs; `channel` overrides the fields taken from the token. */
export interface ReactivateChannelInput extends DecodeTokenOptions {
  /** The temporary token SocialHub passed to `callbacks.channelReactivation`. */
  token: string;
  /** Fields to send; `name`, `uniqueName` and `networkId` default to the token's. */
  channel?: Partial<Schemas['ChannelCreate']>;
}

/**
 * Reactivates the disabled channel named by a reactivation token: sends `POST /channels` with the
 * token's `uniqueName` and `networkId` (so SocialHub finds the channel) plus `channel`'s fields.
 * Rejects an expired token before sending; the result carries the channel's new access token.
 * @example
 * const result = await reactivateChannel(client, { token, channel: { imageUrl } });
 */
export async function reactivateChannel(
  client: PublicClient,
  input: ReactivateChannelInput,
): Promise<CreateChannelResult> {
  checkClient(client);
  checkObject('input', input);
  checkString('token', input.token);
  if (input.channel !== undefined) checkObject('channel', input.channel);
  const payload = decodeChannelReactivationToken(input.token, input);
  const body: Schemas['ChannelCreate'] = {
    name: payload.uniqueName,
    uniqueName: payload.uniqueName,
    ...(payload.networkId === undefined ? {} : { networkId: payload.networkId }),
    ...input.channel,
  };
  return client.withAccessToken(input.token).POST('/channels', { body });
}
