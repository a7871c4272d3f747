import { randomBytes, randomUUID } from 'node:crypto';

/** The ids of the one channel a check run plays SocialHub for. */
export interface FixtureIds {
  manifestId: string;
  accountId: string;
  channelId: string;
}

/** A random 24-hex-character id, the shape of SocialHub's ids. */
export const objectId = () => randomBytes(12).toString('hex');

/** Fresh ids for a run. */
export const fixtureIds = (): FixtureIds => ({
  manifestId: objectId(),
  accountId: objectId(),
  channelId: objectId(),
});

/** One event of every type the webhook contract defines, keyed `<group>.<type>`, as SocialHub sends them. */
export function sampleEvents(ids: FixtureIds, now: number) {
  const ticketId = objectId();
  const base = { ticketId, networkItemId: `post-${ticketId.slice(0, 8)}`, time: now };
  return {
    'ticket_action.reply': {
      group: 'ticket_action',
      event: {
        ...base,
        type: 'reply',
        actionId: 'reply',
        payload: { followupId: randomUUID(), text: 'Thanks for your message, we are on it.' },
        uuid: randomUUID(),
      },
    },
    'ticket_action.template_reply': {
      group: 'ticket_action',
      event: {
        ...base,
        type: 'template_reply',
        actionId: 'template-reply',
        payload: {
          followupId: randomUUID(),
          name: 'Order shipped',
          networkId: 'order-shipped',
          variables: { orderId: '1234' },
          language: 'en',
        },
        uuid: randomUUID(),
      },
    },
    'ticket_action.button': {
      group: 'ticket_action',
      event: { ...base, type: 'button', actionId: 'send-to-crm', payload: {}, uuid: randomUUID() },
    },
    'ticket_action.delete': {
      group: 'ticket_action',
      event: { ...base, type: 'delete', actionId: 'delete', payload: {}, uuid: randomUUID() },
    },
    'channel_action.disabled': {
      group: 'channel_action',
      event: { channelId: ids.channelId, type: 'disabled', time: now, uuid: randomUUID() },
    },
  } as const;
}

/** The event types `sampleEvents` covers. */
export type SampleEventName = keyof ReturnType<typeof sampleEvents>;

/** A delivery body as SocialHub serialises it (compact JSON). */
export const envelope = (ids: FixtureIds, events: Record<string, object[]>) =>
  JSON.stringify({ ...ids, events });

/** Reply text of the large delivery: at most 10,000 characters, as a ticket message. */
export const LARGE_REPLY_CHARS = 9000;
/** Replies in the large delivery (about 512 KiB in all). */
export const LARGE_REPLY_COUNT = 56;

/** A large batch: many long replies of one channel in one delivery. */
export function largeEvents(ids: FixtureIds, now: number): Record<string, object[]> {
  const text = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '
    .repeat(200)
    .slice(0, LARGE_REPLY_CHARS);
  return {
    ticket_action: Array.from({ length: LARGE_REPLY_COUNT }, () => {
      const reply = sampleEvents(ids, now)['ticket_action.reply'].event;
      return { ...reply, payload: { ...reply.payload, text } };
    }),
  };
}

/** Events the receiver cannot know: a new event group and a new ticket action type. */
export function unknownEvents(ids: FixtureIds, now: number): Record<string, object[]> {
  const ticketId = objectId();
  return {
    ticket_moved: [
      {
        ticketId,
        fromChannelId: ids.channelId,
        toChannelId: objectId(),
        time: now,
        uuid: randomUUID(),
      },
    ],
    ticket_action: [
      {
        ticketId,
        networkItemId: `post-${ticketId.slice(0, 8)}`,
        type: 'forward',
        actionId: 'forward',
        payload: { to: 'support@example.com' },
        time: now,
        uuid: randomUUID(),
      },
    ],
  };
}
