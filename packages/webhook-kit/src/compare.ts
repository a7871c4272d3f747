// Value of each ASCII hex digit, -1 for everything else.
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX_VALUE['0123456789abcdef'.charCodeAt(i)] = i;
  HEX_VALUE['0123456789ABCDEF'.charCodeAt(i)] = i;
}

/**
 * Decodes a 64-character hex SHA-256 digest into 32 bytes, or returns undefined for any other
 * length or any non-hex character. Written out because `Buffer.from(hex, 'hex')` silently stops
 * at the first non-hex character and so turns a malformed signature into a shorter buffer.
 */
export function decodeHexDigest(hex: string): Uint8Array | undefined {
  if (hex.length !== 64) return undefined;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    // Codes >= 128 index past the table and read undefined, which fails the check below.
    const hi = HEX_VALUE[hex.charCodeAt(2 * i)] ?? -1;
    const lo = HEX_VALUE[hex.charCodeAt(2 * i + 1)] ?? -1;
    if (hi < 0 || lo < 0) return undefined;
    out[i] = (hi << 4) | lo;
  }
  return out;
}

const HEX = '0123456789abcdef';

/** Lower-case hex of some bytes. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX.charAt(b >>> 4) + HEX.charAt(b & 15);
  return out;
}

/**
 * Constant-time equality of two byte arrays of the same length. Returns false at once for
 * different lengths (a length is not secret here: a SHA-256 MAC is always 32 bytes).
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}
