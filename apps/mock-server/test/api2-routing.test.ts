import { api2Operations } from '@socialhub/schema/api2/operations';
import { describe, expect, it } from 'vitest';
import { createApi2Handler } from '../src/api2/index.js';
import { createRouteTable } from '../src/api2/route-table.js';
import type { Api2Request } from '../src/api2/types.js';

const operations = Object.values(api2Operations);
const routes = createRouteTable(operations);
const handle = createApi2Handler();
const ID = '5f0c0c0c0c0c0c0c0c0c0c0c';

const request = (method: string, path: string, extra: Partial<Api2Request> = {}): Api2Request => ({
  method,
  path,
  query: new URLSearchParams(),
  headers: {},
  body: undefined,
  ...extra,
});

describe('API2 route table', () => {
  it('routes every operation by its own template', () => {
    for (const operation of operations) {
      const path = operation.path.replace(/\{[^}]+\}/g, ID);
      const found = routes.lookup(operation.method, path);
      // A concrete path may also fit a static sibling (`/channels/summary`), never here:
      // the ids are 24 hex digits, which no static segment is.
      expect(found.kind === 'found' && found.operation.operationId).toBe(operation.operationId);
    }
  });

  it('names the path parameters of the template, percent-decoded', () => {
    const found = routes.lookup('DELETE', `/teams/${ID}/users/a%20b`);
    expect(found).toMatchObject({
      kind: 'found',
      operation: { operationId: 'deleteTeamsByIdUsersByUserId' },
      params: { id: ID, userId: 'a b' },
    });
  });

  it('prefers a static segment over a parameter', () => {
    const summary = routes.lookup('GET', '/channels/summary');
    expect(summary.kind === 'found' && summary.operation.operationId).toBe('getChannelsSummary');
    const byId = routes.lookup('GET', `/channels/${ID}`);
    expect(byId.kind === 'found' && byId.operation.operationId).toBe('getChannelsById');
  });

  it('accepts any method case, an empty path for the root and a trailing slash', () => {
    expect(routes.lookup('get', '').kind).toBe('found');
    const found = routes.lookup('get', '/channels/');
    expect(found.kind === 'found' && found.operation.operationId).toBe('getChannels');
  });

  it('does not match unknown paths, double slashes, wrong case or broken escapes', () => {
    for (const path of [
      '/nope',
      '//channels',
      '/CHANNELS',
      `/channels/%E0%A4%A`,
      'channels',
      '/channels/a/b/c/d/e',
    ]) {
      expect(routes.lookup('GET', path), path).toEqual({ kind: 'not-found' });
    }
  });

  it('lists the allowed methods of a known path', () => {
    expect(routes.lookup('PUT', `/channels/${ID}`)).toEqual({
      kind: 'method-not-allowed',
      allow: ['DELETE', 'GET', 'HEAD', 'PATCH'],
    });
    expect(routes.lookup('BREW', '/channels')).toEqual({
      kind: 'method-not-allowed',
      allow: ['GET', 'HEAD'],
    });
  });
});

describe('API2 handler routing errors', () => {
  it('answers unknown routes with a 404 JSON error', () => {
    const response = handle(request('GET', '/definitely/not/here'));
    expect(response.status).toBe(404);
    expect(response.headers?.['content-type']).toBe('application/json');
    expect(response.body).toEqual({
      code: 'NotFoundError',
      message: 'No API2 route matches /definitely/not/here',
    });
  });

  it('answers a wrong method with 405 and an Allow header', () => {
    const response = handle(request('POST', `/channels/${ID}`));
    expect(response.status).toBe(405);
    expect(response.headers?.allow).toBe('DELETE, GET, HEAD, PATCH');
    expect(response.body).toMatchObject({ code: 'MethodNotAllowedError' });
  });

  it('answers OPTIONS on a known path with 204 and Allow', () => {
    const response = handle(request('OPTIONS', '/channels'));
    expect(response).toEqual({ status: 204, headers: { allow: 'GET, HEAD' }, body: undefined });
  });
});
