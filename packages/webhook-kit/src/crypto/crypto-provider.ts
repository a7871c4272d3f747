/** The few primitives the core needs; one implementation on node:crypto, one on Web Crypto. */
export interface CryptoProvider {
  /** `'node'` or `'web'`, for diagnostics and tests. */
  readonly name: 'node' | 'web';
  /** Lower-case hex SHA-256 of the UTF-8 bytes of `input`. */
  sha256Hex(input: string): string | Promise<string>;
  /** HMAC-SHA256 of `message` keyed with the UTF-8 bytes of `key`. */
  hmacSha256(key: string, message: string | Uint8Array): Uint8Array | Promise<Uint8Array>;
  /** Byte-wise constant-time equality; false for different lengths. */
  timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean;
  /** UTF-8 byte length of a string. */
  byteLength(input: string): number;
}
