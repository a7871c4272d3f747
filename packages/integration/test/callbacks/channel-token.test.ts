import { describe, expect, it } from 'vitest';
import {
  readChannelCreationToken,
  readChannelReactivationToken,
} from '../../src/callbacks/channel-token.js';
import { InvalidTokenError, MissingParameterError, TokenExpiredError } from '../../src/errors.js';
import { fakeJwt } from '../helpers/http.js';

// The token of the seed 002 POST /channels example (iat 1588885718, exp 1588887518).
const SEED_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhY2NvdW50SWQiOiI1ZTczZjUyNDVhNDVkYTEwYjZlNjE0ZDgiLCJtYW5pZmVzdElkIjoiNWU3M2Y1NmM1YTQ1ZGExMGI2ZTYxNGRkIiwidXNlcklkIjoiNWU3M2Y1MjU1YTQ1ZGExMGI2ZTYxNGRhIiwib3JpZ2luIjoiaHR0cHM6Ly9hcHAuc29jaWFsaHViLmlvLyIsImlhdCI6MTU4ODg4NTcxOCwiZXhwIjoxNTg4ODg3NTE4fQ.-6I9tULlBouy9Rr0tlbbSkORMa8cAd70kl-KU1QdjfA';

describe('readChannelCreationToken', () => {
  it('decodes the seed token and returns it with its payload', () => {
    const now = () => 1588885718_000 + 60_000;
    const { token, payload } = readChannelCreationToken(
      `https://integration.example/add?token=${SEED_TOKEN}`,
      { now },
    );
    expect(token).toBe(SEED_TOKEN);
    expect(payload).toEqual({
      accountId: '5e73f5245a45da10b6e614d8',
      manifestId: '5e73f56c5a45da10b6e614dd',
      userId: '5e73f5255a45da10b6e614da',
      origin: 'https://app.socialhub.io/',
      iat: 1588885718,
      exp: 1588887518,
    });
  });

  it('rejects an expired token', () => {
    expect(() =>
      readChannelCreationToken(`/add?token=${SEED_TOKEN}`, { now: () => 1588887518_000 }),
    ).toThrow(TokenExpiredError);
    expect(() => readChannelCreationToken(`/add?token=${SEED_TOKEN}`)).toThrow(
      /expired at 2020-05-07T21:38:38.000Z/,
    );
  });

  it('rejects a missing, malformed or off-schema token without echoing it', () => {
    expect(() => readChannelCreationToken('/add')).toThrow(MissingParameterError);
    for (const token of [
      'abc',
      'a.b',
      'a.!!!.c',
      `a.${Buffer.from('not json').toString('base64url')}.c`,
      fakeJwt({ exp: 9e9 }),
    ]) {
      let error: unknown;
      try {
        readChannelCreationToken(`/add?token=${encodeURIComponent(token)}`);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidTokenError);
      expect((error as Error).message).not.toContain(token);
    }
  });
});

describe('readChannelReactivationToken', () => {
  it('decodes the reactivation payload', () => {
    const payload = {
      accountId: '5c9b6b2a58a855074d1d278f',
      manifestId: '5e73f56c5a45da10b6e614dd',
      userId: '5e73f5255a45da10b6e614da',
      origin: 'https://app.socialhub.io',
      channelId: '5c9c01952bdfd718307a0a53',
      uniqueName: 'test',
      networkId: '39272404',
      iat: 1554134541,
      exp: 1554136341,
    };
    const read = readChannelReactivationToken(`/re?token=${fakeJwt(payload)}`, {
      now: () => 1554134541_000,
    });
    expect(read.payload).toEqual(payload);
    const { channelId: _, ...withoutChannel } = payload;
    expect(() =>
      readChannelReactivationToken(`/re?token=${fakeJwt(withoutChannel)}`, { now: () => 0 }),
    ).toThrow(InvalidTokenError);
  });
});
