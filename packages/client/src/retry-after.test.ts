import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retry-after.js';

const now = Date.UTC(2026, 0, 15, 12, 0, 0);

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
  });

  it('reads an HTTP date, and a past one as 0', () => {
    expect(parseRetryAfter('Thu, 15 Jan 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Thu, 15 Jan 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('gives undefined for a missing or malformed value', () => {
    for (const value of [
      null,
      undefined,
      '',
      'soon',
      '-1',
      '1.5',
      '2026-01-15T12:00:30Z',
      'Thu, nonsense',
    ])
      expect(parseRetryAfter(value, now), String(value)).toBeUndefined();
  });
});
