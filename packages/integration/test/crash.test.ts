import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMockServer, type MockServer } from '@socialhub/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './helpers/http.js';
import { type FakeNetwork, startNetwork, waitUntil } from './helpers/network.js';
import { type IntegrationProcess, startProcess } from './helpers/processes.js';
import { actionOutcomes, createTickets, perform } from './helpers/stack.js';

// Real processes, real HTTP, the real mock: the integration is killed with SIGKILL (kill -9)
// right after it answered a delivery with 200, and again in the middle of a handler.
describe('crash: kill -9 after the 200 and in the middle of a handler', () => {
  let mock: MockServer;
  let network: FakeNetwork;
  const processes: IntegrationProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'socialhub-crash-'));

  beforeAll(async () => {
    mock = await createMockServer({
      webhooks: { batchWindowMs: 20, retryDelaysMs: [300, 600, 1200, 2400, 4800] },
    });
    network = await startNetwork();
  });
  afterAll(async () => {
    for (const p of processes) await p.kill();
    await network?.close();
    await mock?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('processes every acknowledged action once per idempotency key, and the mock shows each done', async () => {
    const { channel, accessToken } = await mock.control.createChannel({
      name: 'Crash',
      networkId: 'crash-1',
    });
    const channelId = channel._id as string;
    const port = await freePort();
    const env = {
      STORE_URL: join(dir, 'crash.db'),
      SOCIALHUB_URL: mock.url,
      TOKEN: accessToken,
      SECRET: 'c'.repeat(48),
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      NETWORK_URL: network.url,
      NAME: 'crash',
      LEASE_MS: '1000',
    };

    // 1. Answers 200 (the events are stored), then dies at once: no worker ran.
    const first = await startProcess({ ...env, MODE: 'crash-after-ack', SYNC: '1' });
    processes.push(first);
    const tickets = await createTickets(mock, accessToken, 'crash', 4);
    const uuids: string[] = [];
    for (const ticketId of tickets)
      uuids.push(await perform(mock, ticketId, 'reply', { text: 'hi' }));
    uuids.push(await perform(mock, tickets[0] as string, 'press'));
    expect(await first.exited).toBe('SIGKILL');
    // The first delivery was answered 200 with the right challenge before the process died.
    const deliveries = await mock.control.deliveries({ channelId, kind: 'events' });
    const acked = deliveries.at(-1);
    expect(acked?.attempts[0]?.response?.status).toBe(200);
    expect(acked?.attempts[0]?.isChallengeSolved).toBe(true);
    expect(network.calls.size).toBe(0);

    // 2. Restarted: it takes the stored events and dies inside the first handler, after its effect.
    const second = await startProcess({ ...env, MODE: 'crash-mid-handler' });
    processes.push(second);
    expect(await second.exited).toBe('SIGKILL');
    const crashedKeys = [...network.calls.keys()];
    expect(crashedKeys.length).toBeGreaterThanOrEqual(1);

    // 3. Restarted again: the lease of the killed handler runs out, everything is finished.
    const third = await startProcess({ ...env, MODE: 'normal' });
    processes.push(third);
    await mock.control.settleDeliveries();
    await waitUntil(
      'every action to end',
      async () =>
        (await actionOutcomes(mock, channelId)).actions.every((a) => a.outcome !== 'pending'),
      30_000,
    );
    const { actions, followUps } = await actionOutcomes(mock, channelId);
    expect(actions).toHaveLength(5);
    expect(actions.every((a) => a.outcome === 'succeeded')).toBe(true);
    // One reply ticket per reply: each confirmed once.
    for (const ticketId of tickets) expect(followUps.get(ticketId)).toBe(1);
    // Every idempotency key reached the network; the killed handler's key was called again, with one effect.
    expect([...network.effects.keys()].sort()).toEqual([...uuids].sort());
    expect([...network.effects.values()].every((n) => n === 1)).toBe(true);
    for (const key of crashedKeys) expect(network.calls.get(key)).toBe(2);
    await third.stop();
  });
});
