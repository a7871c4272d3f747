import {
  type ChannelCreationTokenPayload,
  type ChannelReactivationTokenPayload,
  type ChannelTokenPayload,
  decodeTokenPayload,
  type TokenKind,
  type TokenPayloads,
} from '@socialhub/schema/tokens';
import { SocialHubTokenError, SocialHubTokenExpiredError } from '../errors.js';

export type { ChannelCreationTokenPayload, ChannelReactivationTokenPayload, ChannelTokenPayload };

/** Options of the temporary-token decoders. */
export interface DecodeTokenOptions {
  /**
   * The integration's clock in milliseconds, compared with the token's `exp` (seconds).
   * @default Date.now
   */
  now?: () => number;
}

const NAMES: Record<TokenKind, string> = {
  channel: 'channel token',
  channelCreation: 'channel creation token',
  channelReactivation: 'channel reactivation token',
};

/**
 * Decodes a token with the shared decoder of `@socialhub/schema/tokens` (payload checked against
 * the contract's schema, not the signature: SocialHub signs with a key only it holds) and turns a
 * refusal into this package's errors.
 */
function decode<K extends TokenKind>(
  kind: K,
  token: unknown,
  options: DecodeTokenOptions = {},
): TokenPayloads[K] {
  const decoded = decodeTokenPayload(kind, token, { now: (options.now ?? Date.now)() });
  if (decoded.ok) return decoded.payload;
  if (decoded.reason === 'expired' && decoded.expiredAt)
    throw new SocialHubTokenExpiredError(decoded.expiredAt);
  throw new SocialHubTokenError(`${NAMES[kind]}: ${decoded.message}`);
}

/**
 * Decodes a channel access token (`endpoint.accessToken` of `POST /channels`) locally: which
 * account and channel it belongs to. Channel tokens do not expire.
 * @example
 * const { accountId, channelId } = decodeChannelToken(storedToken);
 */
export function decodeChannelToken(token: string): ChannelTokenPayload {
  return decode('channel', token);
}

/**
 * Decodes the temporary token SocialHub passes to `callbacks.channelCreation` (`?token=`) and
 * throws `SocialHubTokenExpiredError` once it is past its `exp`.
 * @example
 * const { origin, teamIds } = decodeChannelCreationToken(url.searchParams.get('token') ?? '');
 */
export function decodeChannelCreationToken(
  token: string,
  options: DecodeTokenOptions = {},
): ChannelCreationTokenPayload {
  return decode('channelCreation', token, options);
}

/**
 * Decodes the temporary token SocialHub passes to `callbacks.channelReactivation`: it names the
 * `channelId`, `uniqueName` and `networkId` to reactivate. Throws once it is past its `exp`.
 * @example
 * const { uniqueName, networkId } = decodeChannelReactivationToken(token);
 */
export function decodeChannelReactivationToken(
  token: string,
  options: DecodeTokenOptions = {},
): ChannelReactivationTokenPayload {
  return decode('channelReactivation', token, options);
}
