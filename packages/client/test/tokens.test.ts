import { describe, expect, it } from 'vitest';
import { SocialHubTokenError, SocialHubTokenExpiredError } from '../src/index.js';
import {
  decodeChannelCreationToken,
  decodeChannelReactivationToken,
  decodeChannelToken,
} from '../src/integration/index.js';
import { record } from './helpers/secrets.js';
import {
  CHANNEL_TOKEN,
  creationToken,
  fakeJwt,
  NOW_S,
  reactivationToken,
} from './helpers/tokens.js';

const now = () => NOW_S * 1000;

// The seed documents' own tokens (specs/socialhub-public.yaml examples).
const SEED_CHANNEL_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhY2NvdW50SWQiOiI1ZTczZjUyNDVhNDVkYTEwYjZlNjE0ZDgiLCJjaGFubmVsSWQiOiI1ZWI0Nzk1NGE1NDViODJiNWI1MjJjY2UiLCJpYXQiOjE1ODg4ODU4NDR9.Dj8upq3l92nXMxkc_Z-BfOalgVJgOrxC0-Fns6upKaw';
const SEED_CREATION_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhY2NvdW50SWQiOiI1ZTczZjUyNDVhNDVkYTEwYjZlNjE0ZDgiLCJtYW5pZmVzdElkIjoiNWU3M2Y1NmM1YTQ1ZGExMGI2ZTYxNGRkIiwidXNlcklkIjoiNWU3M2Y1MjU1YTQ1ZGExMGI2ZTYxNGRhIiwib3JpZ2luIjoiaHR0cHM6Ly9hcHAuc29jaWFsaHViLmlvLyIsImlhdCI6MTU4ODg4NTcxOCwiZXhwIjoxNTg4ODg3NTE4fQ.-6I9tULlBouy9Rr0tlbbSkORMa8cAd70kl-KU1QdjfA';

function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return record('token', error);
  }
  throw new Error('expected a throw');
}

describe('decodeChannelToken', () => {
  it('decodes the seed token and ours', () => {
    expect(decodeChannelToken(SEED_CHANNEL_TOKEN)).toEqual({
      accountId: '5e73f5245a45da10b6e614d8',
      channelId: '5eb47954a545b82b5b522cce',
      iat: 1588885844,
    });
    expect(decodeChannelToken(CHANNEL_TOKEN).channelId).toBe('5eb47954a545b82b5b522cce');
  });

  it.each([
    ['not a string', 42],
    ['two parts', 'a.b'],
    ['a payload that is not base64url', 'a.b*c.d'],
    ['a payload that is not JSON', `a.${Buffer.from('{nope').toString('base64url')}.s`],
    ['a payload that is not UTF-8', `a.${Buffer.from([0xff, 0xfe]).toString('base64url')}.s`],
    ['an array payload', fakeJwt([1, 2])],
    ['a payload without channelId', fakeJwt({ accountId: 'a', iat: 1 })],
    ['a string iat', fakeJwt({ accountId: 'a', channelId: 'c', iat: '1' })],
  ])('rejects %s with SocialHubTokenError', (_name, token) => {
    const error = thrown(() => decodeChannelToken(token as string));
    expect(error).toBeInstanceOf(SocialHubTokenError);
    expect(error).toMatchObject({ code: 'invalid_token' });
    expect((error as Error).message).toMatch(/^@socialhub\/client: /);
  });

  it('does not quote the payload in its message', () => {
    const error = thrown(() =>
      decodeChannelToken(`a.${Buffer.from('{"secret": 1,').toString('base64url')}.s`),
    );
    expect((error as Error).message).not.toContain('secret');
  });
});

describe('decodeChannelCreationToken', () => {
  it('decodes an unexpired token', () => {
    expect(decodeChannelCreationToken(creationToken(), { now })).toMatchObject({
      manifestId: '5e73f56c5a45da10b6e614dd',
      origin: 'https://app.socialhub.io',
      teamIds: ['635519489f8e665f0d2cfacb'],
    });
  });

  it('rejects the seed token (expired in 2020) with SocialHubTokenExpiredError', () => {
    const error = thrown(() => decodeChannelCreationToken(SEED_CREATION_TOKEN));
    expect(error).toBeInstanceOf(SocialHubTokenExpiredError);
    expect(error).toMatchObject({ code: 'token_expired' });
    expect((error as SocialHubTokenExpiredError).expiredAt.toISOString()).toBe(
      '2020-05-07T21:38:38.000Z',
    );
  });

  it('treats exp as the first invalid second', () => {
    const token = creationToken({ exp: NOW_S });
    expect(thrown(() => decodeChannelCreationToken(token, { now }))).toBeInstanceOf(
      SocialHubTokenExpiredError,
    );
    expect(decodeChannelCreationToken(token, { now: () => now() - 1 }).exp).toBe(NOW_S);
  });

  it('requires exp and origin', () => {
    expect(
      thrown(() => decodeChannelCreationToken(creationToken({ exp: null }), { now })),
    ).toMatchObject({
      code: 'invalid_token',
    });
    expect(thrown(() => decodeChannelCreationToken(CHANNEL_TOKEN, { now }))).toMatchObject({
      code: 'invalid_token',
    });
  });
});

describe('decodeChannelReactivationToken', () => {
  it('decodes the channel to reactivate', () => {
    expect(decodeChannelReactivationToken(reactivationToken(), { now })).toMatchObject({
      channelId: '5c9c01952bdfd718307a0a53',
      uniqueName: 'test',
      networkId: '39272404',
    });
  });

  it('rejects an expired one', () => {
    expect(
      thrown(() => decodeChannelReactivationToken(reactivationToken({ exp: NOW_S - 5 }), { now })),
    ).toBeInstanceOf(SocialHubTokenExpiredError);
  });
});
