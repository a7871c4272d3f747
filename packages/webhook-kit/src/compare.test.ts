import { describe, expect, it } from 'vitest';
import { bytesToHex, constantTimeEqual, hexToBytes, isHexDigest } from './compare.js';

describe('hex helpers', () => {
  it('accepts only 64 hex characters', () => {
    expect(isHexDigest('a'.repeat(64))).toBe(true);
    expect(isHexDigest('A'.repeat(64))).toBe(true);
    expect(isHexDigest('a'.repeat(63))).toBe(false);
    expect(isHexDigest(`${'a'.repeat(63)}g`)).toBe(false);
    expect(isHexDigest(`${'a'.repeat(63)}\n`)).toBe(false);
  });

  it('round-trips bytes and hex in both cases', () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => i * 8);
    const hex = bytesToHex(bytes);
    expect(hex).toBe(Buffer.from(bytes).toString('hex'));
    expect(hexToBytes(hex)).toEqual(bytes);
    expect(hexToBytes(hex.toUpperCase())).toEqual(bytes);
  });

  it('compares in constant time and refuses different lengths', () => {
    expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3))).toBe(true);
    expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 4))).toBe(false);
    expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2))).toBe(false);
    expect(constantTimeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });
});
