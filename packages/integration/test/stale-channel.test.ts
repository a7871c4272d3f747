import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicClient } from '@socialhub/client';
import { createMockServer, type MockServer } from '@socialhub/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntegration, defineManifest, type Integration } from '../src/index.js';
import { createSqliteStore } from '../src/stores/sqlite-store.js';
import type { IntegrationStore } from '../src/stores/store.js';
import { freePort } from './helpers/http.js';

const label = (en: string) => ({ en, de: en, fr: en });
const manifest = defineManifest({
  ticketActions: [{ type: 'button', id: 'close', label: label('Close') }],
});
const SECRET = 's'.repeat(40);
// The next `GET /` answers 401, as for a token revoked since it was stored.
const REVOKED_ONCE = {
  method: 'GET',
  path: '/',
  status: 401,
  body: { code: 'AccessTokenInvalidError', message: 'Error: Invalid Access Token' },
  times: 1,
} as const;

// A store outlives tokens: a channel whose token SocialHub no longer accepts must not keep
// `listen()` (and so every other channel) from starting.
describe('listen() with a stored channel whose token SocialHub refuses', () => {
  let mock: MockServer;
  let store: IntegrationStore;
  let app: Integration | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'socialhub-integration-stale-'));
  const tokens: string[] = [];
  const channelIds: string[] = [];

  beforeAll(async () => {
    mock = await createMockServer();
    for (const name of ['Forum A', 'Forum B']) {
      const created = await mock.control.createChannel({ name });
      tokens.push(created.accessToken);
      channelIds.push(created.channel._id as string);
    }
    store = createSqliteStore({ path: join(dir, 'app.db') });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    await mock?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('marks that channel unauthorized, reports it, and sets the manifest of the others', async () => {
    const errors: unknown[] = [];
    const port = await freePort();
    app = createIntegration({
      manifest,
      store,
      secret: SECRET,
      publicUrl: `http://127.0.0.1:${port}`,
      socialHubUrl: mock.url,
      onError: (error) => errors.push(error),
      log: () => {},
      handlers: { close: () => {} },
    });
    for (const token of tokens) await app.addChannel(token);
    await mock.control.addFault(REVOKED_ONCE);

    await app.listen({ port });

    const statuses = await Promise.all(
      channelIds.map(async (id) => (await app?.getChannel(id))?.status),
    );
    expect([...statuses].sort()).toEqual(['active', 'unauthorized']);
    expect(errors).toHaveLength(1);
    expect(String((errors[0] as Error).message)).toMatch(
      /is unauthorized; its manifest was not set/,
    );
    const active = channelIds[statuses.indexOf('active')] as string;
    const token = tokens[channelIds.indexOf(active)] as string;
    const info = await createPublicClient({ baseUrl: mock.url, accessToken: token }).GET('/');
    if (info.status !== 200) throw new Error(`GET / answered ${info.status}`);
    expect(info.data.manifest?.webhook?.url).toBe(`http://127.0.0.1:${port}/webhook`);
    // Asked for that one channel by name, the refusal is an error, not a silent skip.
    const stale = channelIds[statuses.indexOf('unauthorized')] as string;
    await mock.control.addFault(REVOKED_ONCE);
    await expect(app.syncManifest(stale)).rejects.toThrow(/is unauthorized/);
  });
});
