import type { MockRequest, Reply, Route } from '../http/types.js';
import type { MockControl } from './control.js';

/** One documented control route (listed by `GET /_mock`). */
export interface ControlRoute extends Route {
  summary: string;
}

const ok = (body: unknown, status = 200): Reply => ({ status, body });
const param = (request: MockRequest, name: string) => request.params[name] ?? '';
const query = (request: MockRequest) => Object.fromEntries(request.query);

/** A control route served outside the router (a mounted handler), listed by `GET /_mock` too. */
export type ListedRoute = Pick<ControlRoute, 'method' | 'path' | 'summary'>;

/** `GET /_mock/live`, served by the live handler mounted at `/_mock/live/`. */
export const LIVE_ROUTE: ListedRoute = {
  method: 'GET',
  path: '/_mock/live',
  summary: 'The state as Server-Sent Events ?channelId',
};

/**
 * The control API under `/_mock`: each route calls one `MockControl` method, so the HTTP API and
 * the library behave the same. Answers are JSON; errors are `{ code, message, data? }`. `more` are
 * served and listed; `listed` are served elsewhere and only listed.
 */
export function controlRoutes(
  control: MockControl,
  more: ControlRoute[] = [],
  listed: ListedRoute[] = [],
): Route[] {
  const routes: ControlRoute[] = [
    {
      method: 'GET',
      path: '/_mock/state',
      summary: 'The whole state (tokens and secrets redacted)',
      handler: async () => ok(await control.state()),
    },
    {
      method: 'POST',
      path: '/_mock/reset',
      summary: 'Back to the start state',
      handler: async () => ok(await control.reset()),
    },
    {
      method: 'POST',
      path: '/_mock/accounts',
      summary: 'Create a customer account',
      handler: async (r) => ok(await control.createAccount(r.body as never), 201),
    },
    {
      method: 'PATCH',
      path: '/_mock/accounts/:accountId',
      summary: "Change an account's name or channel limit",
      handler: async (r) => ok(await control.updateAccount(param(r, 'accountId'), r.body as never)),
    },
    {
      method: 'POST',
      path: '/_mock/users',
      summary: 'Create a user of an account and an API2 access token → { user, accessToken }',
      handler: async (r) => ok(await control.createUser(r.body as never), 201),
    },
    {
      method: 'POST',
      path: '/_mock/channels',
      summary: 'Create a custom channel → { channel, accessToken }',
      handler: async (r) => ok(await control.createChannel(r.body as never), 201),
    },
    {
      method: 'GET',
      path: '/_mock/manifests',
      summary: 'List manifests (webhook secrets redacted)',
      handler: async () => ok(await control.listManifests()),
    },
    {
      method: 'POST',
      path: '/_mock/manifests',
      summary: 'The SocialHub Team creates a reusable manifest',
      handler: async (r) => ok(await control.createManifest(r.body as never), 201),
    },
    {
      method: 'POST',
      path: '/_mock/manifests/:manifestId/promote',
      summary: 'Promote a manifest to reusable',
      handler: async (r) =>
        ok(await control.promoteManifest(param(r, 'manifestId'), r.body as never)),
    },
    {
      method: 'GET',
      path: '/_mock/tickets',
      summary: 'List tickets (?channelId=)',
      handler: async (r) => ok(await control.listTickets(query(r))),
    },
    {
      method: 'PATCH',
      path: '/_mock/tickets/:ticketId',
      summary: 'Set isDone / isUnread of a ticket',
      handler: async (r) =>
        ok(await control.updateTicketState(param(r, 'ticketId'), r.body as never)),
    },
    {
      method: 'GET',
      path: '/_mock/deliveries',
      summary: 'Requests sent to integrations, newest first (?channelId=&kind=&limit=)',
      handler: async (r) => ok(await control.deliveries(query(r))),
    },
    {
      method: 'POST',
      path: '/_mock/deliveries/settle',
      summary: 'Send queued events now and wait for every delivery to finish',
      handler: async () => {
        await control.settleDeliveries();
        return ok({ settled: true });
      },
    },
    {
      method: 'GET',
      path: '/_mock/faults',
      summary: 'List injected faults',
      handler: async () => ok(await control.listFaults()),
    },
    {
      method: 'POST',
      path: '/_mock/faults',
      summary: 'Inject a fault { method?, path, status?, latencyMs?, times? }',
      handler: async (r) => ok(await control.addFault(r.body as never), 201),
    },
    {
      method: 'DELETE',
      path: '/_mock/faults',
      summary: 'Remove every fault',
      handler: async () => {
        await control.clearFaults();
        return { status: 204 };
      },
    },
    {
      method: 'DELETE',
      path: '/_mock/faults/:faultId',
      summary: 'Remove one fault',
      handler: async (r) => {
        await control.removeFault(param(r, 'faultId'));
        return { status: 204 };
      },
    },
    {
      method: 'PATCH',
      path: '/_mock/config',
      summary: 'Change the rate limit { rateLimit: { limit?, windowMs?, channelId? } }',
      handler: async (r) => ok(await control.configure(r.body as never)),
    },
    // More routes under /_mock (the test tool's waits and clock) are listed and served alike.
    ...more,
  ];
  const index: Route = {
    method: 'GET',
    path: '/_mock',
    handler: () =>
      ok({
        routes: [...routes, ...listed].map(({ method, path, summary }) => ({
          method,
          path: path.replace(/:(\w+)/g, '{$1}'),
          summary,
        })),
      }),
  };
  return [index, ...routes];
}
