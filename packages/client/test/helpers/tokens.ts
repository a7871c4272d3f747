import { secret } from './secrets.js';

/** Builds an unsigned-looking JWT (header.payload.signature) around a payload, as SocialHub's look. */
export function fakeJwt(payload: unknown): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk`;
}

/** A channel token of the seed documents' shape. */
export const CHANNEL_TOKEN = secret(
  fakeJwt({
    accountId: '5e73f5245a45da10b6e614d8',
    channelId: '5eb47954a545b82b5b522cce',
    iat: 1588885844,
  }),
);

/** Seconds since the epoch of the fake clock's start (2026-01-15T12:00:00Z). */
export const NOW_S = Date.UTC(2026, 0, 15, 12, 0, 0) / 1000;

/** A channel-creation token issued a minute before NOW_S, valid 30 minutes. */
export function creationToken(overrides: Record<string, unknown> = {}): string {
  return secret(
    fakeJwt({
      accountId: '5e73f5245a45da10b6e614d8',
      manifestId: '5e73f56c5a45da10b6e614dd',
      userId: '5e73f5255a45da10b6e614da',
      origin: 'https://app.socialhub.io',
      teamIds: ['635519489f8e665f0d2cfacb'],
      iat: NOW_S - 60,
      exp: NOW_S - 60 + 1800,
      ...overrides,
    }),
  );
}

/** A channel-reactivation token issued a minute before NOW_S, valid 30 minutes. */
export function reactivationToken(overrides: Record<string, unknown> = {}): string {
  return creationToken({
    channelId: '5c9c01952bdfd718307a0a53',
    uniqueName: 'test',
    networkId: '39272404',
    ...overrides,
  });
}
