import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { scrubError } from './scrub-error.js';

describe('scrubError', () => {
  it('copies message, stack, class and primitive fields, redacted, down the cause chain', () => {
    const inner = Object.assign(new Error('connect ECONNREFUSED ?accesstoken=t0ken-value'), {
      code: 'ECONNREFUSED',
      port: 9,
    });
    const copy = scrubError(new TypeError('fetch failed', { cause: inner }), ['t0ken-value']);
    expect(copy).toBeInstanceOf(TypeError);
    const cause = (copy as Error).cause as Error & { code: string; port: number };
    expect(cause).not.toBe(inner);
    expect(cause.message).toBe('connect ECONNREFUSED ?accesstoken=***');
    expect([cause.code, cause.port]).toEqual(['ECONNREFUSED', 9]);
  });

  it('leaves out objects and symbol-keyed state an error refers to', () => {
    const request = new Request('https://api.test/?accesstoken=t0ken-value');
    const error = Object.assign(new Error('failed'), { request, [Symbol('state')]: { request } });
    const text = inspect(scrubError(error, []), {
      showHidden: true,
      customInspect: false,
      depth: Infinity,
    });
    expect(text).not.toContain('t0ken-value');
  });

  it('keeps primitives and drops other values', () => {
    expect(scrubError('x t0ken-value', ['t0ken-value'])).toBe('x ***');
    expect(scrubError({ a: 1 }, [])).toBeUndefined();
  });
});
