import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['24h', 24 * 3600_000],
    ['2 days', 2 * 86_400_000],
    ['1h 30min', 5_400_000],
    ['1 hour and 30 minutes', 5_400_000],
    ['90', 90_000],
    ['1.5h', 5_400_000],
    ['3w', 21 * 86_400_000],
    ['500ms', 500],
  ])('%s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 'soon', '5 parsecs', 'h24', '-1h'])('undefined for %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});
