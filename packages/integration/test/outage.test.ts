import { createMockServer, type MockServer } from '@socialhub/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntegration, defineManifest, type Integration } from '../src/index.js';
import { createMemoryStore } from '../src/stores/memory-store.js';
import { freePort } from './helpers/http.js';
import { type FakeNetwork, send, startNetwork, waitUntil } from './helpers/network.js';
import { actionOutcomes, createTickets, perform } from './helpers/stack.js';

const label = (en: string) => ({ en, de: en, fr: en });
const manifest = defineManifest({
  ticketActions: [
    {
      type: 'reply',
      id: 'reply',
      label: label('Reply'),
      config: { forceTagging: false, approvalProcess: false },
    },
  ],
});

// The network the handler posts to is down for a while: actions retry with backoff and succeed
// once it is back; past the retry budget they are reported failed in the Inbox with the reason.
describe('outage of the network', () => {
  let mock: MockServer;
  let network: FakeNetwork;
  let app: Integration;
  let channelId: string;
  let accessToken: string;
  const failures: unknown[] = [];

  beforeAll(async () => {
    mock = await createMockServer({ webhooks: { batchWindowMs: 5 } });
    network = await startNetwork();
    const created = await mock.control.createChannel({ name: 'Outage', networkId: 'outage-1' });
    channelId = created.channel._id as string;
    accessToken = created.accessToken;
    const port = await freePort();
    app = createIntegration({
      manifest,
      store: createMemoryStore(),
      secret: 'o'.repeat(40),
      publicUrl: `http://127.0.0.1:${port}`,
      socialHubUrl: mock.url,
      workers: { pollMs: 20 },
      retry: { baseDelayMs: 100, maxDelayMs: 400, maxAttempts: 6 },
      onError: (error) => failures.push(error),
      handlers: {
        reply: async (_event, { idempotencyKey }) => ({
          networkItemId: await send(network.url, idempotencyKey),
        }),
      },
    });
    await app.addChannel(accessToken);
    await app.listen({ port });
  });
  afterAll(async () => {
    await app?.close();
    await network?.close();
    await mock?.close();
  });

  it('retries with backoff while the network is down, and succeeds once it recovers', async () => {
    const [ticketId] = await createTickets(mock, accessToken, 'outage', 1);
    network.failing = true;
    const uuid = await perform(mock, ticketId as string, 'reply', { text: 'hello' });
    await mock.control.settleDeliveries();
    await waitUntil('three failed attempts', async () => failures.length >= 3, 10_000);
    expect((await actionOutcomes(mock, channelId)).actions[0]?.outcome).toBe('pending');
    network.failing = false;
    await waitUntil(
      'success',
      async () => (await actionOutcomes(mock, channelId)).actions[0]?.outcome === 'succeeded',
      10_000,
    );
    expect(network.calls.get(uuid)).toBe(1);
  });

  it('reports the action failed with the reason once the retry budget is spent', async () => {
    const [ticketId] = await createTickets(mock, accessToken, 'down', 1);
    network.failing = true;
    await perform(mock, ticketId as string, 'reply', { text: 'hello again' });
    await mock.control.settleDeliveries();
    const last = async () =>
      (await actionOutcomes(mock, channelId)).actions.find((a) => a.ticketId === ticketId);
    await waitUntil('the reset', async () => (await last())?.outcome === 'failed', 15_000);
    expect((await last())?.error).toBe('Failed after 6 attempts: the network answered 503');
    await waitUntil('recorded as failed', async () => (await app.stats()).failed === 1);
    network.failing = false;
  });
});
