import type { components } from '@socialhub/schema/public';
import { decodeTokenPayload } from '@socialhub/schema/tokens';
import { decodeJwt, jwtVerify, SignJWT } from 'jose';

type Schemas = components['schemas'];

/** Payload of a channel access token (no expiry). */
export type ChannelTokenPayload = Schemas['ChannelTokenPayload'];
/** Payload of the temporary "Add Channel" token (30 minutes). */
export type ChannelCreationTokenPayload = Schemas['ChannelCreationTokenPayload'];
/** Payload of the temporary reactivation token (30 minutes). */
export type ChannelReactivationTokenPayload = Schemas['ChannelReactivationTokenPayload'];

/** A verified temporary token: either kind authorises `POST /channels` only. */
export type TemporaryToken =
  | { kind: 'creation'; payload: ChannelCreationTokenPayload }
  | { kind: 'reactivation'; payload: ChannelReactivationTokenPayload };

/** Payload of an API2 user access token (the mock's own shape; SocialHub's is not documented). */
export interface UserTokenPayload {
  accountId: string;
  userId: string;
  iat: number;
}

/** What a token claims to be, read without checking it (to say why it was refused). */
export type TokenKind = 'channel' | 'creation' | 'reactivation' | 'user' | 'malformed';

/** How long a temporary token lives. */
export const TEMPORARY_TOKEN_SECONDS = 30 * 60;

const HEADER = { alg: 'HS256', typ: 'JWT' } as const;

/** Issues and checks the mock's HS256 JWTs, with the payloads SocialHub documents. */
export interface TokenService {
  /** A channel token `{ accountId, channelId, iat }`. */
  channelToken(payload: ChannelTokenPayload): Promise<string>;
  /** A temporary token (`exp = iat + 30 min`), for "Add Channel" or a reactivation. */
  temporaryToken(
    payload:
      | Omit<ChannelCreationTokenPayload, 'iat' | 'exp'>
      | Omit<ChannelReactivationTokenPayload, 'iat' | 'exp'>,
  ): Promise<{ token: string; payload: ChannelCreationTokenPayload }>;
  /** An API2 user access token `{ accountId, userId, iat }` (unique per call). */
  userToken(payload: Omit<UserTokenPayload, 'iat'>): Promise<string>;
  /** What a token claims to be and whether its `exp` has passed, without verifying it. */
  inspect(token: string): { kind: TokenKind; isExpired: boolean };
  /** A valid, unexpired temporary token signed by this mock, else `undefined`. */
  verifyTemporary(token: string): Promise<TemporaryToken | undefined>;
  /** Seconds since the epoch on the mock's clock. */
  nowSeconds(): number;
}

/** Creates the token service on a key and a clock. */
export function createTokenService(key: Uint8Array, now: () => number): TokenService {
  const nowSeconds = () => Math.floor(now() / 1000);
  // The payload is set whole (not through SignJWT's claim setters) so that it is exactly the
  // documented one, in the documented key order.
  const sign = (payload: object) =>
    new SignJWT(payload as Record<string, unknown>).setProtectedHeader(HEADER).sign(key);

  return {
    nowSeconds,
    channelToken: (payload) => sign(payload),
    userToken: (payload) =>
      // `jti` keeps two logins within one second apart.
      sign({
        ...payload,
        iat: nowSeconds(),
        jti: Buffer.from(crypto.getRandomValues(new Uint8Array(9))).toString('base64url'),
      }),
    inspect: (token) => {
      let claims: Record<string, unknown>;
      try {
        claims = decodeJwt(token);
      } catch {
        return { kind: 'malformed', isExpired: false };
      }
      const isExpired = typeof claims.exp === 'number' && claims.exp <= nowSeconds();
      const kind: TokenKind =
        typeof claims.manifestId === 'string'
          ? typeof claims.channelId === 'string'
            ? 'reactivation'
            : 'creation'
          : typeof claims.channelId === 'string'
            ? 'channel'
            : typeof claims.userId === 'string'
              ? 'user'
              : 'malformed';
      return { kind, isExpired };
    },
    temporaryToken: async (payload) => {
      const iat = nowSeconds();
      const full = { ...payload, iat, exp: iat + TEMPORARY_TOKEN_SECONDS };
      return { token: await sign(full), payload: full };
    },
    verifyTemporary: async (token) => {
      // The shared decoder checks the payload against the contract first: garbage never reaches
      // the HMAC.
      const reactivation = decodeTokenPayload('channelReactivation', token, { now: now() });
      const creation = reactivation.ok
        ? undefined
        : decodeTokenPayload('channelCreation', token, { now: now() });
      if (!reactivation.ok && !creation?.ok) return undefined;
      try {
        await jwtVerify(token, key, {
          algorithms: ['HS256'],
          currentDate: new Date(now()),
          requiredClaims: ['exp', 'iat'],
        });
        if (reactivation.ok) return { kind: 'reactivation', payload: reactivation.payload };
        return creation?.ok ? { kind: 'creation', payload: creation.payload } : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
