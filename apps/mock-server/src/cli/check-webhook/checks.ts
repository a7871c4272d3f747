import { SIGNATURE_HEADER, signDelivery, TIMESTAMP_HEADER } from '@socialhub/webhook-kit/core';
import {
  envelope,
  type FixtureIds,
  LARGE_REPLY_COUNT,
  largeEvents,
  type SampleEventName,
  sampleEvents,
  unknownEvents,
} from './fixtures.js';

/** One request a check sends. */
export interface PreparedRequest {
  body: string;
  headers: Record<string, string>;
  /** The challenge a genuine delivery must be answered with. */
  challenge: string;
}

/** What a check needs to build its requests. */
export interface CheckContext {
  secret: string;
  ids: FixtureIds;
  /** The real time in milliseconds (what SocialHub signs with). */
  now: () => number;
}

/** A genuine delivery must get 2xx with the challenge; a forged one must not get 2xx. */
export type CheckKind = 'genuine' | 'forged';

/** One conformance check of `check-webhook`. */
export interface CheckDefinition {
  id: string;
  kind: CheckKind;
  /** What is sent, in one line (for --help and the report). */
  title: string;
  /** `200` for the test request (PATCH /manifest wants exactly 200), else any 2xx. */
  exactStatus?: 200;
  build(context: CheckContext): Promise<PreparedRequest[]>;
}

/** How far from now the stale and future timestamps are (SocialHub's samples allow 5 minutes). */
export const SKEW_MS = 10 * 60_000;

const HEADERS = { 'content-type': 'application/json', 'user-agent': 'SocialHub' };

const signed = async (
  context: CheckContext,
  body: string,
  options: { secret?: string; timestamp?: number } = {},
) => {
  const result = await signDelivery(body, {
    secret: options.secret ?? context.secret,
    timestamp: options.timestamp ?? context.now(),
  });
  return { body, headers: { ...HEADERS, ...result.headers }, challenge: result.challenge };
};

const withEvents = (context: CheckContext, events: Record<string, object[]>) =>
  signed(context, envelope(context.ids, events));

const without = (request: PreparedRequest, header: string): PreparedRequest => {
  const headers = { ...request.headers };
  delete headers[header];
  return { ...request, headers };
};

const eventCheck = (name: SampleEventName): CheckDefinition => ({
  id: `event-${name.replace(/[._]/g, '-')}`,
  kind: 'genuine',
  title: `a signed delivery of one ${name} event`,
  build: async (context) => {
    const { group, event } = sampleEvents(context.ids, context.now())[name];
    return [await withEvents(context, { [group]: [event] })];
  },
});

const replyBody = (context: CheckContext) => {
  const { event } = sampleEvents(context.ids, context.now())['ticket_action.reply'];
  return envelope(context.ids, { ticket_action: [event] });
};

/** Every check, in the order they run. */
export const CHECKS: readonly CheckDefinition[] = [
  {
    id: 'test-request',
    kind: 'genuine',
    exactStatus: 200,
    title:
      'the test request SocialHub sends when the webhook is set (events: {}); needs exactly 200',
    build: async (context) => [await withEvents(context, {})],
  },
  eventCheck('ticket_action.reply'),
  eventCheck('ticket_action.template_reply'),
  eventCheck('ticket_action.button'),
  eventCheck('ticket_action.delete'),
  eventCheck('channel_action.disabled'),
  {
    id: 'batch',
    kind: 'genuine',
    title:
      'one delivery with several events of several types (two replies, a button, a channel_action)',
    build: async (context) => {
      const a = sampleEvents(context.ids, context.now());
      const b = sampleEvents(context.ids, context.now());
      return [
        await withEvents(context, {
          ticket_action: [
            a['ticket_action.reply'].event,
            b['ticket_action.reply'].event,
            a['ticket_action.button'].event,
          ],
          channel_action: [a['channel_action.disabled'].event],
        }),
      ];
    },
  },
  {
    id: 'large-body',
    kind: 'genuine',
    title: `a large delivery (about 512 KiB: ${LARGE_REPLY_COUNT} replies of 9,000 characters)`,
    build: async (context) => [await withEvents(context, largeEvents(context.ids, context.now()))],
  },
  {
    id: 'unknown-event',
    kind: 'genuine',
    title:
      'events the receiver cannot know (a new event type, a new ticket action type): log and skip them, answer 2xx',
    build: async (context) => [
      await withEvents(context, unknownEvents(context.ids, context.now())),
    ],
  },
  {
    id: 'duplicate',
    kind: 'genuine',
    title: 'the same event twice (same uuid, signed anew, as a retry sends it): both answered 2xx',
    build: async (context) => {
      const body = replyBody(context);
      return [
        await signed(context, body),
        await signed(context, body, { timestamp: context.now() + 1 }),
      ];
    },
  },
  {
    id: 'forged-wrong-signature',
    kind: 'forged',
    title: 'a delivery signed with another secret',
    build: async (context) => [
      await signed(context, replyBody(context), { secret: `${context.secret}-not-the-secret` }),
    ],
  },
  {
    id: 'forged-stale-timestamp',
    kind: 'forged',
    title: 'a correctly signed delivery whose timestamp is 10 minutes old (a replay)',
    build: async (context) => [
      await signed(context, replyBody(context), { timestamp: context.now() - SKEW_MS }),
    ],
  },
  {
    id: 'forged-future-timestamp',
    kind: 'forged',
    title: 'a correctly signed delivery whose timestamp is 10 minutes ahead',
    build: async (context) => [
      await signed(context, replyBody(context), { timestamp: context.now() + SKEW_MS }),
    ],
  },
  {
    id: 'forged-missing-signature',
    kind: 'forged',
    title: 'a delivery without the X-SocialHub-Signature header',
    build: async (context) => [
      without(await signed(context, replyBody(context)), SIGNATURE_HEADER),
    ],
  },
  {
    id: 'forged-missing-timestamp',
    kind: 'forged',
    title: 'a delivery without the X-SocialHub-Timestamp header',
    build: async (context) => [
      without(await signed(context, replyBody(context)), TIMESTAMP_HEADER),
    ],
  },
  {
    id: 'forged-body-changed',
    kind: 'forged',
    title:
      'a signed delivery whose body was changed after signing (one character of the reply text)',
    build: async (context) => {
      const request = await signed(context, replyBody(context));
      const changed = request.body.replace('on it.', 'on it!');
      if (changed === request.body) throw new Error('the fixture text changed');
      return [{ ...request, body: changed }];
    },
  },
];
