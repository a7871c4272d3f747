import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingEvent, IntegrationStore } from '../../src/stores/store.js';

/** Makes a fresh, migrated store per test; `cleanup` runs after all tests of the engine. */
export interface StoreFactory {
  create(): Promise<IntegrationStore>;
  cleanup?(): Promise<void>;
}

const T0 = 1_700_000_000_000;
let counter = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

/** A `ticket_action.reply` event of `channelId`. */
export function replyEvent(channelId: string, id = uuid()): IncomingEvent {
  return {
    uuid: id,
    channelId,
    accountId: 'a'.repeat(24),
    manifestId: 'm'.repeat(24),
    eventType: 'ticket_action.reply',
    body: { uuid: id, type: 'reply', payload: { followupId: 'f1', text: 'Grüße ✓' } },
  };
}

const channel = (channelId: string) => ({
  channelId,
  accountId: 'a'.repeat(24),
  accessToken: `token-of-${channelId}`,
  name: `Channel ${channelId}`,
});

/** The one conformance suite every `IntegrationStore` engine must pass. */
export function describeStoreContract(engine: string, factory: StoreFactory): void {
  describe(`IntegrationStore contract: ${engine}`, () => {
    const stores: IntegrationStore[] = [];
    const fresh = async () => {
      const store = await factory.create();
      await store.migrate();
      await store.migrate(); // idempotent
      stores.push(store);
      return store;
    };
    beforeAll(() => {
      counter = 0;
    });
    afterAll(async () => {
      for (const store of stores) await store.close();
      await factory.cleanup?.();
    });

    it('names its engine', async () => {
      expect((await fresh()).engine).toBe(engine);
    });

    it('adds events once per uuid, within one delivery and across deliveries', async () => {
      const store = await fresh();
      const a = replyEvent('c1');
      const b = replyEvent('c1');
      expect(await store.addEvents([a, b, a], T0)).toEqual({ added: 2 });
      expect(await store.addEvents([b], T0 + 1)).toEqual({ added: 0 });
      const stored = await store.getEvent(a.uuid);
      expect(stored).toMatchObject({
        uuid: a.uuid,
        channelId: 'c1',
        eventType: 'ticket_action.reply',
        status: 'pending',
        attempts: 0,
        runAt: T0,
        leaseOwner: null,
        result: null,
        error: null,
      });
      expect(stored?.body).toEqual(a.body);
      expect(await store.countEvents()).toEqual({ pending: 2, running: 0, done: 0, failed: 0 });
      expect(await store.getEvent('missing')).toBeUndefined();
    });

    it('leases due events to one owner and fences writes by the lease', async () => {
      const store = await fresh();
      const [a, b] = [replyEvent('c1'), replyEvent('c1')];
      await store.addEvents([a, b], T0);
      const first = await store.claimEvents({ owner: 'w1', limit: 1, leaseMs: 1000, now: T0 });
      expect(first).toHaveLength(1);
      expect(first[0]).toMatchObject({
        status: 'running',
        attempts: 1,
        leaseOwner: 'w1',
        leaseUntil: T0 + 1000,
      });
      const second = await store.claimEvents({ owner: 'w2', limit: 5, leaseMs: 1000, now: T0 });
      expect(second.map((e) => e.uuid)).not.toContain(first[0]?.uuid);
      expect(second).toHaveLength(1);
      expect(await store.updateEvent(second[0]?.uuid as string, 'w2', { status: 'done' }, T0)).toBe(
        true,
      );
      expect(await store.claimEvents({ owner: 'w3', limit: 5, leaseMs: 1000, now: T0 })).toEqual(
        [],
      );

      const id = first[0]?.uuid as string;
      expect(await store.updateEvent(id, 'w2', { status: 'done' }, T0)).toBe(false);
      expect(await store.extendLease(id, 'w1', T0 + 5000)).toBe(true);
      expect(
        await store.claimEvents({ owner: 'w3', limit: 5, leaseMs: 1000, now: T0 + 2000 }),
      ).toEqual([]);
      // The lease runs out: another worker takes the event; the first can no longer write.
      const taken = await store.claimEvents({
        owner: 'w3',
        limit: 5,
        leaseMs: 1000,
        now: T0 + 6000,
      });
      expect(taken.map((e) => e.uuid)).toContain(id);
      expect(taken.find((e) => e.uuid === id)?.attempts).toBe(2);
      expect(await store.updateEvent(id, 'w1', { status: 'done' }, T0 + 6000)).toBe(false);
      expect(await store.extendLease(id, 'w1', T0 + 9000)).toBe(false);
      expect(await store.updateEvent(id, 'w3', { status: 'done' }, T0 + 6001)).toBe(true);
      expect(await store.getEvent(id)).toMatchObject({
        status: 'done',
        leaseOwner: null,
        leaseUntil: null,
        updatedAt: T0 + 6001,
      });
      expect(
        await store.claimEvents({ owner: 'w4', limit: 5, leaseMs: 1000, now: T0 + 99_000 }),
      ).toEqual([]);
    });

    it('keeps checkpoints, errors, attempts and retry times', async () => {
      const store = await fresh();
      const a = replyEvent('c1');
      await store.addEvents([a], T0);
      await store.claimEvents({ owner: 'w1', limit: 1, leaseMs: 1000, now: T0 });
      const result = { networkItemId: 'reply-1', createdTime: '2026-01-01T00:00:00.000Z' };
      expect(await store.updateEvent(a.uuid, 'w1', { result, attempts: 1 }, T0)).toBe(true);
      expect(await store.getEvent(a.uuid)).toMatchObject({
        status: 'running',
        result,
        attempts: 1,
      });
      expect(
        await store.updateEvent(
          a.uuid,
          'w1',
          { status: 'pending', runAt: T0 + 500, error: 'boom' },
          T0,
        ),
      ).toBe(true);
      expect(
        await store.claimEvents({ owner: 'w2', limit: 1, leaseMs: 1000, now: T0 + 499 }),
      ).toEqual([]);
      const [again] = await store.claimEvents({
        owner: 'w2',
        limit: 1,
        leaseMs: 1000,
        now: T0 + 500,
      });
      // The second lease is the second attempt.
      expect(again).toMatchObject({ uuid: a.uuid, result, attempts: 2, error: 'boom' });
      await store.updateEvent(a.uuid, 'w2', { status: 'failed', error: 'gave up' }, T0 + 501);
      expect(await store.countEvents()).toEqual({ pending: 0, running: 0, done: 0, failed: 1 });
    });

    it('holds the work of disabled, unauthorised and paused channels, not of unknown ones', async () => {
      const store = await fresh();
      await store.putChannel(channel('c1'), T0);
      await store.putChannel(channel('c2'), T0);
      await store.putChannel(channel('c3'), T0);
      const [e1, e2, e3, e4] = [
        replyEvent('c1'),
        replyEvent('c2'),
        replyEvent('c3'),
        replyEvent('c-unknown'),
      ];
      await store.addEvents([e1, e2, e3, e4] as IncomingEvent[], T0);
      expect(await store.setChannelStatus('c1', 'disabled', T0)).toBe(true);
      expect(await store.setChannelStatus('c2', 'unauthorized', T0)).toBe(true);
      expect(await store.setChannelStatus('nope', 'disabled', T0)).toBe(false);
      await store.pauseChannel('c3', T0 + 1000);
      await store.pauseChannel('c3', T0 + 500); // the later pause wins
      const claimed = await store.claimEvents({ owner: 'w', limit: 10, leaseMs: 100, now: T0 });
      expect(claimed.map((e) => e.uuid)).toEqual([e4?.uuid]);
      await store.updateEvent(
        e4?.uuid as string,
        'w',
        { status: 'failed', error: 'no channel' },
        T0,
      );
      expect((await store.getChannel('c3'))?.pausedUntil).toBe(T0 + 1000);
      expect(
        (await store.claimEvents({ owner: 'w', limit: 10, leaseMs: 100, now: T0 + 1000 })).map(
          (e) => e.uuid,
        ),
      ).toEqual([e3?.uuid]);
      await store.updateEvent(e3?.uuid as string, 'w', { status: 'done' }, T0 + 1000);
      // Reactivation: a new token, active, unpaused; the held events go on.
      await store.putChannel({ ...channel('c1'), accessToken: 'new-token', name: null }, T0 + 2000);
      expect(await store.getChannel('c1')).toMatchObject({
        status: 'active',
        accessToken: 'new-token',
        name: 'Channel c1',
        pausedUntil: 0,
      });
      expect(
        (await store.claimEvents({ owner: 'w', limit: 10, leaseMs: 100, now: T0 + 2000 })).map(
          (e) => e.uuid,
        ),
      ).toEqual([e1?.uuid]);
      expect((await store.listChannels()).map((c) => [c.channelId, c.status])).toEqual([
        ['c1', 'active'],
        ['c2', 'unauthorized'],
        ['c3', 'active'],
      ]);
    });

    it('marks a channel disabled in the same write as its channel_action.disabled event', async () => {
      const store = await fresh();
      await store.putChannel(channel('c1'), T0);
      const reply = replyEvent('c1');
      const disabled: IncomingEvent = {
        ...replyEvent('c1'),
        eventType: 'channel_action.disabled',
        body: { type: 'disabled' },
      };
      await store.addEvents([reply, disabled], T0);
      expect((await store.getChannel('c1'))?.status).toBe('disabled');
      // The channel_action event itself is still handed out; the reply waits.
      const claimed = await store.claimEvents({ owner: 'w', limit: 10, leaseMs: 100, now: T0 });
      expect(claimed.map((e) => e.eventType)).toEqual(['channel_action.disabled']);
      // A redelivered (duplicate) disabled event does not disable the reactivated channel again.
      await store.putChannel(channel('c1'), T0 + 1);
      await store.addEvents([disabled], T0 + 2);
      expect((await store.getChannel('c1'))?.status).toBe('active');
    });

    it('never hands one event to two concurrent claimers', async () => {
      const store = await fresh();
      const events = Array.from({ length: 200 }, () => replyEvent('c1'));
      await store.addEvents(events, T0);
      const seen = new Map<string, number>();
      await Promise.all(
        ['a', 'b', 'c', 'd'].map(async (owner) => {
          for (;;) {
            const claimed = await store.claimEvents({ owner, limit: 7, leaseMs: 60_000, now: T0 });
            if (claimed.length === 0) return;
            for (const e of claimed) {
              seen.set(e.uuid, (seen.get(e.uuid) ?? 0) + 1);
              expect(await store.updateEvent(e.uuid, owner, { status: 'done' }, T0)).toBe(true);
            }
          }
        }),
      );
      expect(seen.size).toBe(200);
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
      expect(await store.countEvents()).toEqual({ pending: 0, running: 0, done: 200, failed: 0 });
    });

    it('queues imports once per networkItemId, roots first, with progress', async () => {
      const store = await fresh();
      await store.putChannel(channel('c1'), T0);
      const items = [
        { networkItemId: 'reply-1', rootId: 'root-1', interaction: { message: 'r1' } },
        { networkItemId: 'root-1', interaction: { message: 'root' } },
        { networkItemId: 'reply-2', rootId: 'root-1', interaction: { message: 'r2' } },
        { networkItemId: 'root-2', rootId: 'root-2', interaction: { message: 'root 2' } },
      ];
      expect(await store.addImports('c1', items, T0)).toEqual({ added: 4, skipped: 0 });
      expect(await store.addImports('c1', items.slice(0, 2), T0)).toEqual({ added: 0, skipped: 2 });
      expect((await store.nextImports('c1', 10, T0)).map((i) => i.networkItemId)).toEqual([
        'root-1',
        'root-2',
        'reply-1',
        'reply-2',
      ]);
      expect((await store.nextImports('c1', 1, T0))[0]?.interaction).toEqual({ message: 'root' });
      await store.updateImport('c1', 'root-1', { status: 'done', ticketId: 't1', attempts: 1 });
      await store.updateImport('c1', 'root-2', { status: 'failed', error: 'ValidationError' });
      await store.updateImport('c1', 'reply-1', { runAt: T0 + 100, attempts: 1, error: 'timeout' });
      expect((await store.nextImports('c1', 10, T0)).map((i) => i.networkItemId)).toEqual([
        'reply-2',
      ]);
      expect(await store.importProgress('c1')).toEqual({
        total: 4,
        pending: 2,
        done: 1,
        failed: 1,
      });
      expect(await store.importProgress('c-none')).toEqual({
        total: 0,
        pending: 0,
        done: 0,
        failed: 0,
      });
    });

    it('leases one channel import queue at a time, only for active unpaused channels', async () => {
      const store = await fresh();
      await store.putChannel(channel('c1'), T0);
      await store.putChannel(channel('c2'), T0);
      await store.addImports('c1', [{ networkItemId: 'item-1', interaction: {} }], T0);
      await store.addImports('c2', [{ networkItemId: 'item-1', interaction: {} }], T0);
      await store.setChannelStatus('c2', 'disabled', T0);
      expect(await store.claimImportChannel({ owner: 'w1', leaseMs: 1000, now: T0 })).toBe('c1');
      expect(
        await store.claimImportChannel({ owner: 'w2', leaseMs: 1000, now: T0 }),
      ).toBeUndefined();
      await store.releaseImportChannel('c1', 'w2'); // not w2's: no effect
      expect(
        await store.claimImportChannel({ owner: 'w2', leaseMs: 1000, now: T0 + 10 }),
      ).toBeUndefined();
      await store.releaseImportChannel('c1', 'w1');
      await store.pauseChannel('c1', T0 + 50);
      expect(
        await store.claimImportChannel({ owner: 'w2', leaseMs: 1000, now: T0 + 10 }),
      ).toBeUndefined();
      expect(await store.claimImportChannel({ owner: 'w2', leaseMs: 1000, now: T0 + 50 })).toBe(
        'c1',
      );
      // An expired queue lease is taken over.
      expect(await store.claimImportChannel({ owner: 'w3', leaseMs: 1000, now: T0 + 2000 })).toBe(
        'c1',
      );
      await store.updateImport('c1', 'item-1', { status: 'done' });
      await store.releaseImportChannel('c1', 'w3');
      expect(
        await store.claimImportChannel({ owner: 'w4', leaseMs: 1000, now: T0 + 3000 }),
      ).toBeUndefined();
    });
  });
}
