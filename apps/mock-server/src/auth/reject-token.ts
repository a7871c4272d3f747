import { accessTokenInvalid, type MockServerError, type TokenRejection } from '../http/errors.js';
import type { TokenService } from './tokens.js';

/** The kind of token a route takes. */
export type ExpectedToken = 'channel' | 'creation' | 'user';

/**
 * The 401 for a token that was refused, saying why (missing, malformed, expired, of the wrong
 * kind or unknown) without echoing it. With a `reason` given, that reason is used as is.
 */
export function rejectToken(
  core: { tokens: TokenService } | undefined,
  token: string | undefined,
  expected: ExpectedToken | TokenRejection,
): MockServerError {
  if (expected !== 'channel' && expected !== 'creation' && expected !== 'user')
    return accessTokenInvalid(expected);
  if (!token) return accessTokenInvalid('missing');
  if (!core) return accessTokenInvalid('unknown');
  const { kind, isExpired } = core.tokens.inspect(token);
  if (kind === 'malformed') return accessTokenInvalid('malformed');
  const isExpectedKind =
    expected === 'creation' ? kind === 'creation' || kind === 'reactivation' : kind === expected;
  if (!isExpectedKind) {
    const names = {
      channel: 'a channel token',
      creation: 'a temporary channel-creation token',
      user: 'an API2 user token',
    };
    return accessTokenInvalid(
      'wrong-kind',
      `This route takes ${names[expected]}; the token sent is ${kind === 'user' ? 'an API2 user token' : kind === 'channel' ? 'a channel token' : 'a temporary channel-creation token'}`,
    );
  }
  if (isExpired) return accessTokenInvalid('expired');
  return accessTokenInvalid('unknown');
}
