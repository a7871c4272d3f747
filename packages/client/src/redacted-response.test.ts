import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { redactedResponse } from './redacted-response.js';

describe('redactedResponse', () => {
  it('keeps status, headers and body, shows the given URL, and clones the same way', async () => {
    const original = new Response('{"a":1}', {
      status: 201,
      statusText: 'Created',
      headers: { 'x-ratelimit-limit': '5' },
    });
    const response = redactedResponse(original, 'https://api.test/?accesstoken=***');
    expect(response).toBeInstanceOf(Response);
    expect([
      response.status,
      response.statusText,
      response.headers.get('x-ratelimit-limit'),
    ]).toEqual([201, 'Created', '5']);
    expect(response.url).toBe('https://api.test/?accesstoken=***');
    const copy = response.clone();
    expect(copy.url).toBe('https://api.test/?accesstoken=***');
    expect(await copy.json()).toEqual({ a: 1 });
    expect(await response.json()).toEqual({ a: 1 });
  });

  it('holds nothing of the response it was built from', async () => {
    const fetched = await fetch('data:application/json,{"secret-url-part":1}');
    const response = redactedResponse(fetched, 'shown');
    const text = inspect(response, { showHidden: true, customInspect: false, depth: Infinity });
    expect(text).not.toContain('data:application/json');
    expect(inspect(fetched, { showHidden: true, customInspect: false, depth: Infinity })).toContain(
      'data:application/json',
    );
    await response.body?.cancel();
  });

  it('keeps the content type for the body methods', async () => {
    const original = new Response('{"a":1}', { headers: { 'content-type': 'application/json' } });
    const response = redactedResponse(original, 'u');
    expect(response.headers).toBe(original.headers);
    expect((await response.clone().blob()).type).toBe('application/json');
    expect(await response.text()).toBe('{"a":1}');
  });

  it('builds a null-body response for a 204', () => {
    expect(redactedResponse(new Response(null, { status: 204 }), 'u').body).toBeNull();
  });
});
