import type { Api2Client } from '@socialhub/client';

/** How an action ended, as the Inbox shows it. */
export interface ActionOutcome {
  outcome: 'succeeded' | 'failed';
  /** The integration's reason, when it failed. */
  reason?: string;
}

/** A follow-up ticket: the reply the integration confirmed. */
export interface FollowupTicket {
  _id: string;
  message?: string;
}

/** Awaits what the integration does after a community manager's action. */
export interface Waits {
  /** Until the newest `actionId` action on the ticket is confirmed (reply) or reset (failed). */
  action(ticketId: string, actionId: string): Promise<ActionOutcome>;
  /** Until the reply `actionId` on the ticket has its follow-up ticket. */
  followup(ticketId: string, actionId: string): Promise<FollowupTicket>;
}

interface HistoryEntry {
  action?: string;
  variables?: { actionId?: string; status?: string; reason?: string };
}
interface TreeNode {
  _id?: string;
  followupTo?: { followupToId?: string };
  interaction?: { message?: string };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits by polling API2 only (the ticket's history and tree), as against a real SocialHub
 * account: no mock route is used.
 */
export function createApi2Waits(
  api2: Api2Client,
  { timeoutMs = 30_000, intervalMs = 250 }: { timeoutMs?: number; intervalMs?: number } = {},
): Waits {
  async function poll<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last = 'nothing yet';
    for (;;) {
      try {
        const found = await probe();
        if (found !== undefined) return found;
      } catch (error) {
        last = error instanceof Error ? error.message : String(error);
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${last})`);
      await sleep(intervalMs);
    }
  }
  const path = (ticketId: string) => ({ params: { path: { ticketId } } });
  return {
    action: (ticketId, actionId) =>
      poll(`action ${actionId} on ${ticketId}`, async () => {
        const history = await api2.GET('/inbox/tickets/{ticketId}/history', path(ticketId));
        if (history.error) throw new Error(`history answered ${history.response.status}`);
        const entry = (history.data as HistoryEntry[]).findLast(
          (e) => e.variables?.actionId === actionId,
        );
        if (entry?.action === 'actionReset')
          return {
            outcome: 'failed' as const,
            ...(entry.variables?.reason ? { reason: entry.variables.reason } : {}),
          };
        if (entry?.variables?.status === 'published') return { outcome: 'succeeded' as const };
        return undefined;
      }),
    followup: (ticketId, actionId) =>
      poll(`the follow-up of ${actionId} on ${ticketId}`, async () => {
        const tree = await api2.GET('/inbox/tickets/{ticketId}/tree', path(ticketId));
        if (tree.error) throw new Error(`tree answered ${tree.response.status}`);
        const node = (tree.data as TreeNode[]).findLast(
          (n) => n.followupTo?.followupToId === ticketId,
        );
        if (!node?._id) return undefined;
        return {
          _id: node._id,
          ...(node.interaction?.message ? { message: node.interaction.message } : {}),
        };
      }),
  };
}
