import { bytesToHex, decodeHexDigest } from './compare.js';
import {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_TOLERANCE_MS,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from './constants.js';
import type { CryptoProvider } from './crypto/crypto-provider.js';
import {
  InvalidSignatureError,
  MalformedTimestampError,
  MissingHeaderError,
  PayloadTooLargeError,
  TimestampOutsideToleranceError,
} from './errors.js';
import { type HeadersInput, readHeader } from './headers.js';
import { type SecretOptions, secretList } from './secrets.js';

/** The raw body exactly as received: never a re-serialised object. */
export type RawBody = string | Uint8Array;

/** Options of `verifyDelivery`. */
export type VerifyOptions = SecretOptions & {
  /**
   * Largest accepted clock difference in either direction, in milliseconds.
   * @default 300000 (5 minutes)
   */
  toleranceMs?: number;
  /**
   * Largest accepted body, in bytes; checked before any hashing.
   * @default 1048576 (1 MiB)
   */
  maxBodyBytes?: number;
  /**
   * The receiver's clock in milliseconds since the epoch.
   * @default Date.now
   */
  now?: () => number;
};

/** Options of `signDelivery`. */
export interface SignOptions {
  /** The webhook secret configured in the manifest. */
  secret: string;
  /**
   * Milliseconds since the epoch to sign with.
   * @default Date.now()
   */
  timestamp?: number;
}

/** A signed delivery: the headers to send and the challenge the receiver must answer with. */
export interface SignedDelivery {
  timestamp: string;
  signature: string;
  challenge: string;
  headers: { 'x-socialhub-timestamp': string; 'x-socialhub-signature': string };
}

const DIGITS = /^\d{1,16}$/;

/** Builds `signDelivery` and `verifyDelivery` on one crypto implementation. */
export function createCore(crypto: CryptoProvider) {
  const challengeFor = (timestamp: string, secret: string) =>
    crypto.sha256Hex(`${timestamp};${secret}`);

  const bodyLength = (body: RawBody, max: number): number => {
    if (typeof body !== 'string') return body.byteLength;
    // A UTF-16 unit encodes to at most 3 UTF-8 bytes: skip the exact count when it cannot matter.
    return body.length * 3 <= max ? body.length : crypto.byteLength(body);
  };

  /** Signs a raw body the way SocialHub does. */
  async function signDelivery(rawBody: RawBody, options: SignOptions): Promise<SignedDelivery> {
    const [secret] = secretList(options);
    const timestamp = String(options.timestamp ?? Date.now());
    const challenge = await challengeFor(timestamp, secret as string);
    const mac = await crypto.hmacSha256(challenge, rawBody);
    const signature = bytesToHex(mac);
    return {
      timestamp,
      signature,
      challenge,
      headers: { 'x-socialhub-timestamp': timestamp, 'x-socialhub-signature': signature },
    };
  }

  /**
   * Verifies a delivery on its raw bytes and returns the challenge to answer with.
   * Throws a `WebhookKitError` subclass on any failure.
   */
  async function verifyDelivery(
    rawBody: RawBody,
    headers: HeadersInput,
    options: VerifyOptions,
  ): Promise<string> {
    const secrets = secretList(options);
    const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    if (bodyLength(rawBody, maxBodyBytes) > maxBodyBytes)
      throw new PayloadTooLargeError(maxBodyBytes);

    const timestamp = readHeader(headers, TIMESTAMP_HEADER)?.trim();
    if (!timestamp) throw new MissingHeaderError('X-SocialHub-Timestamp');
    const signature = readHeader(headers, SIGNATURE_HEADER)?.trim();
    if (!signature) throw new MissingHeaderError('X-SocialHub-Signature');

    if (!DIGITS.test(timestamp)) throw new MalformedTimestampError();
    const toleranceMs = options.toleranceMs ?? DEFAULT_TOLERANCE_MS;
    const skew = (options.now ?? Date.now)() - Number(timestamp);
    if (!(Math.abs(skew) <= toleranceMs))
      throw new TimestampOutsideToleranceError(skew, toleranceMs);

    const expected = decodeHexDigest(signature);
    if (!expected) throw new InvalidSignatureError('not 64 hex characters');

    for (const secret of secrets) {
      // Node's provider is synchronous; awaiting only when needed keeps its path free of ticks.
      const c = challengeFor(timestamp, secret);
      const challenge = typeof c === 'string' ? c : await c;
      const m = crypto.hmacSha256(challenge, rawBody);
      const mac = m instanceof Uint8Array ? m : await m;
      if (crypto.timingSafeEqual(mac, expected)) return challenge;
    }
    throw new InvalidSignatureError(
      secrets.length === 1
        ? 'no match for the secret'
        : `no match for any of ${secrets.length} secrets`,
    );
  }

  return { signDelivery, verifyDelivery };
}
