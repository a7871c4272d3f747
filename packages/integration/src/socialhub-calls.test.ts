import { SocialHubNetworkError } from '@socialhub/client';
import { describe, expect, it } from 'vitest';
import { callSocialHub } from './socialhub-calls.js';

const NOW = 1_700_000_000_000;
const answer =
  (status: number, error?: object, headers: Record<string, string> = {}) =>
  async () => ({
    status,
    ...(error ? { error } : { data: { _id: 't1' } }),
    response: new Response(null, {
      status: status === 204 ? 204 : 200,
      headers: { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', ...headers },
    }),
  });
const classify = async (call: Parameters<typeof callSocialHub>[0]) =>
  (await callSocialHub(call, { now: () => NOW, defaultRetryAfterMs: 1234 })).outcome.kind;

describe('callSocialHub', () => {
  it('classifies each answer into what the queue does next', async () => {
    expect(await classify(answer(201))).toBe('ok');
    expect(await classify(answer(409, { code: 'ConflictError', message: 'exists' }))).toBe(
      'exists',
    );
    expect(await classify(answer(401, { code: 'AccessTokenInvalidError', message: 'x' }))).toBe(
      'unauthorized',
    );
    expect(await classify(answer(403, { code: 'ChannelDeactivated', message: 'x' }))).toBe(
      'disabled',
    );
    expect(await classify(answer(503, { code: 'Unavailable', message: 'x' }))).toBe('transient');
    expect(await classify(answer(400, { code: 'ValidationError', message: 'bad' }))).toBe(
      'refused',
    );
    expect(await classify(answer(403, { code: 'ChannelLimitReached', message: 'x' }))).toBe(
      'refused',
    );
  });

  it('reads Retry-After, falls back to the default, and reports the remaining requests', async () => {
    const limited = await callSocialHub(
      answer(429, { code: 'TooManyRequestsError', message: '' }, { 'retry-after': '3' }),
      {
        now: () => NOW,
        defaultRetryAfterMs: 1234,
      },
    );
    expect(limited).toEqual({
      outcome: { kind: 'rate_limited', retryAfterMs: 3000 },
      remaining: 0,
    });
    const bare = await callSocialHub(answer(429, { code: 'TooManyRequestsError', message: '' }), {
      now: () => NOW,
      defaultRetryAfterMs: 1234,
    });
    expect(bare.outcome).toEqual({ kind: 'rate_limited', retryAfterMs: 1234 });
  });

  it('turns transport failures into transient outcomes and rethrows bugs', async () => {
    const network = async () => {
      throw new SocialHubNetworkError({
        method: 'POST',
        url: 'https://api.socialhub.io/x',
        attempts: 1,
        cause: new Error('ECONNRESET'),
      });
    };
    expect(await classify(network as never)).toBe('transient');
    await expect(
      classify((async () => {
        throw new TypeError('bug');
      }) as never),
    ).rejects.toThrow('bug');
  });
});
