import { InteractionCreateSchema, TicketUpdateSchema } from '@socialhub/schema/public/zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTokenService } from '../auth/tokens.js';
import { createRateLimiter } from '../http/rate-limiter.js';
import { createIdGenerator } from '../state/ids.js';
import { createInitialState } from '../state/initial-state.js';
import { createStore } from '../state/store.js';
import { createDeliveryEngine } from '../webhooks/delivery-engine.js';
import { createCustomChannel } from './channels.js';
import { createExclusive, type MockCore } from './core.js';
import { createTicket, updateTicket } from './tickets.js';
import { ticketView } from './views.js';

/** A fixture contract: today's ticket body plus an optional field the contract does not have yet. */
const FixtureTicketCreate = z.strictObject({
  interaction: z.strictObject({
    ...InteractionCreateSchema.shape,
    sentiment: z.enum(['positive', 'negative']).optional(),
  }),
});

function createCore(): MockCore {
  const ids = createIdGenerator(3);
  const store = createStore(createInitialState(ids, 'key'), { maxDeliveries: 10 });
  const now = () => Date.UTC(2026, 0, 1);
  return {
    store,
    ids,
    tokens: createTokenService(new Uint8Array(32), now),
    engine: createDeliveryEngine({
      store,
      ids,
      now,
      log: () => {},
      options: { batchWindowMs: 5, retryDelaysMs: [], timeoutMs: 100 },
    }),
    rateLimiter: createRateLimiter({ limit: 10, windowMs: 1000 }, now),
    now,
    log: () => {},
    exclusive: createExclusive(),
  };
}

describe('records are built by spreading validated bodies', () => {
  it('an optional field a fixture contract adds comes back from the mock with no edit', async () => {
    const core = createCore();
    const { channel } = await createCustomChannel(core, { name: 'Fixture' });
    const body = FixtureTicketCreate.parse({
      interaction: { networkItemId: 'fixture-000001', message: 'Hi', sentiment: 'positive' },
    });
    // The mock's functions take the contract's output type; the fixture's is a superset of it.
    const { ticket } = createTicket(core, channel, body);
    expect(ticketView(ticket).interaction).toMatchObject({ sentiment: 'positive', message: 'Hi' });
    expect(core.store.state.tickets[ticket._id]?.interaction).toMatchObject({
      sentiment: 'positive',
    });
    // An update carrying the field writes it too.
    const update = TicketUpdateSchema.parse({ interaction: { message: 'Hello' } });
    const updated = updateTicket(
      core,
      channel,
      ticket._id,
      {
        interaction: { ...update.interaction, sentiment: 'negative' } as typeof update.interaction,
      },
      false,
    );
    expect(ticketView(updated).interaction).toMatchObject({
      sentiment: 'negative',
      message: 'Hello',
    });
    core.engine.close();
  });
});
