import { api2Operations, type OperationEntry } from '@socialhub/schema/api2/operations';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createApi2Handler } from '../src/api2/index.js';
import type { Api2Request } from '../src/api2/types.js';
import { validRequest } from './api2-helpers.js';

const operations = Object.values(api2Operations);
const handle = createApi2Handler({ seed: 11 });

/** Strings a client could put in a path segment or a value, hostile ones included. */
const text = fc.oneof(
  fc.constantFrom(
    '5f0c0c0c0c0c0c0c0c0c0c0c',
    '',
    '..',
    '%',
    '%E0%A4%A',
    '%2F',
    'null',
    '__proto__',
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.stringMatching(/^[a-f0-9]{24}$/),
);

const segment = text.map((value) => (value.includes('%') ? value : encodeURIComponent(value)));

/** A path built from a real template (parameters replaced, sometimes extended) or pure noise. */
const path = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...operations),
      fc.array(segment, { minLength: 8, maxLength: 8 }),
      fc.constantFrom('', '/', '/extra', '//'),
    )
    .map(([operation, values, suffix]) => {
      let index = 0;
      return `${operation.path.replace(/\{[^}]+\}/g, () => values[index++] ?? '')}${suffix}`;
    }),
  fc.array(segment, { maxLength: 6 }).map((segments) => `/${segments.join('/')}`),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const method = fc.oneof(
  fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'get'),
  fc.string({ maxLength: 8 }),
);

const queryNames = [
  ...new Set(operations.flatMap((operation) => operation.parameters.map((p) => p.name))),
];
const query = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...queryNames), fc.string({ maxLength: 10 })), text), {
    maxLength: 6,
  })
  .map((pairs) => new URLSearchParams(pairs));

const prefer = fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: 100, max: 599 }).map((status) => `code=${status}`),
  fc.constantFrom('code=200', 'code=201', 'code=204', 'code=400', 'code=404', 'code=abc', 'code='),
  fc.string({ maxLength: 20 }),
);

const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 4 }),
  fc.anything({ maxDepth: 3 }),
  fc.string({ maxLength: 40 }),
);

/** A request aimed at an operation: its valid request with one part replaced by fuzz. */
const nearlyValid = fc
  .tuple(
    fc.constantFrom(...operations),
    fc.nat(),
    fc.constantFrom('method', 'query', 'body', 'prefer', 'none'),
  )
  .chain(([operation, seed, part]) =>
    fc.tuple(
      fc.constant(validRequest(operation, seed)),
      fc.constant(part),
      method,
      query,
      body,
      prefer,
    ),
  )
  .map(([valid, part, fuzzMethod, fuzzQuery, fuzzBody, fuzzPrefer]): Api2Request => {
    switch (part) {
      case 'method':
        return { ...valid, method: fuzzMethod };
      case 'query':
        return { ...valid, query: fuzzQuery };
      case 'body':
        return { ...valid, body: fuzzBody };
      case 'prefer':
        return { ...valid, headers: { prefer: fuzzPrefer } };
      default:
        return valid;
    }
  });

const wild = fc
  .record({
    method,
    path,
    query,
    body,
    prefer,
    other: fc.dictionary(fc.string({ maxLength: 10 }), fc.string()),
  })
  .map(
    ({ prefer: preferValue, other, ...rest }): Api2Request => ({
      ...rest,
      headers: { ...other, prefer: preferValue },
    }),
  );

function preferredStatus(request: Api2Request): number | undefined {
  const match = /(?:^|,)\s*code\s*=\s*"?(\d{3})"?\s*(?:[;,]|$)/i.exec(request.headers.prefer ?? '');
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function checkAnswer(request: Api2Request): void {
  const response = handle(request);
  expect(Number.isInteger(response.status)).toBe(true);
  expect(response.status).toBeGreaterThanOrEqual(200);
  expect(response.status).toBeLessThan(600);
  // Only a documented 5xx asked for with Prefer may come back as a server error.
  if (response.status >= 500) expect(preferredStatus(request)).toBe(response.status);
  // The HTTP layer serialises the body: it must be plain JSON.
  expect(() => JSON.stringify(response.body)).not.toThrow();
  if (response.status >= 400 && response.status !== preferredStatus(request)) {
    expect(response.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  }
  for (const value of Object.values(response.headers ?? {})) expect(typeof value).toBe('string');
}

describe('API2 handler under fuzzed requests', () => {
  it('answers 5,000 nearly valid requests without a crash or an unasked 5xx', () => {
    fc.assert(fc.property(nearlyValid, checkAnswer), { numRuns: 5_000, seed: 20_240_611 });
  });

  it('answers 5,000 wild requests without a crash or an unasked 5xx', () => {
    fc.assert(fc.property(wild, checkAnswer), { numRuns: 5_000, seed: 20_240_612 });
  });

  it('keeps answering every operation after the fuzzing', () => {
    const statuses = operations.map(
      (operation: OperationEntry) => handle(validRequest(operation)).status,
    );
    expect(statuses.every((status) => status >= 200 && status < 400)).toBe(true);
  });
});
