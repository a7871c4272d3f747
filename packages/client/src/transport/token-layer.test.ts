import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { testAttempt, testCall } from '../../test/helpers/call.js';
import { SocialHubAccessTokenError } from '../errors.js';
import type { Attempt } from './call.js';
import { createTokenLayer, withAccessToken } from './token-layer.js';

const TOKEN = 'tok-en/with+chars';

/** A `next` that answers with a Response fetched from the URL it was given (as undici keeps it). */
function echo(seen: string[]) {
  return async (attempt: Attempt) => {
    seen.push(attempt.url);
    const response = new Response('{}', { status: 200 });
    // What a fetched Response holds: its URL, token included, where inspect can reach it.
    Object.defineProperty(response, 'fetchedFrom', { value: attempt.url, enumerable: false });
    return response;
  };
}

describe('the token layer', () => {
  it('adds the token to each attempt, asking the source every time', async () => {
    const tokens = ['one-token', 'two-token'];
    const seen: string[] = [];
    const send = createTokenLayer(() => tokens.shift() ?? '')(echo(seen));
    const call = testCall({ url: 'https://api.test/x?a=1' });
    await send(testAttempt(call));
    await send(testAttempt(call, { number: 2 }));
    expect(seen).toEqual([
      'https://api.test/x?a=1&accesstoken=one-token',
      'https://api.test/x?a=1&accesstoken=two-token',
    ]);
    expect(call.secrets).toEqual(['one-token', 'two-token']);
  });

  it('hands back a new Response with the shown URL that never held the token', async () => {
    const send = createTokenLayer(() => TOKEN)(echo([]));
    const response = await send(testAttempt(testCall()));
    expect(response.url).toBe('https://api.test/x');
    expect(response.clone().url).toBe('https://api.test/x');
    const text = inspect(response, { showHidden: true, customInspect: false, depth: Infinity });
    expect(text).not.toContain('tok-en');
    expect(await response.json()).toEqual({});
  });

  it('turns a failing or empty token source into SocialHubAccessTokenError', async () => {
    const next = echo([]);
    const threw = createTokenLayer(() => {
      throw new Error('vault at https://v.test/?accesstoken=leak-leak down');
    })(next);
    const error = await threw(testAttempt(testCall())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SocialHubAccessTokenError);
    expect(((error as Error).cause as Error).message).toBe(
      'vault at https://v.test/?accesstoken=*** down',
    );
    const empty = createTokenLayer(async () => ' ')(next);
    await expect(empty(testAttempt(testCall()))).rejects.toThrow(/not a non-empty string/);
  });

  it('sends without a token when there is no source', async () => {
    const seen: string[] = [];
    await createTokenLayer(undefined)(echo(seen))(testAttempt(testCall()));
    expect(seen).toEqual(['https://api.test/x']);
  });

  it('appends before a fragment and encodes the token', () => {
    expect(withAccessToken('https://a.test/p#f', 'a+b')).toBe('https://a.test/p?accesstoken=a%2Bb');
  });
});
