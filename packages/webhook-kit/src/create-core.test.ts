import { describe, expect, it } from 'vitest';
import { compactVector, NOW, SECRET, TIMESTAMP, vectors } from '../test/vectors.js';
import { createCore } from './create-core.js';
import { cryptoProvider as nodeCrypto } from './crypto/crypto-node.js';
import { cryptoProvider as webCrypto } from './crypto/crypto-web.js';
import {
  InvalidOptionsError,
  InvalidSignatureError,
  MalformedTimestampError,
  MissingHeaderError,
  PayloadTooLargeError,
  TimestampOutsideToleranceError,
  WebhookKitError,
} from './errors.js';

const headersFor = (signature: string, timestamp = TIMESTAMP) => ({
  'x-socialhub-timestamp': timestamp,
  'x-socialhub-signature': signature,
});

describe.each([
  ['node:crypto', nodeCrypto],
  ['Web Crypto', webCrypto],
])('core on %s', (_label, provider) => {
  const { signDelivery, verifyDelivery } = createCore(provider);
  const opts = { secret: SECRET, now: () => NOW };

  describe.each(vectors)('vector: $name', (v) => {
    it('verifies the raw bytes and returns the challenge', async () => {
      await expect(verifyDelivery(v.body, headersFor(v.signature), opts)).resolves.toBe(
        v.challenge,
      );
      const bytes = new TextEncoder().encode(v.body);
      expect(bytes.byteLength).toBe(v.bytes);
      await expect(verifyDelivery(bytes, headersFor(v.signature), opts)).resolves.toBe(v.challenge);
    });

    it('signs to the same signature', async () => {
      const signed = await signDelivery(v.body, { secret: SECRET, timestamp: Number(TIMESTAMP) });
      expect(signed).toEqual({
        timestamp: TIMESTAMP,
        signature: v.signature,
        challenge: v.challenge,
        headers: headersFor(v.signature),
      });
    });
  });

  it('accepts the deliveries the re-serialising sample rejects', async () => {
    const reserialisedDiffers = vectors.filter(
      (v) => v.body !== '' && JSON.stringify(JSON.parse(v.body)) !== v.body,
    );
    expect(reserialisedDiffers.map((v) => v.name)).toEqual([
      'pretty-printed JSON',
      '\\u00e9 and \\/ escapes',
      'integer beyond 2^53 and 1.0',
      'trailing newline',
    ]);
    for (const v of reserialisedDiffers) {
      await expect(verifyDelivery(v.body, headersFor(v.signature), opts)).resolves.toBe(
        v.challenge,
      );
    }
  });

  it('reads headers case-insensitively from Headers, records and node headers', async () => {
    const { body, signature, challenge } = compactVector;
    const fetchHeaders = new Headers({
      'X-SocialHub-Timestamp': TIMESTAMP,
      'X-SocialHub-Signature': signature,
    });
    const mixedCase = { 'X-SocialHub-Timestamp': TIMESTAMP, 'X-SOCIALHUB-SIGNATURE': signature };
    const nodeStyle = { 'x-socialhub-timestamp': TIMESTAMP, 'x-socialhub-signature': [signature] };
    for (const h of [fetchHeaders, mixedCase, nodeStyle]) {
      await expect(verifyDelivery(body, h, opts)).resolves.toBe(challenge);
    }
  });

  it('accepts an upper-case hex signature and surrounding whitespace', async () => {
    const { body, signature, challenge } = compactVector;
    await expect(
      verifyDelivery(body, headersFor(` ${signature.toUpperCase()} `), opts),
    ).resolves.toBe(challenge);
  });

  it('rejects a missing timestamp or signature header', async () => {
    const { body, signature } = compactVector;
    await expect(
      verifyDelivery(body, { 'x-socialhub-signature': signature }, opts),
    ).rejects.toThrow(MissingHeaderError);
    await expect(
      verifyDelivery(body, { 'x-socialhub-timestamp': TIMESTAMP }, opts),
    ).rejects.toMatchObject({
      code: 'missing_header',
      header: 'X-SocialHub-Signature',
    });
    await expect(verifyDelivery(body, headersFor(''), opts)).rejects.toThrow(MissingHeaderError);
  });

  it.each([
    'abc',
    '-1',
    '1.5e12',
    '0x10',
    '1588886294500.0',
    '12345678901234567',
    `${TIMESTAMP}, ${TIMESTAMP}`,
  ])('rejects the malformed timestamp %j', async (timestamp) => {
    await expect(
      verifyDelivery(compactVector.body, headersFor(compactVector.signature, timestamp), opts),
    ).rejects.toThrow(MalformedTimestampError);
  });

  it('checks the tolerance in both directions, inclusive, configurable', async () => {
    const { body, signature, challenge } = compactVector;
    const at = (now: number, toleranceMs?: number) =>
      verifyDelivery(body, headersFor(signature), { secret: SECRET, now: () => now, toleranceMs });
    const ts = Number(TIMESTAMP);
    await expect(at(ts + 300_000)).resolves.toBe(challenge);
    await expect(at(ts - 300_000)).resolves.toBe(challenge);
    await expect(at(ts + 300_001)).rejects.toMatchObject({
      code: 'timestamp_outside_tolerance',
      skewMs: 300_001,
    });
    await expect(at(ts - 300_001)).rejects.toThrow(TimestampOutsideToleranceError);
    await expect(at(ts + 10_001, 10_000)).rejects.toThrow(/behind/);
    await expect(at(ts - 10_001, 10_000)).rejects.toThrow(/ahead of/);
    await expect(at(ts + 10_000, 10_000)).resolves.toBe(challenge);
  });

  it('rejects a signature that is not exactly 64 hex characters', async () => {
    const { body, signature } = compactVector;
    // Buffer.from(hex, 'hex') would decode only the valid prefix of these.
    const bad = [
      `${signature.slice(0, 62)}zz`,
      `${signature.slice(0, 32)}g${signature.slice(33)}`,
      signature.slice(0, 63),
      `${signature}00`,
      `sha256=${signature}`,
      `${signature}, ${signature}`,
    ];
    for (const s of bad) {
      await expect(verifyDelivery(body, headersFor(s), opts)).rejects.toMatchObject({
        code: 'invalid_signature',
      });
    }
  });

  it('rejects a well-formed wrong signature, a changed body and a wrong secret', async () => {
    const { body, signature } = compactVector;
    const flipped = (signature[0] === 'a' ? 'b' : 'a') + signature.slice(1);
    await expect(verifyDelivery(body, headersFor(flipped), opts)).rejects.toThrow(
      InvalidSignatureError,
    );
    await expect(verifyDelivery(`${body} `, headersFor(signature), opts)).rejects.toThrow(
      InvalidSignatureError,
    );
    await expect(
      verifyDelivery(body, headersFor(signature), { secret: `${SECRET}x`, now: () => NOW }),
    ).rejects.toThrow(InvalidSignatureError);
  });

  it('accepts any secret of a rotation list', async () => {
    const { body, signature, challenge } = compactVector;
    const secrets = ['a-new-secret-that-is-at-least-32-chars', SECRET];
    await expect(
      verifyDelivery(body, headersFor(signature), { secrets, now: () => NOW }),
    ).resolves.toBe(challenge);
    await expect(
      verifyDelivery(body, headersFor(signature), { secrets: secrets.slice(0, 1), now: () => NOW }),
    ).rejects.toThrow(InvalidSignatureError);
  });

  it('rejects a body above maxBodyBytes before hashing, counting UTF-8 bytes', async () => {
    const { body, signature, challenge } = compactVector;
    const limited = (maxBodyBytes: number, b: string | Uint8Array = body) =>
      verifyDelivery(b, headersFor(signature), { ...opts, maxBodyBytes });
    await expect(limited(409)).resolves.toBe(challenge);
    await expect(limited(408)).rejects.toThrow(PayloadTooLargeError);
    await expect(limited(408, new TextEncoder().encode(body))).rejects.toMatchObject({
      status: 413,
    });
    await expect(limited(5, 'ééé')).rejects.toThrow(PayloadTooLargeError);
    await expect(
      verifyDelivery('x'.repeat(1024 * 1024 + 1), headersFor(signature), opts),
    ).rejects.toThrow(PayloadTooLargeError);
  });

  it('never puts the secret in an error message and prefixes every message', async () => {
    const { body, signature } = compactVector;
    const failures = [
      () => verifyDelivery(body, {}, opts),
      () => verifyDelivery(body, headersFor(signature, 'x'), opts),
      () => verifyDelivery(body, headersFor(signature, '1'), opts),
      () => verifyDelivery(body, headersFor('0'.repeat(64)), opts),
      () => verifyDelivery(body, headersFor(signature), { ...opts, maxBodyBytes: 1 }),
    ];
    for (const failure of failures) {
      const error = await failure().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WebhookKitError);
      const { message, stack } = error as Error;
      expect(message.startsWith('@socialhub/webhook-kit: ')).toBe(true);
      expect(message).not.toContain(SECRET);
      expect(stack).not.toContain(SECRET);
    }
  });

  it('refuses to run without a secret', async () => {
    await expect(verifyDelivery('', {}, { secrets: [] })).rejects.toThrow(InvalidOptionsError);
    await expect(verifyDelivery('', {}, { secret: '' })).rejects.toThrow(/non-empty/);
  });
});
