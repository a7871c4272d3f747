const HEX_DIGEST = /^[0-9a-fA-F]{64}$/;

/** True for exactly 64 hex characters: the only shape a SHA-256 hex digest can have. */
export function isHexDigest(value: string): boolean {
  return value.length === 64 && HEX_DIGEST.test(value);
}

/**
 * Decodes a string already checked with `isHexDigest` into 32 bytes. Written out because
 * `Buffer.from(hex, 'hex')` silently stops at the first non-hex character.
 */
export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >>> 1);
  for (let i = 0; i < out.length; i++) {
    out[i] = (nibble(hex.charCodeAt(2 * i)) << 4) | nibble(hex.charCodeAt(2 * i + 1));
  }
  return out;
}

function nibble(c: number): number {
  // 0-9, A-F, a-f; input is pre-validated.
  return c <= 57 ? c - 48 : (c | 32) - 87;
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
