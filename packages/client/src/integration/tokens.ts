import type { components } from '@socialhub/schema/public';
import { SocialHubTokenError, SocialHubTokenExpiredError } from '../errors.js';

/** Payload of a channel access token: `{ accountId, channelId, iat }`, no expiry. */
export type ChannelTokenPayload = components['schemas']['ChannelTokenPayload'];
/** Payload of the temporary token given to `callbacks.channelCreation` (valid 30 minutes). */
export type ChannelCreationTokenPayload = components['schemas']['ChannelCreationTokenPayload'];
/** Payload of the temporary token given to `callbacks.channelReactivation` (valid 30 minutes). */
export type ChannelReactivationTokenPayload =
  components['schemas']['ChannelReactivationTokenPayload'];

/** Options of the temporary-token decoders. */
export interface DecodeTokenOptions {
  /**
   * The integration's clock in milliseconds, compared with the token's `exp` (seconds).
   * @default Date.now
   */
  now?: () => number;
}

type Kind = 'string' | 'number';
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

// The required fields of each payload with their JSON types; `satisfies` ties each list to the
// generated type, so a contract change that adds or drops a required field fails to compile.
const CHANNEL = {
  accountId: 'string',
  channelId: 'string',
  iat: 'number',
} as const satisfies Record<RequiredKeys<ChannelTokenPayload>, Kind>;
const CREATION = {
  accountId: 'string',
  manifestId: 'string',
  userId: 'string',
  origin: 'string',
  iat: 'number',
  exp: 'number',
} as const satisfies Record<RequiredKeys<ChannelCreationTokenPayload>, Kind>;
const REACTIVATION = {
  ...CREATION,
  channelId: 'string',
  uniqueName: 'string',
} as const satisfies Record<RequiredKeys<ChannelReactivationTokenPayload>, Kind>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeSegment(segment: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(segment))
    throw new SocialHubTokenError('token payload is not base64url');
  const base64 = segment.replaceAll('-', '+').replaceAll('_', '/');
  let text: string;
  try {
    const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
    text = utf8.decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch (cause) {
    throw new SocialHubTokenError('token payload is not base64url-encoded UTF-8', { cause });
  }
  try {
    return JSON.parse(text);
  } catch {
    // The parser's message quotes the payload; leave it out.
    throw new SocialHubTokenError('token payload is not JSON');
  }
}

/**
 * Decodes a JWT's payload and checks the required fields, without verifying the signature:
 * SocialHub signs with a key only it holds (HS256); it checks the token when it is used.
 */
function decode<P>(token: unknown, fields: Record<string, Kind>, what: string): P {
  if (typeof token !== 'string') throw new SocialHubTokenError(`${what} must be a string`);
  const parts = token.split('.');
  if (parts.length !== 3)
    throw new SocialHubTokenError(`${what} is not a JWT (header.payload.signature)`);
  const payload = decodeSegment(parts[1] as string);
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    throw new SocialHubTokenError(`${what} payload is not a JSON object`);
  for (const [key, kind] of Object.entries(fields)) {
    const value = (payload as Record<string, unknown>)[key];
    if (typeof value !== kind || (kind === 'number' && !Number.isFinite(value)))
      throw new SocialHubTokenError(`${what} payload has no ${kind} ${key}`);
  }
  return payload as P;
}

function checkExpiry(payload: { exp: number }, options: DecodeTokenOptions): void {
  const now = (options.now ?? Date.now)();
  if (payload.exp * 1000 <= now) throw new SocialHubTokenExpiredError(new Date(payload.exp * 1000));
}

/**
 * Decodes a channel access token (`endpoint.accessToken` of `POST /channels`) locally: which
 * account and channel it belongs to. Channel tokens do not expire.
 * @example
 * const { accountId, channelId } = decodeChannelToken(storedToken);
 */
export function decodeChannelToken(token: string): ChannelTokenPayload {
  return decode<ChannelTokenPayload>(token, CHANNEL, 'channel token');
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
  const payload = decode<ChannelCreationTokenPayload>(token, CREATION, 'channel creation token');
  checkExpiry(payload, options);
  return payload;
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
  const payload = decode<ChannelReactivationTokenPayload>(
    token,
    REACTIVATION,
    'channel reactivation token',
  );
  checkExpiry(payload, options);
  return payload;
}
