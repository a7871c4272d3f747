import {
  ChannelCreationTokenPayloadSchema,
  ChannelReactivationTokenPayloadSchema,
} from '@socialhub/schema/public/zod';
import { InvalidTokenError, MissingParameterError, TokenExpiredError } from '../errors.js';
import type { ChannelCreationTokenPayload, ChannelReactivationTokenPayload } from '../events.js';
import { searchParams } from '../http.js';
import type { EventSchema } from '../router.js';

/** Options of the token readers. */
export interface ReadTokenOptions {
  /**
   * The receiver's clock in milliseconds, compared with the token's `exp` (seconds).
   * @default Date.now
   */
  now?: () => number;
}

/** A decoded channel callback token: the raw JWT (to call `POST /channels` with) and its payload. */
export interface ChannelToken<P> {
  token: string;
  payload: P;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function base64UrlDecode(segment: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(segment)) throw new InvalidTokenError('not base64url');
  const base64 = segment.replaceAll('-', '+').replaceAll('_', '/');
  const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
  return decoder.decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/**
 * Decodes a JWT's payload without checking its signature: SocialHub signs these tokens with a key
 * only it holds (HS256), so an integration can read them but not verify them; SocialHub checks
 * the token when it is used for `POST /channels`.
 */
function decodePayload<P>(token: string, schema: EventSchema<P>, now: number): P {
  const parts = token.split('.');
  if (parts.length !== 3) throw new InvalidTokenError('not a JWT (header.payload.signature)');
  let json: unknown;
  try {
    json = JSON.parse(base64UrlDecode(parts[1] as string));
  } catch (cause) {
    if (cause instanceof InvalidTokenError) throw cause;
    throw new InvalidTokenError('payload is not JSON', { cause });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new InvalidTokenError('payload does not match its schema', { cause: parsed.error });
  const { exp } = parsed.data as { exp: number };
  if (exp * 1000 <= now) throw new TokenExpiredError(new Date(exp * 1000));
  return parsed.data;
}

function readToken<P>(
  url: string | URL,
  schema: EventSchema<P>,
  options: ReadTokenOptions,
): ChannelToken<P> {
  const token = searchParams(String(url)).get('token');
  if (!token) throw new MissingParameterError('token');
  return { token, payload: decodePayload(token, schema, (options.now ?? Date.now)()) };
}

/**
 * Reads and checks the `?token=` SocialHub appends to `callbacks.channelCreation`: decodes the
 * JWT payload, validates it against the generated schema and rejects an expired token.
 * @example
 * const { token, payload } = readChannelCreationToken(request.url);
 * // payload.origin is where to send the customer back to
 */
export function readChannelCreationToken(
  url: string | URL,
  options: ReadTokenOptions = {},
): ChannelToken<ChannelCreationTokenPayload> {
  return readToken(url, ChannelCreationTokenPayloadSchema, options);
}

/**
 * Reads and checks the `?token=` SocialHub appends to `callbacks.channelReactivation`; its payload
 * names the `channelId`, `uniqueName` and `networkId` to reactivate.
 * @example
 * const { token, payload } = readChannelReactivationToken(request.url);
 */
export function readChannelReactivationToken(
  url: string | URL,
  options: ReadTokenOptions = {},
): ChannelToken<ChannelReactivationTokenPayload> {
  return readToken(url, ChannelReactivationTokenPayloadSchema, options);
}
