/**
 * Decodes SocialHub's JWTs (channel token, temporary channel-creation and reactivation tokens) and
 * checks their payloads against the contract's payload schemas (generated rules, no zod). The one decoder the client,
 * webhook-kit and the mock share. Decoded, not verified: SocialHub signs with a key only it holds.
 *
 * @example
 * ```ts
 * import { decodeTokenPayload } from '@socialhub/schema/tokens';
 * const decoded = decodeTokenPayload('channelCreation', token);
 * if (decoded.ok) console.log(decoded.payload.origin);
 * else console.log(decoded.reason, decoded.message); // 'expired', 'the token expired at ...'
 * ```
 */

import {
  type TokenKind,
  type TokenPayloads,
  tokenPayloadRules,
} from '../generated/public.tokens.gen.js';
import type { components } from '../generated/public.types.gen.js';
import type { FieldRule } from './field-rule.js';

export type { FieldRule } from './field-rule.js';
export { type TokenKind, type TokenPayloads, tokenPayloadRules };

/** Payload of a channel access token: `{ accountId, channelId, iat }`, no expiry. */
export type ChannelTokenPayload = components['schemas']['ChannelTokenPayload'];
/** Payload of the temporary token given to `callbacks.channelCreation` (valid 30 minutes). */
export type ChannelCreationTokenPayload = components['schemas']['ChannelCreationTokenPayload'];
/** Payload of the temporary token given to `callbacks.channelReactivation` (valid 30 minutes). */
export type ChannelReactivationTokenPayload =
  components['schemas']['ChannelReactivationTokenPayload'];

/** Why a token was refused: not a JWT with a JSON payload, a payload off its schema, or past `exp`. */
export type TokenFailureReason = 'malformed' | 'invalid' | 'expired';

/** A refused token. `message` never quotes the token or its payload. */
export interface TokenFailure {
  readonly ok: false;
  readonly reason: TokenFailureReason;
  /** What is wrong, e.g. `not a JWT (header.payload.signature)`, `payload has no valid channelId`. */
  readonly message: string;
  /** When an expired token's `exp` passed. */
  readonly expiredAt?: Date;
  /** The payload field that broke its rule, for `reason: 'invalid'`. */
  readonly field?: string;
}

/** The outcome of `decodeTokenPayload`: the checked payload, or why the token was refused. */
export type TokenDecodeResult<K extends TokenKind> =
  | { readonly ok: true; readonly payload: TokenPayloads[K] }
  | TokenFailure;

/** Options of `decodeTokenPayload`. */
export interface DecodeTokenPayloadOptions {
  /**
   * The clock in milliseconds, compared with the payload's `exp` (seconds) where it has one.
   * @default Date.now()
   */
  now?: number;
}

const patterns = new Map<string, RegExp>();

function matches(rule: Omit<FieldRule, 'name' | 'required'>, value: unknown): boolean {
  switch (rule.type) {
    case 'string': {
      if (typeof value !== 'string') return false;
      if (rule.format === 'uri' && !URL.canParse(value)) return false;
      if (rule.pattern === undefined) return true;
      let pattern = patterns.get(rule.pattern);
      if (!pattern) {
        pattern = new RegExp(rule.pattern, 'u');
        patterns.set(rule.pattern, pattern);
      }
      return pattern.test(value);
    }
    case 'integer':
      return Number.isSafeInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return (
        Array.isArray(value) &&
        (!rule.items || value.every((item) => matches(rule.items as FieldRule, item)))
      );
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function fail(reason: TokenFailureReason, message: string, extra: object = {}): TokenFailure {
  return { ok: false, reason, message, ...extra };
}

function decodeJson(segment: string): { json: unknown } | TokenFailure {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) return fail('malformed', 'payload is not base64url');
  const base64 = segment.replaceAll('-', '+').replaceAll('_', '/');
  let text: string;
  try {
    const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
    text = utf8.decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return fail('malformed', 'payload is not base64url-encoded UTF-8');
  }
  try {
    return { json: JSON.parse(text) };
  } catch {
    // The parser's message quotes the payload; leave it out.
    return fail('malformed', 'payload is not JSON');
  }
}

/**
 * Decodes a JWT's payload and checks it against the contract's schema of its kind (as the rules
 * generated into `tokenPayloadRules`, so no zod is loaded); a payload with
 * an `exp` at or before `now` is refused as expired. Never throws.
 * @example
 * const decoded = decodeTokenPayload('channel', storedToken);
 * if (decoded.ok) decoded.payload.channelId;
 */
export function decodeTokenPayload<K extends TokenKind>(
  kind: K,
  token: unknown,
  options: DecodeTokenPayloadOptions = {},
): TokenDecodeResult<K> {
  if (typeof token !== 'string') return fail('malformed', 'not a string');
  const parts = token.split('.');
  if (parts.length !== 3) return fail('malformed', 'not a JWT (header.payload.signature)');
  const decoded = decodeJson(parts[1] as string);
  if (!('json' in decoded)) return decoded;
  const { json } = decoded;
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return fail('malformed', 'payload is not a JSON object');
  const fields = json as Record<string, unknown>;
  for (const rule of tokenPayloadRules[kind]) {
    const value = fields[rule.name];
    if (value === undefined ? rule.required : !matches(rule, value))
      return fail('invalid', `payload has no valid ${rule.name}`, { field: rule.name });
  }
  const exp = fields.exp;
  if (typeof exp === 'number' && exp * 1000 <= (options.now ?? Date.now()))
    return fail('expired', 'expired', { expiredAt: new Date(exp * 1000) });
  // Every field the contract names was checked; fields it does not name pass (payloads are open).
  return { ok: true, payload: json as TokenPayloads[K] };
}
