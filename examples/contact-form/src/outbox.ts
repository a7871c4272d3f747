/** A contact request the form received, kept to know whom to answer. */
export interface ContactRequest {
  /** The ticket's `networkItemId` (webhook events name the ticket by it). */
  networkItemId: string;
  channelId: string;
  name: string;
  email: string;
  message: string;
  receivedAt: string;
  /** `_id` of the SocialHub ticket. */
  ticketId?: string;
}

/** An email the example "sent" (this demo appends it here instead of talking to a mail server). */
export interface SentEmail {
  /** Also the `networkItemId` of the reply's own ticket, confirmed to SocialHub. */
  id: string;
  to: string;
  subject: string;
  text: string;
  attachments: { name: string; url: string }[];
  ticketId: string;
  sentAt: string;
}

/** One ticket action the example handled, and how it ended. */
export interface ActivityEntry {
  time: string;
  /** `reply`, `button: close`, `channel disabled`, ... */
  action: string;
  ticketId?: string;
  channelId: string;
  outcome: 'done' | 'failed' | 'ignored';
  detail: string;
}

/** What the example did, in memory, newest last; shown at `GET /outbox`. A database in a real integration. */
export interface Outbox {
  /** Contact requests by `networkItemId`. */
  readonly requests: Map<string, ContactRequest>;
  readonly emails: SentEmail[];
  readonly activity: ActivityEntry[];
  /** Addresses marked as spam; their new posts are not turned into tickets. */
  readonly spam: Set<string>;
  record(entry: Omit<ActivityEntry, 'time'>): void;
  /** Adds a sent email. */
  send(email: SentEmail): void;
}

/** How many emails and activity entries are kept (the oldest go first). */
export const OUTBOX_LIMIT = 1000;

const push = <T>(list: T[], item: T) => {
  list.push(item);
  if (list.length > OUTBOX_LIMIT) list.splice(0, list.length - OUTBOX_LIMIT);
};

/** Creates an empty outbox. */
export function createOutbox(): Outbox {
  const activity: ActivityEntry[] = [];
  const emails: SentEmail[] = [];
  return {
    requests: new Map(),
    emails,
    activity,
    spam: new Set(),
    record: (entry) => push(activity, { time: new Date().toISOString(), ...entry }),
    send: (email) => push(emails, email),
  };
}
