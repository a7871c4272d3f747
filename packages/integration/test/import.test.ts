import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMockServer, type MockServer } from '@socialhub/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntegration, defineManifest } from '../src/index.js';
import { createSqliteStore } from '../src/stores/sqlite-store.js';
import { waitUntil } from './helpers/network.js';

const manifest = defineManifest({
  ticketActions: [{ type: 'button', id: 'like', label: { en: 'Like', de: 'Like', fr: 'Like' } }],
});

// The import queue is durable: queued by one process, finished by the next after a restart,
// through a 429 with Retry-After.
describe('importTickets across a restart', () => {
  let mock: MockServer;
  const dir = mkdtempSync(join(tmpdir(), 'socialhub-import-'));
  beforeAll(async () => {
    mock = await createMockServer();
  });
  afterAll(async () => {
    await mock?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The `networkItemId`s of `POST /inbox/tickets`, in the order they were sent. */
  const sent: string[] = [];
  const recordingFetch = async (request: Request) => {
    if (request.method === 'POST' && new URL(request.url).pathname === '/inbox/tickets')
      sent.push(
        ((await request.clone().json()) as { interaction: { networkItemId: string } }).interaction
          .networkItemId,
      );
    return fetch(request);
  };

  const open = (enabled: boolean) => {
    const store = createSqliteStore({ path: join(dir, 'import.db') });
    const app = createIntegration({
      manifest,
      store,
      secret: 'i'.repeat(40),
      publicUrl: 'http://127.0.0.1:9',
      socialHubUrl: mock.url,
      fetch: recordingFetch,
      workers: { enabled, pollMs: 20 },
      onError: () => {},
      handlers: { like: () => {} },
    });
    return { app, store };
  };

  it('resumes where it stopped and waits out Retry-After, roots first', async () => {
    const { channel, accessToken } = await mock.control.createChannel({ name: 'Import' });
    const channelId = channel._id as string;
    const items = Array.from({ length: 12 }, (_, i) =>
      i % 3 === 0
        ? { networkItemId: `thread-${i}`, message: `thread ${i}` }
        : {
            networkItemId: `comment-${i}`,
            message: `comment ${i}`,
            root: { rootId: `thread-${i - (i % 3)}` },
          },
    );
    const first = open(false);
    await first.app.addChannel(accessToken);
    expect(await first.app.importTickets(channelId, items.reverse())).toEqual({
      added: 12,
      skipped: 0,
    });
    expect(await first.app.importProgress(channelId)).toEqual({
      total: 12,
      pending: 12,
      done: 0,
      failed: 0,
    });
    await first.app.close();
    await first.store.close();

    await mock.control.addFault({
      method: 'POST',
      path: '/inbox/tickets',
      status: 429,
      headers: { 'retry-after': '1' },
      body: { code: 'TooManyRequestsError', message: 'slow down' },
      times: 1,
    });
    const started = Date.now();
    const second = open(true);
    await second.app.start();
    await waitUntil(
      'the import',
      async () => (await second.app.importProgress(channelId)).done === 12,
      20_000,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const tickets = await mock.control.listTickets({ channelId });
    expect(tickets).toHaveLength(12);
    // Roots were sent before their comments (though queued last), so none is a hidden placeholder.
    expect(tickets.filter((t) => t.isHidden)).toEqual([]);
    const firstComment = sent.findIndex((id) => id.startsWith('comment-'));
    expect(new Set(sent.slice(0, firstComment)).size).toBe(4);
    expect(sent.slice(0, firstComment).every((id) => id.startsWith('thread-'))).toBe(true);
    // The 429 made the first ticket be sent twice; nothing else was.
    expect(sent).toHaveLength(13);
    await second.app.close();
    await second.store.close();
  });
});
