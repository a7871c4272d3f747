import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { createPublicClient } from '@socialhub/client';
import { createTicket } from '@socialhub/client/integration';
import { createMockServer, type MockServer } from '@socialhub/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActionFailedError,
  createIntegration,
  defineManifest,
  type Integration,
} from '../src/index.js';
import { createSqliteStore } from '../src/stores/sqlite-store.js';
import type { IntegrationStore } from '../src/stores/store.js';
import { freePort } from './helpers/http.js';
import { type FakeNetwork, send, startNetwork, waitUntil } from './helpers/network.js';
import { api2, perform } from './helpers/stack.js';

const label = (en: string) => ({ en, de: en, fr: en });
const quick = { forceTagging: false } as const;
const manifest = defineManifest({
  ticketActions: [
    {
      type: 'reply',
      id: 'reply-by-email',
      label: label('Reply'),
      config: { ...quick, approvalProcess: false },
    },
    { type: 'button', id: 'close', label: label('Close'), config: quick },
    { type: 'button', id: 'crm', label: label('Send to CRM'), config: quick },
    { type: 'delete', id: 'delete', label: label('Delete'), config: quick },
  ],
});
const SECRET = 's'.repeat(40);

describe('createIntegration against the mock SocialHub', () => {
  let mock: MockServer;
  let network: FakeNetwork;
  let store: IntegrationStore;
  let app: Integration;
  let url: string;
  let channelId: string;
  let accessToken: string;
  let manifestId: string;
  const dir = mkdtempSync(join(tmpdir(), 'socialhub-integration-'));
  const errors: unknown[] = [];
  const notices: string[] = [];
  const disabled: string[] = [];

  const ticket = async (networkItemId: string) => {
    const client = createPublicClient({ baseUrl: mock.url, accessToken });
    const created = await createTicket(client, {
      networkItemId,
      message: 'Hello?',
      interactor: { interactorId: 'user-1', name: 'Anna' },
    });
    if (created.status !== 201) throw new Error(`ticket: ${created.status}`);
    return created.data._id as string;
  };
  const actionOf = async (ticketId: string) => {
    const tickets = await mock.control.listTickets({ channelId });
    return tickets.find((t) => t._id === ticketId)?.actions.at(-1);
  };
  const settled = async (ticketId: string) => {
    await mock.control.settleDeliveries();
    await waitUntil(
      'the action to end',
      async () => (await actionOf(ticketId))?.outcome !== 'pending',
    );
    return actionOf(ticketId);
  };

  beforeAll(async () => {
    mock = await createMockServer({ webhooks: { retryDelaysMs: [100, 200], batchWindowMs: 5 } });
    network = await startNetwork();
    const created = await mock.control.createChannel({ name: 'Forum', networkId: 'forum-1' });
    channelId = created.channel._id as string;
    manifestId = created.channel.manifestId;
    accessToken = created.accessToken;
    store = createSqliteStore({ path: join(dir, 'app.db') });
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    app = createIntegration({
      manifest,
      store,
      secret: SECRET,
      publicUrl: url,
      socialHubUrl: mock.url,
      workers: { pollMs: 50, leaseMs: 2000 },
      retry: { baseDelayMs: 50, maxDelayMs: 200, maxAttempts: 3 },
      isAllowedOrigin: (origin) => origin.origin === new URL(mock.url).origin,
      rateLimitPauseMs: 300,
      onChannelDisabled: (id) => {
        disabled.push(id);
      },
      onError: (error) => errors.push(error),
      log: (line) => notices.push(line),
      handlers: {
        'reply-by-email': async (event, { idempotencyKey }) => ({
          networkItemId: await send(network.url, `${idempotencyKey}`),
          createdTime: new Date(event.time).toISOString(),
        }),
        close: async (_event, { idempotencyKey }) => {
          await send(network.url, idempotencyKey);
        },
        crm: () => {
          throw new ActionFailedError('The CRM is not connected');
        },
        delete: () => {},
      },
    });
    await app.addChannel(accessToken, 'Forum');
    await app.listen({ port });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    await network?.close();
    await mock?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('set the manifest once its webhook was live, and only where it differs', async () => {
    const [test] = await mock.control.deliveries({ channelId, kind: 'test' });
    expect(test?.outcome).toBe('delivered');
    const info = await createPublicClient({ baseUrl: mock.url, accessToken }).GET('/');
    if (info.status !== 200) throw new Error('GET /');
    expect(info.data.manifest?.webhook?.url).toBe(`${url}/webhook`);
    expect(info.data.manifest?.callbacks?.channelReactivation).toBe(`${url}/reactivate-channel`);
    expect(info.data.manifest?.inbox?.ticketActions?.map((a) => a.id)).toEqual([
      'reply-by-email',
      'close',
      'crm',
      'delete',
    ]);
    expect(await app.syncManifest()).toEqual([{ channelId, outcome: 'unchanged', changed: [] }]);
  });

  it('confirms a reply with the network id of the posted reply', async () => {
    const ticketId = await ticket('post-000001');
    const uuid = await perform(mock, ticketId, 'reply-by-email', {
      text: 'Thanks!',
    });
    const action = await settled(ticketId);
    expect(action).toMatchObject({ outcome: 'succeeded' });
    const followUp = (await mock.control.listTickets({ channelId })).find(
      (t) => t.followupTo?.followupToId === ticketId,
    );
    expect(followUp?.interaction.networkItemId).toBe(`net-${uuid}`);
    expect(network.calls.get(uuid)).toBe(1);
    // The mock saw the confirmation; the worker records it right after the answer.
    await waitUntil('done', async () => (await store.getEvent(uuid))?.status === 'done');
  });

  it('runs buttons and deletes, and reports a failure with its reason', async () => {
    const ticketId = await ticket('post-000002');
    const close = { event: { uuid: await perform(mock, ticketId, 'close') } };
    expect(await settled(ticketId)).toMatchObject({ outcome: 'succeeded' });
    await waitUntil(
      'close done',
      async () => (await store.getEvent(close.event.uuid))?.status === 'done',
    );
    expect(network.effects.get(close.event.uuid)).toBe(1);
    const crm = { event: { uuid: await perform(mock, ticketId, 'crm') } };
    await mock.control.settleDeliveries();
    await waitUntil('crm reset', async () => (await actionOf(ticketId))?.outcome === 'failed');
    expect(await actionOf(ticketId)).toMatchObject({
      outcome: 'failed',
      error: 'The CRM is not connected',
    });
    await waitUntil(
      'crm failed',
      async () => (await store.getEvent(crm.event.uuid))?.status === 'failed',
    );
    expect(await store.getEvent(crm.event.uuid)).toMatchObject({
      status: 'failed',
      error: 'The CRM is not connected',
    });
    const del = { event: { uuid: await perform(mock, ticketId, 'delete') } };
    await mock.control.settleDeliveries();
    await waitUntil(
      'delete done',
      async () => (await store.getEvent(del.event.uuid))?.status === 'done',
    );
  });

  it('answers a redelivered event without running it again', async () => {
    const ticketId = await ticket('post-000003');
    const uuid = await perform(mock, ticketId, 'close');
    await settled(ticketId);
    await waitUntil('done', async () => (await store.getEvent(uuid))?.status === 'done');
    // The same delivery again (SocialHub retries when it missed an answer).
    const [delivery] = await mock.control.deliveries({ channelId, kind: 'events', limit: 1 });
    const request = delivery?.request as { body: string };
    const { signDelivery } = await import('@socialhub/webhook-kit/core');
    const signed = await signDelivery(request.body, { secret: SECRET });
    const again = await fetch(`${url}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signed.headers },
      body: request.body,
    });
    expect(again.status).toBe(200);
    expect(again.headers.get('x-socialhub-challenge')).toBe(signed.challenge);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(network.calls.get(uuid)).toBe(1);
  });

  it('refuses forged and malformed deliveries with a JSON { code, message }', async () => {
    const forged = await fetch(`${url}/webhook`, {
      method: 'POST',
      headers: {
        'x-socialhub-timestamp': String(Date.now()),
        'x-socialhub-signature': 'a'.repeat(64),
      },
      body: '{"events":{}}',
    });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ code: 'invalid_signature' });
    const { signDelivery } = await import('@socialhub/webhook-kit/core');
    const body = '{"not":"a delivery"}';
    const signed = await signDelivery(body, { secret: SECRET });
    const bad = await fetch(`${url}/webhook`, { method: 'POST', headers: signed.headers, body });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'invalid_argument' });
    expect((await fetch(`${url}/webhook`)).status).toBe(405);
    expect((await fetch(`${url}/nope`)).status).toBe(404);
  });

  it('waits out a 429 with Retry-After, then finishes', async () => {
    const ticketId = await ticket('post-000004');
    await mock.control.addFault({
      method: 'POST',
      path: '/inbox/tickets/*/replies/*/success',
      status: 429,
      headers: { 'retry-after': '1' },
      body: { code: 'TooManyRequestsError', message: 'slow down' },
      times: 1,
    });
    const started = Date.now();
    await perform(mock, ticketId, 'reply-by-email', { text: 'later' });
    expect(await settled(ticketId)).toMatchObject({ outcome: 'succeeded' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('marks a channel whose token answers 401, and resumes its work when a new token comes', async () => {
    const ticketId = await ticket('post-000005');
    await mock.control.addFault({
      method: 'POST',
      path: '/inbox/tickets/*/replies/*/success',
      status: 401,
      body: { code: 'AccessTokenInvalidError', message: 'Error: Invalid Access Token' },
      times: 1,
    });
    const uuid = await perform(mock, ticketId, 'reply-by-email', { text: 'x' });
    await mock.control.settleDeliveries();
    await waitUntil(
      'unauthorized',
      async () => (await app.getChannel(channelId))?.status === 'unauthorized',
    );
    await waitUntil(
      'back in the queue',
      async () => (await store.getEvent(uuid))?.status === 'pending',
    );
    await app.addChannel(accessToken); // the customer's new token
    await waitUntil('done', async () => (await store.getEvent(uuid))?.status === 'done');
    expect(network.calls.get(uuid)).toBe(1); // the handler did not run again
  });

  it('says once that a promoted manifest cannot be set', async () => {
    await mock.control.promoteManifest(manifestId, { name: 'Forum' });
    expect((await app.syncManifest())[0]?.outcome).toBe('reusable');
    expect((await app.syncManifest())[0]?.outcome).toBe('reusable');
    expect(notices.filter((line) => line.includes('reusable'))).toHaveLength(1);
  });

  it('stops a disabled channel, and the reactivation callback stores its new token and resumes it', async () => {
    expect((await api2(mock, 'DELETE', `/channels/${channelId}`)).status).toBe(204);
    await mock.control.settleDeliveries();
    await waitUntil(
      'disabled',
      async () => (await app.getChannel(channelId))?.status === 'disabled',
    );
    await waitUntil('onChannelDisabled', () => disabled.includes(channelId));
    const redirect = await api2(
      mock,
      'GET',
      `/manifests/${manifestId}/callbacks/channelReactivation?channelId=${channelId}`,
    );
    const answer = await fetch(redirect.location as string, { redirect: 'manual' });
    expect(answer.status).toBe(303);
    expect((await app.getChannel(channelId))?.status).toBe('active');
    const stored = await store.getChannel(channelId);
    expect(stored?.accessToken).not.toBe(accessToken);
    accessToken = stored?.accessToken as string;
    const ticketId = await ticket('post-000006');
    await perform(mock, ticketId, 'close');
    expect(await settled(ticketId)).toMatchObject({ outcome: 'succeeded' });
  });

  it('imports tickets once, roots first, under the rate limit, with progress', async () => {
    await mock.control.configure({ rateLimit: { limit: 8, windowMs: 1000, channelId } });
    const tickets = [
      ...Array.from({ length: 6 }, (_, i) => ({
        networkItemId: `reply-${i}`,
        message: `reply ${i}`,
        root: { rootId: `root-${i % 2}` },
      })),
      { networkItemId: 'root-0', message: 'root 0' },
      { networkItemId: 'root-1', message: 'root 1' },
      { networkItemId: 'post-000001', message: 'was there before' },
    ];
    expect(await app.importTickets(channelId, tickets)).toEqual({ added: 9, skipped: 0 });
    expect(await app.importTickets(channelId, tickets.slice(0, 3))).toEqual({
      added: 0,
      skipped: 3,
    });
    await waitUntil(
      'imported',
      async () => (await app.importProgress(channelId)).pending === 0,
      30_000,
    );
    expect(await app.importProgress(channelId)).toEqual({
      total: 9,
      pending: 0,
      done: 9,
      failed: 0,
    });
    const all = await mock.control.listTickets({ channelId });
    const root0 = all.find((t) => t.interaction.networkItemId === 'root-0');
    // Imported before its replies: not a hidden placeholder filled in later.
    expect(root0?.isHidden).toBe(false);
    expect(all.filter((t) => t.interaction.networkItemId?.startsWith('reply-'))).toHaveLength(6);
    await mock.control.configure({ rateLimit: { limit: 1000, windowMs: 60_000, channelId } });
    await expect(app.importTickets('f'.repeat(24), tickets)).rejects.toMatchObject({
      code: 'unknown_channel',
    });
    await expect(
      app.importTickets(channelId, [{ message: 'no id' } as never]),
    ).rejects.toMatchObject({ code: 'invalid_argument' });
  });

  it('never shows a token or the secret through util.inspect', async () => {
    const printed =
      inspect(app, { showHidden: true, depth: 6 }) + inspect(await app.channels(), { depth: 6 });
    expect(printed).not.toContain(accessToken);
    expect(printed).not.toContain(SECRET);
    for (const error of errors) expect(inspect(error, { depth: 6 })).not.toContain(accessToken);
  });
});
