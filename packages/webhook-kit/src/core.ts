import { cryptoProvider } from '#crypto';
import { createCore } from './create-core.js';

const core = createCore(cryptoProvider);

/**
 * Signs a raw body the way SocialHub does: `challenge = sha256_hex(timestamp + ";" + secret)`,
 * `signature = hmac_sha256_hex(challenge, rawBody)`.
 * @example
 * const { headers } = await signDelivery(body, { secret });
 * await fetch(url, { method: 'POST', body, headers });
 */
export const signDelivery = core.signDelivery;

/**
 * Verifies a delivery on its raw bytes and headers and returns the challenge to answer with in
 * `X-SocialHub-Challenge`. Throws a typed `WebhookKitError` subclass on any failure.
 * @example
 * const challenge = await verifyDelivery(rawBody, req.headers, { secret });
 * res.setHeader('X-SocialHub-Challenge', challenge);
 */
export const verifyDelivery = core.verifyDelivery;

/** Which crypto implementation the package conditions selected: `'node'` or `'web'`. */
export const cryptoImplementation = cryptoProvider.name;
