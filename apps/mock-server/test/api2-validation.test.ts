import { api2Operations } from '@socialhub/schema/api2/operations';
import { describe, expect, it } from 'vitest';
import { createApi2Handler } from '../src/api2/index.js';
import { readPreferredStatus } from '../src/api2/prefer-header.js';
import type { Api2Request } from '../src/api2/types.js';
import { validRequest } from './api2-helpers.js';

const handle = createApi2Handler({ seed: 5 });
const ID = '5f0c0c0c0c0c0c0c0c0c0c0c';

const request = (method: string, path: string, extra: Partial<Api2Request> = {}): Api2Request => ({
  method,
  path,
  query: new URLSearchParams(),
  headers: {},
  body: undefined,
  ...extra,
});

const issuesOf = (body: unknown) => (body as { data: { in: string; path: string }[] }).data;

describe('API2 request validation', () => {
  it('rejects a path parameter that breaks its pattern', () => {
    const response = handle(request('GET', '/channels/not-an-id'));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'ValidationError' });
    expect(issuesOf(response.body)).toEqual([
      expect.objectContaining({ in: 'path', path: 'id', code: 'invalid_format' }),
    ]);
    expect((response.body as { message: string }).message).toMatch(
      /^Error: The request \(getChannelsById\) is invalid: path\.id: must be a 24-character/,
    );
  });

  it('rejects a query value of the wrong type and accepts a coercible one', () => {
    const bad = handle(request('GET', '/channels', { query: new URLSearchParams('count=many') }));
    expect(bad.status).toBe(400);
    expect(issuesOf(bad.body)).toEqual([expect.objectContaining({ in: 'query', path: 'count' })]);
    const good = handle(request('GET', '/channels', { query: new URLSearchParams('count=5') }));
    expect(good.status).toBe(200);
  });

  it('allows unknown query parameters', () => {
    const response = handle(request('GET', '/channels', { query: new URLSearchParams('foo=1') }));
    expect(response.status).toBe(200);
  });

  it('reads comma-separated and repeated query parameters as lists', () => {
    for (const query of ['status=draft,scheduled', 'status=draft&status=scheduled']) {
      const response = handle(request('GET', '/cp/posts', { query: new URLSearchParams(query) }));
      expect(response.status, query).toBe(200);
    }
    const bad = handle(
      request('GET', '/cp/posts', { query: new URLSearchParams('status=draft&status=eaten') }),
    );
    expect(bad.status).toBe(400);
    expect(issuesOf(bad.body)).toEqual([
      expect.objectContaining({ in: 'query', path: 'status.[1]', code: 'invalid_value' }),
    ]);
  });

  it('rejects a repeated parameter that takes a single value', () => {
    const response = handle(
      request('GET', '/channels', { query: new URLSearchParams('count=1&count=2') }),
    );
    expect(response.status).toBe(400);
  });

  it('requires a required body and checks its fields', () => {
    const missing = handle(request('POST', '/users/login'));
    expect(missing.status).toBe(400);
    expect(issuesOf(missing.body)).toEqual([
      { in: 'body', path: '(root)', code: 'required', message: 'A request body is required' },
    ]);
    const wrong = handle(request('POST', '/users/login', { body: { username: 'a', password: 7 } }));
    expect(wrong.status).toBe(400);
    expect(issuesOf(wrong.body)).toEqual([
      expect.objectContaining({ in: 'body', path: 'password', code: 'invalid_type' }),
    ]);
    const notObject = handle(request('POST', '/users/login', { body: 'hello' }));
    expect(notObject.status).toBe(400);
    const good = handle(
      request('POST', '/users/login', { body: { username: 'a', password: 'b' } }),
    );
    expect(good.status).toBe(200);
  });

  it('reports every issue of a request, path, query and body together', () => {
    const response = handle(
      request('PATCH', '/teams/xyz', {
        query: new URLSearchParams(),
        body: { name: 3, admins: ['nope'] },
      }),
    );
    expect(response.status).toBe(400);
    expect(issuesOf(response.body).map((issue) => `${issue.in}:${issue.path}`)).toEqual([
      'path:id',
      'body:name',
      'body:admins.[0]',
    ]);
  });

  it('accepts an optional body left out', () => {
    const operation = Object.values(api2Operations).find(
      (candidate) =>
        candidate.requestBody?.required === false &&
        candidate.parameters.every((parameter) => parameter.in !== 'path'),
    );
    expect(operation).toBeDefined();
    if (operation === undefined) return;
    const response = handle({ ...validRequest(operation), body: undefined });
    expect(response.status).toBeLessThan(400);
  });

  it('ignores a body sent to an operation that takes none', () => {
    const response = handle(request('GET', '/channels', { body: { anything: true } }));
    expect(response.status).toBe(200);
  });

  it('parses a urlencoded body given as text, numbers included', () => {
    const good = handle(request('POST', '/ml/items', { body: 'action=search&count=5' }));
    expect(good.status).toBeLessThan(400);
    const bad = handle(request('POST', '/ml/items', { body: 'action=dance' }));
    expect(bad.status).toBe(400);
    expect(issuesOf(bad.body)).toEqual([expect.objectContaining({ in: 'body', path: 'action' })]);
  });
});

describe('Prefer: code=NNN', () => {
  it('picks a documented response', () => {
    const response = handle(request('GET', `/channels/${ID}`, { headers: { prefer: 'code=404' } }));
    expect(response.status).toBe(404);
  });

  it('reads the header whatever its case and beside other preferences', () => {
    const response = handle(
      request('GET', `/channels/${ID}`, { headers: { Prefer: 'respond-async, code="403"' } }),
    );
    expect(response.status).toBe(403);
  });

  it('rejects an undocumented status with 400 naming the documented ones', () => {
    const response = handle(request('GET', `/channels/${ID}`, { headers: { prefer: 'code=418' } }));
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      code: 'BadRequestError',
      message:
        'Error: Prefer code=418 is not documented for getChannelsById (documented: 200, 400, 401, 403, 404, 500)',
    });
  });

  it('rejects a code that is not a status', () => {
    const response = handle(request('GET', '/channels', { headers: { prefer: 'code=abc' } }));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'BadRequestError' });
  });

  it('validates the request before honouring the preference', () => {
    const response = handle(request('GET', '/channels/bad', { headers: { prefer: 'code=200' } }));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'ValidationError' });
  });

  it('parses only the code preference', () => {
    expect(readPreferredStatus(undefined)).toEqual({ kind: 'none' });
    expect(readPreferredStatus('return=minimal')).toEqual({ kind: 'none' });
    expect(readPreferredStatus('code=201; foo=bar')).toEqual({ kind: 'status', status: '201' });
    expect(readPreferredStatus(' CODE = 500 ')).toEqual({ kind: 'status', status: '500' });
    expect(readPreferredStatus('code=99')).toEqual({ kind: 'invalid', value: '99' });
    expect(readPreferredStatus('code=')).toEqual({ kind: 'invalid', value: '' });
  });
});

describe('createApi2Handler options', () => {
  it('refuses a seed that is not a finite number', () => {
    expect(() => createApi2Handler({ seed: Number.NaN })).toThrow(
      /^@socialhub\/mock-server: the API2 seed must be a finite number$/,
    );
  });
});
