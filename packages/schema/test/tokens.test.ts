import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { api2IdempotentPosts, api2ServerUrl } from '../src/api2/transport.js';
import { publicOperations } from '../src/public/operations.js';
import { publicIdempotentPosts, publicServerUrl } from '../src/public/transport.js';
import { decodeTokenPayload, type TokenKind, tokenPayloadRules } from '../src/tokens/index.js';

const require = createRequire(import.meta.url);
type Schema = { required?: string[]; examples?: Record<string, unknown>[] };
const doc: {
  servers: { url: string }[];
  components: { schemas: Record<string, Schema> };
} = require('../src/generated/public.openapi.gen.json');

const jwt = (payload: unknown) =>
  `e30.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;
const SCHEMAS: Record<TokenKind, string> = {
  channel: 'ChannelTokenPayload',
  channelCreation: 'ChannelCreationTokenPayload',
  channelReactivation: 'ChannelReactivationTokenPayload',
};
const kinds = Object.keys(SCHEMAS) as TokenKind[];
// Before every example's exp (2019): the examples are valid then.
const now = Date.UTC(2019, 3, 1, 16, 0, 0);

describe('decodeTokenPayload', () => {
  test('has a rule set for every JWT payload of the contract', () => {
    expect(Object.keys(tokenPayloadRules).sort()).toEqual([...kinds].sort());
  });

  test.each(kinds)('decodes the contract example of %s', (kind) => {
    const example = doc.components.schemas[SCHEMAS[kind]]?.examples?.[0];
    expect(example).toBeDefined();
    expect(decodeTokenPayload(kind, jwt(example), { now })).toEqual({ ok: true, payload: example });
  });

  test.each(kinds)('refuses a %s payload missing any required field', (kind) => {
    const schema = doc.components.schemas[SCHEMAS[kind]] as Schema;
    const example = schema.examples?.[0] as Record<string, unknown>;
    expect(schema.required?.length).toBeGreaterThan(2);
    for (const field of schema.required ?? []) {
      const { [field]: _dropped, ...rest } = example;
      expect(decodeTokenPayload(kind, jwt(rest), { now }), field).toMatchObject({
        ok: false,
        reason: 'invalid',
        field,
        message: `payload has no valid ${field}`,
      });
    }
  });

  test('checks types, patterns, formats and items as the contract says', () => {
    const base = doc.components.schemas.ChannelCreationTokenPayload?.examples?.[0] ?? {};
    for (const [field, value] of [
      ['accountId', 'not-an-object-id'],
      ['iat', 1.5],
      ['iat', '1554134541'],
      ['origin', 'app.socialhub.io'],
      ['teamIds', ['nope']],
      ['teamIds', 'x'],
    ] as const) {
      const result = decodeTokenPayload('channelCreation', jwt({ ...base, [field]: value }), {
        now,
      });
      expect(result, `${field} ${JSON.stringify(value)}`).toMatchObject({ ok: false, field });
    }
  });

  test('refuses an expired token from its exp (the first invalid second)', () => {
    const example = doc.components.schemas.ChannelCreationTokenPayload?.examples?.[0] ?? {};
    const exp = example.exp as number;
    expect(decodeTokenPayload('channelCreation', jwt(example), { now: exp * 1000 })).toEqual({
      ok: false,
      reason: 'expired',
      message: 'expired',
      expiredAt: new Date(exp * 1000),
    });
    expect(decodeTokenPayload('channelCreation', jwt(example), { now: exp * 1000 - 1 }).ok).toBe(
      true,
    );
  });

  test.each([
    ['not a string', 42],
    ['two parts', 'a.b'],
    ['not base64url', 'a.b*c.d'],
    ['not JSON', `a.${Buffer.from('{"secret": 1,').toString('base64url')}.s`],
    ['not UTF-8', `a.${Buffer.from([0xff, 0xfe]).toString('base64url')}.s`],
    ['an array', jwt([1, 2])],
  ])('refuses a token that is %s as malformed, quoting nothing of it', (_name, token) => {
    const result = decodeTokenPayload('channel', token);
    expect(result).toMatchObject({ ok: false, reason: 'malformed' });
    expect(JSON.stringify(result)).not.toContain('secret');
  });
});

describe('the operations table carries server and idempotence', () => {
  test('every public operation names the contract server', () => {
    for (const op of Object.values(publicOperations)) expect(op.server).toBe(doc.servers[0]?.url);
    expect(publicServerUrl).toBe(doc.servers[0]?.url);
    expect(api2ServerUrl).toBe('https://app.socialhub.io/api2');
  });

  test('a POST is idempotent only where the contract marks it', () => {
    const idempotentPosts = Object.values(publicOperations)
      .filter((op) => op.method === 'post' && op.idempotent)
      .map((op) => op.operationId);
    expect(idempotentPosts).toEqual(['createTicket', 'confirmReplySuccess']);
    expect(publicOperations.createChannel.idempotent).toBe(false);
    expect(publicOperations.updateTicket.idempotent).toBe(true);
    expect([...publicIdempotentPosts]).toEqual([
      publicOperations.createTicket.path,
      publicOperations.confirmReplySuccess.path,
    ]);
    // API2's /public copies inherit it.
    expect([...api2IdempotentPosts]).toEqual([
      '/public/inbox/tickets',
      '/public/inbox/tickets/{id}/replies/{rid}/success',
    ]);
  });
});
