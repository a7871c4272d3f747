/** Builds an unsigned-looking JWT (header.payload.signature) around a payload, as SocialHub's look. */
export function fakeJwt(payload: unknown): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk`;
}

/** A channel token of the seed documents' shape. */
export const CHANNEL_TOKEN = fakeJwt({
  accountId: '5e73f5245a45da10b6e614d8',
  channelId: '5eb47954a545b82b5b522cce',
  iat: 1588885844,
});
