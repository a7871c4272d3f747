import { createMockServer, type MockServer } from '@socialhub/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './helpers/http.js';
import { type FakeNetwork, startNetwork, waitUntil } from './helpers/network.js';
import { type PostgresServer, startPostgres } from './helpers/postgres-server.js';
import { type IntegrationProcess, startProcess } from './helpers/processes.js';
import { type RoundRobinProxy, startProxy } from './helpers/proxy.js';
import { actionOutcomes, createTickets, perform } from './helpers/stack.js';

const ACTIONS = 1000;
const TICKETS = 100;

// Two integration processes on one PostgreSQL behind one webhook URL that alternates between
// them; 1,000 reply actions performed through the mock; then again with one replica killed.
describe('replicas: two processes on one PostgreSQL behind one webhook URL', () => {
  let pg: PostgresServer;
  let mock: MockServer;
  let network: FakeNetwork;
  let proxy: RoundRobinProxy;
  let storeUrl: string;
  const processes: IntegrationProcess[] = [];

  beforeAll(async () => {
    pg = await startPostgres();
    storeUrl = await pg.createDatabase('replicas');
    mock = await createMockServer({
      rateLimit: { limit: 1_000_000, windowMs: 60_000 },
      webhooks: { batchWindowMs: 10, retryDelaysMs: [200, 400, 800, 1600, 3200] },
    });
    network = await startNetwork();
  });
  afterAll(async () => {
    for (const p of processes) await p.kill();
    await proxy?.close();
    await network?.close();
    await mock?.close();
    await pg?.stop();
  });

  /** `leaseMs`: how long a replica may stall before another takes its events over. */
  async function startReplicas(channel: { accessToken: string }, leaseMs: number) {
    const ports = [await freePort(), await freePort()];
    proxy = await startProxy(ports);
    const env = (name: string, port: number) => ({
      STORE_URL: storeUrl,
      SOCIALHUB_URL: mock.url,
      TOKEN: channel.accessToken,
      SECRET: 'r'.repeat(48),
      PORT: String(port),
      PUBLIC_URL: proxy.url,
      NETWORK_URL: network.url,
      NAME: name,
      LEASE_MS: String(leaseMs),
    });
    const a = await startProcess({ ...env('a', ports[0] as number), SYNC: '1' });
    const b = await startProcess(env('b', ports[1] as number));
    processes.push(a, b);
    return { a, b, ports };
  }

  async function performAll(ticketIds: string[]): Promise<string[]> {
    // Ten community managers at once.
    const uuids: string[] = [];
    for (let i = 0; i < ACTIONS; i += 10) {
      const batch = Array.from({ length: 10 }, (_, j) =>
        perform(mock, ticketIds[(i + j) % ticketIds.length] as string, 'reply', {
          text: `reply ${i + j}`,
        }),
      );
      uuids.push(...(await Promise.all(batch)));
    }
    return uuids;
  }

  async function allEnded(channelId: string) {
    await waitUntil('every key at the network', () => network.effects.size >= ACTIONS, 60_000);
    await waitUntil(
      `all ${ACTIONS} actions to end`,
      async () => {
        const { actions } = await actionOutcomes(mock, channelId);
        return actions.length === ACTIONS && actions.every((a) => a.outcome !== 'pending');
      },
      60_000,
      250,
    );
    return actionOutcomes(mock, channelId);
  }

  it('handles each of 1,000 actions exactly once, none lost, both replicas working', async () => {
    const { channel, accessToken } = await mock.control.createChannel({
      name: 'Replicas',
      networkId: 'replicas-1',
    });
    const channelId = channel._id as string;
    // A long lease: on a loaded machine a stalled replica must not look dead.
    const { a, b, ports } = await startReplicas({ accessToken }, 15_000);
    const tickets = await createTickets(mock, accessToken, 'rep', TICKETS);
    network.calls.clear();
    network.effects.clear();
    network.byReplica.clear();
    const uuids = await performAll(tickets);
    const { actions, followUps } = await allEnded(channelId);
    expect(actions.every((x) => x.outcome === 'succeeded')).toBe(true);
    expect([...followUps.values()].reduce((n, x) => n + x, 0)).toBe(ACTIONS);
    // Exactly once: every key called once, by one replica.
    expect(network.calls.size).toBe(ACTIONS);
    expect(new Set(uuids)).toEqual(new Set(network.calls.keys()));
    expect([...network.calls.values()].every((n) => n === 1)).toBe(true);
    expect(network.byReplica.get('a')).toBeGreaterThan(0);
    expect(network.byReplica.get('b')).toBeGreaterThan(0);
    expect(proxy.forwarded.get(ports[0] as number)).toBeGreaterThan(0);
    expect(proxy.forwarded.get(ports[1] as number)).toBeGreaterThan(0);
    await Promise.all([a.stop(), b.stop()]);
    await proxy.close();
  }, 180_000);

  it('loses nothing when one replica is killed mid-run: effects once per key', async () => {
    const { channel, accessToken } = await mock.control.createChannel({
      name: 'Replicas 2',
      networkId: 'replicas-2',
    });
    const channelId = channel._id as string;
    const { a, b } = await startReplicas({ accessToken }, 3000);
    const tickets = await createTickets(mock, accessToken, 'kill', TICKETS);
    network.calls.clear();
    network.effects.clear();
    const performing = performAll(tickets);
    await waitUntil('a third of the work', () => network.calls.size >= ACTIONS / 3, 60_000);
    await a.kill();
    const uuids = await performing;
    const { actions, followUps } = await allEnded(channelId);
    expect(a.child.signalCode).toBe('SIGKILL');
    expect(actions.every((x) => x.outcome === 'succeeded')).toBe(true);
    expect([...followUps.values()].reduce((n, x) => n + x, 0)).toBe(ACTIONS);
    expect(new Set(uuids)).toEqual(new Set(network.effects.keys()));
    expect([...network.effects.values()].every((n) => n === 1)).toBe(true);
    // Only what the killed replica had in flight ran twice.
    const twice = [...network.calls.values()].filter((n) => n > 1).length;
    expect(twice).toBeLessThanOrEqual(8);
    await b.stop();
  }, 180_000);
});
