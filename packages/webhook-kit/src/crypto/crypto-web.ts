import { bytesToHex, constantTimeEqual } from '../compare.js';
import type { CryptoProvider } from './crypto-provider.js';

const encoder = new TextEncoder();

/** Web Crypto implementation, for runtimes without node:crypto (Workers, browsers, Deno). */
export const cryptoProvider: CryptoProvider = {
  name: 'web',
  async sha256Hex(input) {
    const digest = await crypto.subtle.digest('SHA-256', encoder.encode(input));
    return bytesToHex(new Uint8Array(digest));
  },
  async hmacSha256(key, message) {
    const cryptoKey = await crypto.subtle.importKey(
      'raw',
      encoder.encode(key),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const data = typeof message === 'string' ? encoder.encode(message) : message;
    return new Uint8Array(
      await crypto.subtle.sign('HMAC', cryptoKey, data as Uint8Array<ArrayBuffer>),
    );
  },
  timingSafeEqual: constantTimeEqual,
  byteLength: (input) => encoder.encode(input).byteLength,
};
