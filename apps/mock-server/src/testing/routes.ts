import { z } from 'zod';
import type { ControlRoute } from '../control/routes.js';
import { MockServerError } from '../http/errors.js';
import type { MockRequest, Reply } from '../http/types.js';
import { parseOrThrow } from '../http/validate.js';
import { type MockClock, MockClockError } from './clock.js';
import { MockWaitError } from './wait-error.js';
import { MAX_WAIT_MS } from './wait-until.js';
import type { MockWaiters } from './waiters.js';

/** Longest a long-poll route holds a request. */
export const MAX_LONG_POLL_MS = 60_000;

const timeoutMs = z.coerce.number().int().min(0).max(MAX_LONG_POLL_MS).default(10_000);

/** Query of `GET /_mock/wait/action`: the action by its event `uuid` or its manifest `actionId`. */
export const WaitActionQuerySchema = z
  .strictObject({
    ticketId: z.string().min(1),
    uuid: z.string().min(1).optional(),
    actionId: z.string().min(1).optional(),
    outcome: z.enum(['succeeded', 'failed']).optional(),
    timeoutMs,
  })
  .refine((q) => (q.uuid === undefined) !== (q.actionId === undefined), {
    message: 'give uuid or actionId',
  });

/** Query of `GET /_mock/wait/followup`: the reply by its event `uuid`, its `actionId` or its `followupId`. */
export const WaitFollowupQuerySchema = z
  .strictObject({
    ticketId: z.string().min(1),
    uuid: z.string().min(1).optional(),
    actionId: z.string().min(1).optional(),
    followupId: z.string().min(1).optional(),
    timeoutMs,
  })
  .refine((q) => [q.uuid, q.actionId, q.followupId].filter((v) => v !== undefined).length === 1, {
    message: 'give one of uuid, actionId or followupId',
  });

const actionRef = (q: {
  ticketId: string;
  uuid?: string | undefined;
  actionId?: string | undefined;
}) =>
  q.uuid !== undefined
    ? { ticketId: q.ticketId, uuid: q.uuid }
    : { ticketId: q.ticketId, actionId: q.actionId ?? '' };

/** Query of `GET /_mock/wait/delivery`. */
export const WaitDeliveryQuerySchema = z.strictObject({
  channelId: z.string().min(1).optional(),
  kind: z.enum(['events', 'test', 'templates']).optional(),
  eventUuid: z.string().min(1).optional(),
  eventType: z.string().min(1).optional(),
  since: z.string().min(1).optional(),
  outcome: z
    .enum(['settled', 'delivered', 'discarded', 'webhook-removed', 'failed', 'no-webhook'])
    .optional(),
  timeoutMs,
});

/** Body of `POST /_mock/clock`: advance by a duration, or set a time, or `reset` to real time. */
export const ClockInputSchema = z
  .strictObject({
    advance: z.union([z.number().min(0), z.string().min(1)]).optional(),
    set: z.union([z.number(), z.string().min(1)]).optional(),
    reset: z.literal(true).optional(),
  })
  .refine((b) => [b.advance, b.set, b.reset].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of advance, set or reset',
  });

const query = (request: MockRequest) => Object.fromEntries(request.query);

const asHttpError = (error: unknown): never => {
  if (error instanceof MockWaitError)
    throw new MockServerError(
      error.status,
      error.code as never,
      `Error: ${error.message.replace(/^@socialhub\/mock-server: /, '')}`,
      { data: { seen: error.seen, last: error.last }, cause: error },
    );
  if (error instanceof MockClockError)
    throw new MockServerError(
      400,
      'ValidationError',
      `Error: ${error.message.replace(/^@socialhub\/mock-server: /, '')}`,
    );
  throw error;
};

const clockView = (clock: MockClock) => ({
  now: new Date(clock.now()).toISOString(),
  offsetMs: clock.offsetMs,
});

/**
 * The test-tool routes under `/_mock`: long-polls that answer when an outcome is reached (or
 * 408 `WaitTimeoutError` saying what was seen), and the clock.
 */
export function testingRoutes(deps: { waiters: MockWaiters; clock: MockClock }): ControlRoute[] {
  const { waiters, clock } = deps;
  const ok = (body: unknown): Reply => ({ status: 200, body });
  return [
    {
      method: 'GET',
      path: '/_mock/wait/action',
      summary: "Wait for an action's outcome ?ticketId&(uuid|actionId)[&outcome][&timeoutMs]",
      handler: async (r) => {
        const q = parseOrThrow(WaitActionQuerySchema, query(r), 'The query');
        return ok(
          await waiters
            .waitForAction(actionRef(q), {
              timeoutMs: Math.min(q.timeoutMs, MAX_WAIT_MS),
              ...(q.outcome ? { outcome: q.outcome } : {}),
            })
            .catch(asHttpError),
        );
      },
    },
    {
      method: 'GET',
      path: '/_mock/wait/followup',
      summary:
        "Wait for a reply's follow-up ticket ?ticketId&(uuid|actionId|followupId)[&timeoutMs]",
      handler: async (r) => {
        const q = parseOrThrow(WaitFollowupQuerySchema, query(r), 'The query');
        const ref =
          q.followupId !== undefined
            ? { ticketId: q.ticketId, followupId: q.followupId }
            : actionRef(q);
        return ok(
          await waiters.waitForFollowup(ref, { timeoutMs: q.timeoutMs }).catch(asHttpError),
        );
      },
    },
    {
      method: 'GET',
      path: '/_mock/wait/delivery',
      summary: 'Wait for a delivery ?channelId&kind&eventUuid&eventType&since&outcome&timeoutMs',
      handler: async (r) => {
        const { timeoutMs: ms, ...rest } = parseOrThrow(
          WaitDeliveryQuerySchema,
          query(r),
          'The query',
        );
        if (rest.since !== undefined && !Number.isFinite(Date.parse(rest.since)))
          throw new MockServerError(
            400,
            'ValidationError',
            'Error: since must be an ISO 8601 time',
          );
        return ok(await waiters.waitForDelivery(rest, { timeoutMs: ms }).catch(asHttpError));
      },
    },
    {
      method: 'GET',
      path: '/_mock/clock',
      summary: 'The mock clock → { now, offsetMs }',
      handler: () => ok(clockView(clock)),
    },
    {
      method: 'POST',
      path: '/_mock/clock',
      summary: 'Move the mock clock { advance: ms | "31m" } | { set: time } | { reset: true }',
      handler: (r) => {
        const body = parseOrThrow(ClockInputSchema, r.body ?? {}, 'The input');
        try {
          if (body.advance !== undefined) clock.advance(body.advance);
          else if (body.set !== undefined) clock.set(body.set);
          else clock.reset();
        } catch (error) {
          asHttpError(error);
        }
        return ok(clockView(clock));
      },
    },
  ];
}
