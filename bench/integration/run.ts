/**
 * @socialhub/integration, side by side in one run:
 *
 * 1. end-to-end actions per second (mock SocialHub → signed webhook → store → handler → reply
 *    confirmed with the success call), on SQLite (one file) and on PostgreSQL (a throwaway server);
 * 2. what the durable write adds to the time until the 200: p50/p99 of the webhook answer for
 *    webhook-kit's respond-first router (answers, then handles) against the integration's intake
 *    (verifies, writes the events to the store, then answers), one event per delivery.
 *
 * Not a test: it asserts nothing about absolute times and prints ratios.
 *   pnpm --filter @socialhub/bench integration      (ACTIONS=500 REQUESTS=2000 to change the effort)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicClient } from '@socialhub/client';
import { createTicket } from '@socialhub/client/integration';
import { createIntegration, defineManifest, type IntegrationStore } from '@socialhub/integration';
import { createPostgresStore } from '@socialhub/integration/postgres';
import { createSqliteStore } from '@socialhub/integration/sqlite';
import { createMockServer } from '@socialhub/mock-server';
import { createWebhookHandler } from '@socialhub/webhook-kit';
import { signDelivery } from '@socialhub/webhook-kit/core';
import { createNodeHandler } from '@socialhub/webhook-kit/node';
import { Agent, request } from 'undici';
import { startPostgres } from '../../packages/integration/test/helpers/postgres-server.ts';
import { perform } from '../../packages/integration/test/helpers/stack.ts';

const ACTIONS = Number(process.env.ACTIONS ?? 500);
const REQUESTS = Number(process.env.REQUESTS ?? 2000);
const SECRET = 'b'.repeat(48);
const label = { en: 'Reply', de: 'Antworten', fr: 'Répondre' };
const manifest = defineManifest({
  ticketActions: [
    { type: 'reply', id: 'reply', label, config: { forceTagging: false, approvalProcess: false } },
  ],
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Actions per second from the first performed action to the last confirmed reply. */
async function endToEnd(store: IntegrationStore): Promise<number> {
  const mock = await createMockServer({
    rateLimit: { limit: 1_000_000, windowMs: 60_000 },
    webhooks: { batchWindowMs: 5 },
  });
  const { accessToken, channel } = await mock.control.createChannel({ name: 'Bench' });
  const server = createServer();
  const url = await listen(server);
  const app = createIntegration({
    manifest,
    store,
    secret: SECRET,
    publicUrl: url,
    socialHubUrl: mock.url,
    workers: { concurrency: 16, pollMs: 20 },
    handlers: {
      reply: (_event, { idempotencyKey }) => ({ networkItemId: `bench-${idempotencyKey}` }),
    },
  });
  server.on('request', app.listener);
  await app.addChannel(accessToken);
  await app.start();
  await app.syncManifest();
  const client = createPublicClient({ baseUrl: mock.url, accessToken });
  const tickets: string[] = [];
  for (let i = 0; i < 50; i++) {
    const created = await createTicket(client, {
      networkItemId: `bench-${i}-${Date.now()}`,
      message: 'hi',
    });
    if (created.status === 201) tickets.push(created.data._id as string);
  }
  const started = performance.now();
  for (let i = 0; i < ACTIONS; i += 10)
    await Promise.all(
      Array.from({ length: 10 }, (_, j) =>
        perform(mock, tickets[(i + j) % tickets.length] as string, 'reply', {
          text: `r${i + j}`,
        }),
      ),
    );
  for (;;) {
    const { done, failed } = await app.stats();
    if (done + failed >= ACTIONS) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const seconds = (performance.now() - started) / 1000;
  const confirmed = (await mock.control.listTickets({ channelId: channel._id as string })).filter(
    (t) => t.followupTo,
  ).length;
  if (confirmed !== ACTIONS)
    throw new Error(`expected ${ACTIONS} confirmed replies, got ${confirmed}`);
  await app.close();
  server.close();
  await mock.close();
  return ACTIONS / seconds;
}

/** p50 / p99 milliseconds until the 200, `REQUESTS` sequential deliveries of one event each. */
async function timeTo200(
  listener: Parameters<typeof createServer>[1],
): Promise<{ p50: number; p99: number }> {
  const server = createServer(listener);
  const url = `${await listen(server)}/webhook`;
  const agent = new Agent({ connections: 1 });
  const times: number[] = [];
  for (let i = 0; i < REQUESTS + 200; i++) {
    const uuid = `8f0f7c1e-3a4b-4c5d-9e6f-${String(i).padStart(12, '0')}`;
    const body = JSON.stringify({
      manifestId: '5e73f56c5a45da10b6e614dd',
      accountId: '5e73f5245a45da10b6e614d8',
      channelId: '5eb47954a545b82b5b522cce',
      events: {
        ticket_action: [
          {
            ticketId: '5eb47a02a545b82b5b522cd1',
            networkItemId: 'cf-0001',
            type: 'reply',
            actionId: 'reply',
            payload: {
              followupId: '2b9c4f0e-6d1a-4e8b-9f3c-5a7d1e2f4b6c',
              text: "Hi Anna, we're on it",
            },
            time: 1588886294126,
            uuid,
          },
        ],
      },
    });
    const { headers } = await signDelivery(body, { secret: SECRET });
    const t0 = performance.now();
    const answer = await request(url, {
      method: 'POST',
      body,
      headers: { ...headers, 'content-type': 'application/json' },
      dispatcher: agent,
    });
    await answer.body.text();
    if (answer.statusCode !== 200) throw new Error(`answered ${answer.statusCode}`);
    if (i >= 200) times.push(performance.now() - t0); // the first 200 warm up
  }
  await agent.close();
  server.close();
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
  return { p50: at(0.5), p99: at(0.99) };
}

/** The integration's intake alone (workers off), on a store. */
function intake(store: IntegrationStore) {
  return createIntegration({
    manifest,
    store,
    secret: SECRET,
    publicUrl: 'http://127.0.0.1:1',
    workers: { enabled: false },
    handlers: { reply: () => ({ networkItemId: 'x' }) },
  });
}

const dir = mkdtempSync(join(tmpdir(), 'socialhub-bench-'));
const pg = await startPostgres();
try {
  const e2eSqlite = await endToEnd(createSqliteStore({ path: join(dir, 'e2e.db') }));
  const pgStore = createPostgresStore({ url: await pg.createDatabase('e2e') });
  const e2ePostgres = await endToEnd(pgStore);
  await pgStore.close();

  const kit = createWebhookHandler({ secret: SECRET, on: { 'ticket_action.reply': () => {} } });
  const respondFirst = await timeTo200(createNodeHandler(kit));
  const sqliteStore = createSqliteStore({ path: join(dir, 'intake.db') });
  const sqliteApp = intake(sqliteStore);
  await sqliteApp.start();
  const durableSqlite = await timeTo200(sqliteApp.listener);
  await sqliteStore.close();
  const normalStore = createSqliteStore({ path: join(dir, 'normal.db'), synchronous: 'normal' });
  const normalApp = intake(normalStore);
  await normalApp.start();
  const durableNormal = await timeTo200(normalApp.listener);
  await normalStore.close();
  const pgIntakeStore = createPostgresStore({ url: await pg.createDatabase('intake') });
  const pgApp = intake(pgIntakeStore);
  await pgApp.start();
  const durablePostgres = await timeTo200(pgApp.listener);
  await pgIntakeStore.close();

  const ms = (n: number) => `${n.toFixed(2)} ms`;
  const ratio = (n: number, base: number) => `${(n / base).toFixed(1)}x`;
  console.log(
    `\nNode ${process.version}, ${ACTIONS} actions end to end, ${REQUESTS} deliveries per intake\n`,
  );
  console.log('| end to end (mock → webhook → store → handler → success call) | actions/s |');
  console.log('| --- | ---: |');
  console.log(`| SQLite (one file, synchronous=full) | ${e2eSqlite.toFixed(0)} |`);
  console.log(`| PostgreSQL (local, one replica) | ${e2ePostgres.toFixed(0)} |`);
  console.log('\n| time until the 200 | p50 | p99 | p50 ÷ respond-first | p99 ÷ respond-first |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  console.log(
    `| webhook-kit respond-first (nothing stored) | ${ms(respondFirst.p50)} | ${ms(respondFirst.p99)} | 1.0x | 1.0x |`,
  );
  for (const [name, r] of [
    ['integration, stored in SQLite first (synchronous=full, the default)', durableSqlite],
    ['integration, stored in SQLite first (synchronous=normal)', durableNormal],
    ['integration, stored in PostgreSQL first', durablePostgres],
  ] as const)
    console.log(
      `| ${name} | ${ms(r.p50)} | ${ms(r.p99)} | ${ratio(r.p50, respondFirst.p50)} | ${ratio(r.p99, respondFirst.p99)} |`,
    );
} finally {
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
