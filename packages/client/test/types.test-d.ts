import type { components as Api2Components } from '@socialhub/schema/api2';
import type { components } from '@socialhub/schema/public';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type Api2Client,
  type AttemptInfo,
  attemptInfo,
  isAlreadyExists,
  type PublicClient,
  unwrap,
} from '../src/index.js';
import { createTicket, setWebhook } from '../src/integration/index.js';

declare const client: PublicClient;
declare const api2: Api2Client;
type S = components['schemas'];
const interaction = { networkItemId: 'question-0001', message: 'Hello' };
/** Mutual assignability (toEqualTypeOf also compares how a type was written). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

describe('public client: wrong paths, methods, parameters and bodies do not compile', () => {
  it('paths and methods', () => {
    // @ts-expect-error not a path of the contract
    client.GET('/tickets');
    // @ts-expect-error GET /channels is not an operation (only POST)
    client.GET('/channels');
    // @ts-expect-error POST / is not an operation
    client.POST('/');
    // @ts-expect-error the client has no PUT operations to offer for /channel
    client.PUT('/channel', { body: {} });
    client.GET('/');
  });

  it('path and query parameters', () => {
    // @ts-expect-error ticketId is required
    client.PATCH('/inbox/tickets/{ticketId}', { body: {} });
    client.PATCH('/inbox/tickets/{ticketId}', {
      // @ts-expect-error ticketId must be a string
      params: { path: { ticketId: 5 } },
      body: {},
    });
    client.PATCH('/inbox/tickets/{ticketId}', {
      // @ts-expect-error reset is a boolean
      params: { path: { ticketId: 't' }, query: { reset: 'yes' } },
      body: {},
    });
    // @ts-expect-error DELETE /channel has no query parameter `why`
    client.DELETE('/channel', { params: { query: { why: 'x' } } });
    client.DELETE('/channel', { params: { query: { reason: 'expired' } } });
  });

  it('bodies', () => {
    // @ts-expect-error POST /inbox/tickets needs a body
    client.POST('/inbox/tickets');
    // @ts-expect-error interaction.networkItemId is required
    client.POST('/inbox/tickets', { body: { interaction: { message: 'x' } } });
    // @ts-expect-error unknown field
    client.POST('/inbox/tickets', { body: { interaction, extra: true } });
    // @ts-expect-error networkId cannot be changed with PATCH /channel
    client.PATCH('/channel', { body: { networkId: 'x' } });
    const onlyEnglish = { en: 'Reply' };
    client.PATCH('/manifest', {
      // @ts-expect-error labels need en, de and fr
      body: { inbox: { ticketActions: [{ type: 'reply', id: 'r', label: onlyEnglish }] } },
    });
    client.PATCH('/manifest', { body: { webhook: null } });
  });
});

describe('public client: results are typed by status', () => {
  it('success data and documented error bodies', async () => {
    const result = await client.POST('/inbox/tickets', { body: { interaction } });
    if (result.status === 201) {
      expectTypeOf<Same<typeof result.data, S['Ticket']>>().toEqualTypeOf<true>();
      expectTypeOf(result.error).toEqualTypeOf<undefined>();
    }
    if (result.status === 409) expectTypeOf(result.error.code).toEqualTypeOf<'ConflictError'>();
    if (result.status === 429)
      expectTypeOf(result.error.code).toEqualTypeOf<'TooManyRequestsError'>();
    if (result.status === 500) expectTypeOf(result.error).toEqualTypeOf<S['Error']>();
    expectTypeOf(isAlreadyExists(result)).toEqualTypeOf<boolean>();
    expectTypeOf(result.attempt).toEqualTypeOf<AttemptInfo | undefined>();
    expectTypeOf(attemptInfo(result)).toEqualTypeOf<AttemptInfo | undefined>();
    // @ts-expect-error the attempt is on the result, not on its Response
    attemptInfo(result.response);
    // @ts-expect-error 418 is not an error status the contract lists, and falls to default: no `data`
    if (result.status === 418) result.data.interaction;
  });

  it('the 422 of PATCH /manifest carries data: string', async () => {
    const result = await setWebhook(client, { url: 'https://x.test/h', secret: 's'.repeat(32) });
    if (result.status === 422)
      expectTypeOf<Same<typeof result.error.data, string | undefined>>().toEqualTypeOf<true>();
    if (result.status === 200)
      expectTypeOf<Same<typeof result.data, S['Manifest']>>().toEqualTypeOf<true>();
  });

  it('unwrap() gives the success data', async () => {
    const info = await unwrap(client.GET('/'));
    expectTypeOf<Same<typeof info, S['Info']>>().toEqualTypeOf<true>();
    const ticket = await unwrap(createTicket(client, interaction));
    expectTypeOf<Same<typeof ticket, S['Ticket']>>().toEqualTypeOf<true>();
    const channel = await unwrap(client.PATCH('/channel', { body: {} }));
    expectTypeOf<Same<typeof channel, S['Channel']>>().toEqualTypeOf<true>();
    const none = await unwrap(client.DELETE('/channel'));
    expectTypeOf<Same<typeof none, undefined>>().toEqualTypeOf<true>();
    // @ts-expect-error data is not a Ticket
    expectTypeOf<Same<typeof info, S['Ticket']>>().toEqualTypeOf<true>();
  });

  it('has rateLimit and withAccessToken', () => {
    expectTypeOf(client.rateLimit).toEqualTypeOf<
      { limit: number; remaining: number } | undefined
    >();
    expectTypeOf(client.withAccessToken('t')).toEqualTypeOf<PublicClient>();
    expectTypeOf(client.baseUrl).toEqualTypeOf<string>();
  });
});

describe('API2 client', () => {
  it('checks paths, parameters and bodies', async () => {
    // @ts-expect-error path parameter id is required
    api2.GET('/accounts/{id}');
    // @ts-expect-error /public/channels has no GET
    api2.GET('/public/channels');
    // @ts-expect-error the query parameter code is required
    api2.DELETE('/users/{userId}/totp', { params: { path: { userId: 'u' } } });
    api2.DELETE('/users/{userId}/totp', {
      params: { path: { userId: 'u' }, query: { code: '123456' } },
    });
    // @ts-expect-error the public path is not an API2 path
    api2.POST('/inbox/tickets', { body: {} });
    const account = await api2.GET('/accounts/{id}', { params: { path: { id: 'a' } } });
    if (account.status === 200)
      expectTypeOf<
        Same<typeof account.data, Api2Components['schemas']['Account']>
      >().toEqualTypeOf<true>();
    if (account.status === 404)
      expectTypeOf<
        Same<typeof account.error, Api2Components['schemas']['Error']>
      >().toEqualTypeOf<true>();
  });
});
