import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { CryptoProvider } from './crypto-provider.js';

/** node:crypto implementation: synchronous, so the Node fast path never waits on a promise. */
export const cryptoProvider: CryptoProvider = {
  name: 'node',
  sha256Hex: (input) => createHash('sha256').update(input, 'utf8').digest('hex'),
  hmacSha256: (key, message) =>
    typeof message === 'string'
      ? createHmac('sha256', key).update(message, 'utf8').digest()
      : createHmac('sha256', key).update(message).digest(),
  timingSafeEqual: (a, b) => a.length === b.length && timingSafeEqual(a, b),
  // Only called on strings that passed isHexDigest, so Buffer's truncation cannot bite.
  hexToBytes: (hex) => Buffer.from(hex, 'hex'),
  byteLength: (input) => Buffer.byteLength(input, 'utf8'),
};
