import { createHmac, hash, timingSafeEqual } from 'node:crypto';
import type { CryptoProvider } from './crypto-provider.js';

/** node:crypto implementation: synchronous, so the Node fast path never waits on a promise. */
export const cryptoProvider: CryptoProvider = {
  name: 'node',
  // The one-shot hash() skips the Hash object and is about 2.5x faster than createHash here.
  sha256Hex: (input) => hash('sha256', input, 'hex'),
  hmacSha256: (key, message) => createHmac('sha256', key).update(message).digest(),
  timingSafeEqual: (a, b) => a.length === b.length && timingSafeEqual(a, b),
  byteLength: (input) => Buffer.byteLength(input, 'utf8'),
};
