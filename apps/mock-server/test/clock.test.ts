import { verifyDelivery } from '@socialhub/webhook-kit';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createMockClock,
  createMockServer,
  MockClockError,
  type MockServer,
} from '../src/index.js';
import {
  call,
  label,
  performAction,
  SECRET,
  setManifest,
  startAddChannel,
  startReceiver,
} from './helpers.js';

describe('the controllable clock (mock.clock, POST /_mock/clock)', () => {
  const closers: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  const start = async () => {
    const mock = await createMockServer({ webhooks: 'fast', ui: false });
    closers.push(() => mock.close());
    return mock;
  };

  it('advances, sets and resets over a base clock, and refuses what is not a time', () => {
    let base = 1_000_000;
    const clock = createMockClock(() => base);
    expect(clock.advance('31m')).toBe(1_000_000 + 31 * 60_000);
    base += 5;
    expect(clock.now()).toBe(1_000_005 + 31 * 60_000);
    expect(clock.advance(10)).toBe(1_000_015 + 31 * 60_000);
    expect(clock.set('2030-01-01T00:00:00.000Z')).toBe(Date.parse('2030-01-01T00:00:00.000Z'));
    clock.reset();
    expect(clock.now()).toBe(base);
    expect(clock.offsetMs).toBe(0);
    expect(() => clock.advance('soon')).toThrow(MockClockError);
    expect(() => clock.advance(-1)).toThrow(/only advances/);
    expect(() => clock.set('yesterday')).toThrow(/is not a time/);
  });

  it('expires an "Add Channel" token after 30 minutes', async () => {
    const mock = await start();
    const manifest = await mock.control.createManifest({
      name: 'Shop reviews',
      manifest: { callbacks: { channelCreation: 'https://integration.example.com/create' } },
    });
    const fresh = await startAddChannel(mock, manifest._id ?? '');
    const stale = await startAddChannel(mock, manifest._id ?? '');
    const body = { name: 'Shop', uniqueName: 'Shop (1)', networkId: 'shop-1' };
    mock.clock.advance('29m');
    expect((await call(mock, 'POST', '/channels', { token: fresh.token, body })).status).toBe(201);
    mock.clock.advance('2m');
    const expired = await call(mock, 'POST', '/channels', {
      token: stale.token,
      body: { ...body, uniqueName: 'Shop (2)', networkId: 'shop-2' },
    });
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('AccessTokenInvalidError');
  });

  it('runs a ticket action timeout out; webhooks stay signed on the real clock', async () => {
    const mock = await start();
    const receiver = await startReceiver();
    closers.push(() => receiver.close());
    const { accessToken } = await mock.control.createChannel({ name: 'Forum' });
    await setManifest(mock, accessToken, {
      webhook: { url: receiver.url, secret: SECRET },
      inbox: {
        ticketActions: [
          {
            type: 'button',
            id: 'escalate',
            label: label('Escalate'),
            config: { timeout: { duration: '24h', after: 'networkCreationTime' } },
          },
        ],
      },
    });
    const ticket = await call(mock, 'POST', '/inbox/tickets', {
      token: accessToken,
      body: { interaction: { networkItemId: 'question-000001', message: 'Hi?' } },
    });
    const performed = await performAction(mock, ticket.body._id, 'escalate');
    expect((await mock.waitForAction(performed)).outcome).toBe('succeeded');
    // Over HTTP too: the route answers the clock's time and offset.
    const moved = await call(mock, 'POST', '/_mock/clock', { body: { advance: '1 day' } });
    expect(moved.status).toBe(200);
    expect(moved.body.offsetMs).toBe(86_400_000);
    await expect(performAction(mock, ticket.body._id, 'escalate')).rejects.toMatchObject({
      status: 409,
      code: 'ActionNotAvailable',
    });
    // A delivery made now is signed with the real time, which the receiver's clock accepts.
    await call(mock, 'POST', '/_mock/clock', { body: { reset: true } });
    const again = await performAction(mock, ticket.body._id, 'escalate');
    mock.clock.advance('1h');
    const delivery = await mock.waitForDelivery({ eventUuid: again.event.uuid });
    expect(delivery.outcome).toBe('delivered');
    expect(
      Math.abs(Number(delivery.request.headers['x-socialhub-timestamp']) - Date.now()),
    ).toBeLessThan(60_000);
    const last = receiver.requests.at(-1);
    await expect(
      verifyDelivery(last?.body ?? '', last?.headers ?? {}, { secret: SECRET }),
    ).resolves.toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers 400 for a clock input that is not a duration or a time', async () => {
    const mock: MockServer = await start();
    for (const body of [
      {},
      { advance: 'soon' },
      { advance: -5 },
      { set: 'x' },
      { advance: 1, reset: true },
    ]) {
      const answer = await call(mock, 'POST', '/_mock/clock', { body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.code).toBe('ValidationError');
    }
    expect((await call(mock, 'GET', '/_mock/clock')).body.offsetMs).toBe(0);
    const listed = (await call(mock, 'GET', '/_mock')).body.routes.map(
      (r: { method: string; path: string }) => `${r.method} ${r.path}`,
    );
    expect(listed).toEqual(
      expect.arrayContaining([
        'POST /_mock/clock',
        'GET /_mock/wait/action',
        'GET /_mock/wait/delivery',
      ]),
    );
  });
});
