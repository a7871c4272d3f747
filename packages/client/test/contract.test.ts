import { createRequire } from 'node:module';
import { publicOperations } from '@socialhub/schema/public/operations';
import { describe, expect, it } from 'vitest';
import {
  API2_BASE_URL,
  API2_IDEMPOTENT_POSTS,
  PUBLIC_BASE_URL,
  PUBLIC_IDEMPOTENT_POSTS,
} from '../src/index.js';

// The contracts as generated OpenAPI documents (read in the test only; the client loads neither).
const require = createRequire(import.meta.url);
type Doc = {
  servers?: { url: string }[];
  paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
  components?: { schemas?: Record<string, { required?: string[] }> };
};
const publicDoc: Doc = require('@socialhub/schema/public/openapi.json');
const api2Doc: Doc = require('@socialhub/schema/api2/openapi.json');

describe('the clients follow the contracts', () => {
  it('default to each contract’s server', () => {
    expect(PUBLIC_BASE_URL).toBe(publicDoc.servers?.[0]?.url);
    expect(API2_BASE_URL).toBe(api2Doc.servers?.[0]?.url);
  });

  it('retry exactly the POSTs whose repeat the contract answers with the ticket 409', () => {
    const idempotent = Object.values(publicOperations)
      .filter((op) => op.method === 'post')
      .filter((op) => op.responses['409']?.schema?.ref === '#/components/schemas/ConflictError')
      .map((op) => op.path)
      .sort();
    expect([...PUBLIC_IDEMPOTENT_POSTS].sort()).toEqual(idempotent);
  });

  it('retry the same two routes under /public in API2', () => {
    expect(
      API2_IDEMPOTENT_POSTS.map((p) =>
        p.replace('{id}', '{ticketId}').replace('{rid}', '{followupId}'),
      ),
    ).toEqual(PUBLIC_IDEMPOTENT_POSTS.map((p) => `/public${p}`));
    for (const path of API2_IDEMPOTENT_POSTS) expect(api2Doc.paths[path]?.post).toBeDefined();
  });

  it('check the token payload fields the contract requires', async () => {
    const schemas = publicDoc.components?.schemas ?? {};
    const { decodeChannelReactivationToken } = await import('../src/integration/index.js');
    // Every required field missing in turn must be refused.
    const required = schemas.ChannelReactivationTokenPayload?.required ?? [];
    expect(required.length).toBeGreaterThan(5);
    const full: Record<string, unknown> = {
      accountId: 'a',
      manifestId: 'm',
      userId: 'u',
      origin: 'https://app.socialhub.io',
      channelId: 'c',
      uniqueName: 'n',
      iat: 1,
      exp: 4_102_444_800,
    };
    const jwt = (p: unknown) => `e30.${Buffer.from(JSON.stringify(p)).toString('base64url')}.s`;
    expect(() => decodeChannelReactivationToken(jwt(full))).not.toThrow();
    for (const field of required) {
      const { [field]: _dropped, ...rest } = full;
      expect(() => decodeChannelReactivationToken(jwt(rest)), field).toThrow(/payload has no/);
    }
  });
});
