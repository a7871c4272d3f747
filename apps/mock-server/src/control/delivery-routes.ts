import { z } from 'zod';
import { notFound } from '../http/errors.js';
import type { Reply } from '../http/types.js';
import { parseOrThrow } from '../http/validate.js';
import type { MockCore } from '../services/core.js';
import type { DeliveryRecord } from '../state/types.js';
import type { ControlRoute } from './routes.js';

/** Query of `GET /_mock/deliveries/page`: filters and paging of the deliveries log. */
export const DeliveryPageQuerySchema = z.strictObject({
  channelId: z.string().min(1).optional(),
  kind: z.enum(['events', 'test', 'templates']).optional(),
  outcome: z
    .enum(['pending', 'delivered', 'discarded', 'webhook-removed', 'failed', 'no-webhook'])
    .optional(),
  /** Deliveries carrying at least one event of this type (`ticket_action`, `channel_action`). */
  eventType: z.string().min(1).optional(),
  /** Deliveries with an event about this ticket. */
  ticketId: z.string().min(1).optional(),
  /** Newest first; skip this many. @default 0 */
  offset: z.coerce.number().int().min(0).optional(),
  /** At most this many. @default 50 */
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** Input of `GET /_mock/deliveries/page`. */
export type DeliveryPageQuery = z.input<typeof DeliveryPageQuerySchema>;

/** One page of the deliveries log, newest first, and how many match in all. */
export interface DeliveryPage {
  items: DeliveryRecord[];
  total: number;
  offset: number;
  limit: number;
}

/** Filters and pages the deliveries log (newest first). */
export function deliveryPage(deliveries: readonly DeliveryRecord[], query: unknown): DeliveryPage {
  const q = parseOrThrow(DeliveryPageQuerySchema, query, 'The query');
  const offset = q.offset ?? 0;
  const limit = q.limit ?? 50;
  const items: DeliveryRecord[] = [];
  let total = 0;
  for (let i = deliveries.length - 1; i >= 0; i--) {
    const d = deliveries[i] as DeliveryRecord;
    if (q.channelId !== undefined && d.channelId !== q.channelId) continue;
    if (q.kind !== undefined && d.kind !== q.kind) continue;
    if (q.outcome !== undefined && d.outcome !== q.outcome) continue;
    if (q.eventType !== undefined && !(q.eventType in (d.events ?? {}))) continue;
    if (q.ticketId !== undefined && !d.ticketIds?.includes(q.ticketId)) continue;
    if (total >= offset && items.length < limit) items.push(d);
    total++;
  }
  return { items, total, offset, limit };
}

const ok = (body: unknown, status = 200): Reply => ({ status, body });

/**
 * The deliveries debugger's control routes: a filtered page of the log, one delivery (the
 * permalink's data) and "Redeliver".
 */
export function deliveryRoutes(core: MockCore): ControlRoute[] {
  return [
    {
      method: 'GET',
      path: '/_mock/deliveries/page',
      summary:
        'A page of the deliveries log, newest first ?channelId&kind&outcome&eventType&ticketId&offset&limit',
      handler: (r) => ok(deliveryPage(core.store.state.deliveries, Object.fromEntries(r.query))),
    },
    {
      method: 'GET',
      path: '/_mock/deliveries/:deliveryId',
      summary: 'One delivery with every attempt',
      handler: (r) => {
        const found = core.store.state.deliveries.find((d) => d.id === r.params.deliveryId);
        if (!found) throw notFound('Delivery');
        return ok(found);
      },
    },
    {
      method: 'POST',
      path: '/_mock/deliveries/:deliveryId/redeliver',
      summary: 'Send a delivery again ("Redeliver")',
      handler: (r) => ok(core.engine.redeliver(r.params.deliveryId ?? ''), 201),
    },
  ];
}
