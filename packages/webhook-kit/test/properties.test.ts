import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCore } from '../src/create-core.js';
import { cryptoProvider as nodeCrypto } from '../src/crypto/crypto-node.js';
import { cryptoProvider as webCrypto } from '../src/crypto/crypto-web.js';
import { InvalidSignatureError, WebhookKitError } from '../src/errors.js';
import { createRouter } from '../src/router.js';

const NOW = 1_700_000_000_000;
const now = () => NOW;
const secretArb = fc.string({ minLength: 32, maxLength: 80 });
const bodyArb = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }),
  fc.string({ maxLength: 512, unit: 'binary' }),
);
const timestampArb = fc.integer({ min: NOW - 300_000, max: NOW + 300_000 });

/** Rejects with a WebhookKitError subclass, and with nothing else. */
async function rejection(promise: Promise<unknown>): Promise<WebhookKitError | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookKitError);
    return error as WebhookKitError;
  }
}

describe.each([
  ['node:crypto', nodeCrypto, 200],
  ['Web Crypto', webCrypto, 60],
])('properties on %s', (_label, provider, numRuns) => {
  const { signDelivery, verifyDelivery } = createCore(provider);

  it('accepts every signed delivery and returns its challenge', async () => {
    await fc.assert(
      fc.asyncProperty(bodyArb, secretArb, timestampArb, async (body, secret, timestamp) => {
        const signed = await signDelivery(body, { secret, timestamp });
        expect(await verifyDelivery(body, signed.headers, { secret, now })).toBe(signed.challenge);
      }),
      { numRuns },
    );
  });

  it('rejects any change to the body', async () => {
    const change = fc.oneof(
      fc.record({
        kind: fc.constant('flip' as const),
        at: fc.nat(),
        bit: fc.integer({ min: 0, max: 7 }),
      }),
      fc.record({
        kind: fc.constant('append' as const),
        extra: fc.uint8Array({ minLength: 1, maxLength: 8 }),
      }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 2048 }),
        secretArb,
        change,
        async (body, secret, c) => {
          const signed = await signDelivery(body, { secret, timestamp: NOW });
          const changed = new Uint8Array(body);
          let tampered: Uint8Array;
          if (c.kind === 'flip') {
            const at = c.at % body.length;
            changed[at] = (changed[at] as number) ^ (1 << c.bit);
            tampered = changed;
          } else if (c.kind === 'append') {
            tampered = new Uint8Array([...body, ...c.extra]);
          } else {
            tampered = body.slice(0, c.at % body.length);
          }
          const error = await rejection(verifyDelivery(tampered, signed.headers, { secret, now }));
          expect(error).toBeInstanceOf(InvalidSignatureError);
        },
      ),
      { numRuns },
    );
  });

  it('rejects any other timestamp', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodyArb,
        secretArb,
        timestampArb,
        fc.nat({ max: 10_000_000 }),
        async (body, secret, ts, other) => {
          fc.pre(other !== ts);
          const signed = await signDelivery(body, { secret, timestamp: ts });
          const headers = { ...signed.headers, 'x-socialhub-timestamp': String(other) };
          const error = await rejection(verifyDelivery(body, headers, { secret, now }));
          expect(error).toBeDefined();
          const inTolerance = await rejection(
            verifyDelivery(body, headers, { secret, now: () => other }),
          );
          expect(inTolerance).toBeInstanceOf(InvalidSignatureError);
        },
      ),
      { numRuns },
    );
  });

  it('rejects any change to the signature', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodyArb,
        secretArb,
        fc.nat({ max: 63 }),
        fc.integer({ min: 1, max: 15 }),
        async (body, secret, at, delta) => {
          const signed = await signDelivery(body, { secret, timestamp: NOW });
          const digit = Number.parseInt(signed.signature.charAt(at), 16);
          const replaced = ((digit + delta) % 16).toString(16);
          const signature =
            signed.signature.slice(0, at) + replaced + signed.signature.slice(at + 1);
          const headers = { ...signed.headers, 'x-socialhub-signature': signature };
          const error = await rejection(verifyDelivery(body, headers, { secret, now }));
          expect(error).toBeInstanceOf(InvalidSignatureError);
        },
      ),
      { numRuns },
    );
  });

  it('rejects any other secret', async () => {
    await fc.assert(
      fc.asyncProperty(bodyArb, secretArb, secretArb, async (body, secret, other) => {
        fc.pre(other !== secret);
        const signed = await signDelivery(body, { secret, timestamp: NOW });
        const error = await rejection(verifyDelivery(body, signed.headers, { secret: other, now }));
        expect(error).toBeInstanceOf(InvalidSignatureError);
        expect(error?.message).not.toContain(other);
      }),
      { numRuns },
    );
  });

  it('raises nothing but the typed errors for random bytes and headers', async () => {
    const headerName = fc.constantFrom(
      'x-socialhub-timestamp',
      'X-SocialHub-Timestamp',
      'x-socialhub-signature',
      'X-SOCIALHUB-SIGNATURE',
      'content-type',
      'constructor',
      '__proto__',
    );
    const headerValue = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.stringMatching(/^[0-9a-fA-F]{60,68}$/),
      fc.integer({ min: NOW - 400_000, max: NOW + 400_000 }).map(String),
      fc.array(fc.string(), { maxLength: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(
        bodyArb,
        fc.dictionary(headerName, headerValue),
        secretArb,
        async (body, headers, secret) => {
          const error = await rejection(verifyDelivery(body, headers, { secret, now }));
          expect(error).toBeDefined();
        },
      ),
      { numRuns },
    );
  });
});

describe('router properties', () => {
  it('answers every signed random body with 200 or a typed 400, never throwing', async () => {
    const { signDelivery } = createCore(nodeCrypto);
    const secret = 'p'.repeat(32);
    const router = createRouter(
      { schemas: {}, groups: {} },
      { secret, now, on: {}, onError: () => {}, mode: 'wait' },
    );
    const jsonish = fc.oneof(
      bodyArb,
      fc.json(),
      fc
        .record({
          manifestId: fc.string(),
          accountId: fc.string(),
          channelId: fc.string(),
          events: fc.jsonValue(),
        })
        .map((envelope) => JSON.stringify(envelope)),
    );
    await fc.assert(
      fc.asyncProperty(jsonish, async (body) => {
        const signed = await signDelivery(body, { secret, timestamp: NOW });
        const response = await router.handle({
          method: 'POST',
          url: '/',
          headers: signed.headers,
          rawBody: body,
        });
        expect([200, 400]).toContain(response.status);
        if (response.status === 400)
          expect(JSON.parse(response.body ?? '')).toMatchObject({ code: 'malformed_json' });
        else expect(response.headers['x-socialhub-challenge']).toBe(signed.challenge);
      }),
      { numRuns: 300 },
    );
  });
});
