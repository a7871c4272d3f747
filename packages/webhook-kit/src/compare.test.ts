import { describe, expect, it } from 'vitest';
import { bytesToHex, constantTimeEqual, decodeHexDigest } from './compare.js';

describe('decodeHexDigest', () => {
  const bytes = Uint8Array.from({ length: 32 }, (_, i) => i * 8);
  const hex = Buffer.from(bytes).toString('hex');

  it('decodes 64 hex characters in either case', () => {
    expect(decodeHexDigest(hex)).toEqual(bytes);
    expect(decodeHexDigest(hex.toUpperCase())).toEqual(bytes);
    expect(bytesToHex(bytes)).toBe(hex);
  });

  it('rejects every non-hex character Buffer.from would truncate at', () => {
    for (const c of ['g', 'G', '@', '`', ':', '/', ' ', '\n', 'é', '\u0660', '\uff10']) {
      const bad = `${hex.slice(0, 40)}${c}${hex.slice(41)}`;
      expect(Buffer.from(bad, 'hex').length).toBeLessThan(32);
      expect(decodeHexDigest(bad)).toBeUndefined();
    }
  });

  it('rejects any other length', () => {
    expect(decodeHexDigest(hex.slice(0, 62))).toBeUndefined();
    expect(decodeHexDigest(`${hex}00`)).toBeUndefined();
    expect(decodeHexDigest('')).toBeUndefined();
  });
});

describe('constantTimeEqual', () => {
  it('compares contents and refuses different lengths', () => {
    expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3))).toBe(true);
    expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 4))).toBe(false);
    expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2))).toBe(false);
    expect(constantTimeEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });
});
