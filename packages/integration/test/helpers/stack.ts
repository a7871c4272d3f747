import { createPublicClient } from '@socialhub/client';
import { createTicket } from '@socialhub/client/integration';
import type { MockServer } from '@socialhub/mock-server';

/** Creates `count` tickets in the channel; returns their ids. */
export async function createTickets(
  mock: MockServer,
  accessToken: string,
  prefix: string,
  count: number,
): Promise<string[]> {
  const client = createPublicClient({ baseUrl: mock.url, accessToken });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const created = await createTicket(client, {
      networkItemId: `${prefix}-${String(i).padStart(6, '0')}`,
      message: `post ${i}`,
      interactor: { interactorId: `user-${i}`, name: `User ${i}` },
    });
    if (created.status !== 201) throw new Error(`creating a ticket answered ${created.status}`);
    ids.push(created.data._id as string);
  }
  return ids;
}

/** Every performed action of the channel with its outcome, and the follow-up tickets per ticket. */
export async function actionOutcomes(mock: MockServer, channelId: string) {
  const tickets = await mock.control.listTickets({ channelId });
  const actions = tickets.flatMap((t) =>
    t.actions.map((a) => ({ ticketId: t._id as string, ...a })),
  );
  const followUps = new Map<string, number>();
  for (const t of tickets)
    if (t.followupTo?.followupToId)
      followUps.set(t.followupTo.followupToId, (followUps.get(t.followupTo.followupToId) ?? 0) + 1);
  return { actions, followUps };
}

const userTokens = new WeakMap<MockServer, Promise<string>>();

/**
 * Calls the mock's API2 as a community manager of the default account (as SocialHub's web app
 * does): performing actions, disabling and reactivating channels. Redirects are answered, not followed.
 */
export async function api2(
  mock: MockServer,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown; location: string | null }> {
  let token = userTokens.get(mock);
  if (!token) {
    token = mock.control.createUser().then((created) => created.accessToken);
    userTokens.set(mock, token);
  }
  const url = new URL(`/api2${path}`, mock.url);
  url.searchParams.set('accesstoken', await token);
  const response = await fetch(url, {
    method,
    redirect: 'manual',
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? undefined : JSON.parse(text),
    location: response.headers.get('location'),
  };
}

/** A community manager performs a ticket action in the Inbox; resolves to the event's uuid. */
export async function perform(
  mock: MockServer,
  ticketId: string,
  actionId: string,
  body: object = {},
): Promise<string> {
  const answer = await api2(mock, 'POST', `/inbox/tickets/${ticketId}/actions/${actionId}`, body);
  if (answer.status !== 201)
    throw new Error(
      `performing ${actionId} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
    );
  const actions = (answer.body as { actions: { uuid: string; actionId: string }[] }).actions;
  return (actions.filter((a) => a.actionId === actionId).at(-1) as { uuid: string }).uuid;
}
