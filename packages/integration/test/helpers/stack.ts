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
