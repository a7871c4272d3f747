import type { components as Api2Components } from '@socialhub/schema/api2';
import type { components } from '@socialhub/schema/public';

type Schemas = components['schemas'];
type Api2Schemas = Api2Components['schemas'];

/** A SocialHub account (a customer): its channels count against `channelLimit`. */
export interface AccountRecord {
  _id: string;
  name: string;
  /** Most active channels the account may have (`403 ChannelLimitReached` beyond). */
  channelLimit: number;
  /** The community manager who acts in this account (ticket actions, "Add Channel"). */
  userId: string;
}

/** A manifest: 1:1 with a custom channel until promoted, then shared by many channels. */
export interface ManifestRecord {
  _id: string;
  /** The account whose custom channel created it. */
  accountId: string;
  /** Set by promotion; only reusable manifests have a name. */
  name?: string;
  isReusable: boolean;
  branding?: Schemas['ManifestBranding'];
  webhook: Schemas['ManifestWebhook'] | null;
  inbox: Schemas['ManifestInbox'];
  callbacks?: Schemas['ManifestCallbacks'];
}

/** A custom channel and its current access token. */
export interface ChannelRecord {
  _id: string;
  accountId: string;
  manifestId: string;
  name: string;
  uniqueName: string;
  imageUrl?: string;
  networkId?: string;
  endpoint: { expirationTime?: string; user?: Schemas['ChannelEndpointUser'] };
  businessHours: null;
  createdTime: string;
  updatedTime?: string;
  isDisabled: boolean;
  /** Who disabled it: the integration (`DELETE /channel`) or the customer (settings page). */
  disabledBy?: 'integration' | 'customer';
  disabledReason?: string;
  /** The one token that works for this channel; replaced on rotation and reactivation. */
  accessToken: string;
  /** `iat` of `accessToken`, so that a new token always differs from the one it replaces. */
  tokenIat: number;
}

/** What a community manager did on a ticket with a manifest ticket action. */
export interface TicketActionRecord {
  uuid: string;
  actionId: string;
  /** The manifest action's type, from the contract (a new action type needs no edit here). */
  type: Schemas['TicketAction']['type'];
  time: number;
  payload: Record<string, unknown>;
  /** For `reply` / `template_reply`. */
  followupId?: string;
  /** `pending` until the integration confirms (replies) or resets it. */
  status: 'pending' | 'published' | 'reset';
  reason?: string;
  /** When the integration reset it (ISO 8601), so the Inbox can show the failure. */
  resetTime?: string;
  /** The ticket the reply-success callback created. */
  replyTicketId?: string;
}

/**
 * A ticket: the public contract's `Ticket` (so a new optional contract field is kept with no
 * edit here) plus the Inbox state an integration cannot see.
 */
export type TicketRecord = Schemas['Ticket'] & TicketInboxState;

/** What the Inbox keeps about a ticket beyond the public document. */
export interface TicketInboxState {
  /** A root ticket created on demand by a child's `root.rootId`, empty until created for real. */
  isHidden: boolean;
  isUnread: boolean;
  isDone: boolean;
  actions: TicketActionRecord[];
}

/** One HTTP attempt of a delivery. */
export interface DeliveryAttempt {
  time: string;
  durationMs: number;
  /** Set when the receiver answered. */
  response?: { status: number; headers: Record<string, string>; body: string };
  /** Set when there was no answer (connection refused, timeout, ...). */
  error?: string;
  /** Whether `X-SocialHub-Challenge` was right (2xx answers only). */
  isChallengeSolved?: boolean;
  /** The request this attempt sent: its own timestamp and signature (the body is the delivery's). */
  request?: { method: 'POST' | 'GET'; url: string; headers: Record<string, string> };
  /** The `X-SocialHub-Challenge` a correct receiver answers this attempt with. */
  expectedChallenge?: string;
  /** The `X-SocialHub-Challenge` the receiver answered with, if any. */
  receivedChallenge?: string;
}

/** A request SocialHub sent to the integration: a webhook delivery, the test request or a templates GET. */
export interface DeliveryRecord {
  id: string;
  kind: 'events' | 'test' | 'templates';
  channelId: string;
  manifestId: string;
  createdTime: string;
  /** The request as sent by the last attempt (the secret is never included). */
  request: { method: 'POST' | 'GET'; url: string; headers: Record<string, string>; body: string };
  attempts: DeliveryAttempt[];
  /**
   * `delivered`: 2xx with the right challenge. `discarded`: every attempt failed with no 2xx.
   * `webhook-removed`: a 2xx without the right challenge (the webhook was removed). `failed`: the
   * test request or templates GET did not succeed. `no-webhook`: events with no webhook to send to.
   */
  outcome: 'pending' | 'delivered' | 'discarded' | 'webhook-removed' | 'failed' | 'no-webhook';
  /** Event counts by type (`events` deliveries). */
  events?: Record<string, number>;
  /** The `uuid`s of the events it carries (`events` deliveries), to trace an action to its delivery. */
  eventUuids?: string[];
  /** The tickets its events are about (`ticket_action` events' `ticketId`). */
  ticketIds?: string[];
  /** When the next attempt is sent (ISO 8601), while a failed delivery waits to retry. */
  nextRetryTime?: string;
  /** The delivery this one sends again ("Redeliver"). */
  redeliveryOf?: string;
}

/** A SocialHub user (API2's `User`) and the API2 access tokens issued to them. */
export type UserRecord = Api2Schemas['User'] & {
  _id: string;
  accountId: string;
  userName: string;
  /** Checked by `POST /api2/users/login` (a mock: kept as given). */
  password?: string;
  /** The API2 access tokens that work for this user (login and `POST /_mock/users` add one). */
  accessTokens: string[];
};

/** A team of an account (API2's `Team`): users and the channels they work on. */
export type TeamRecord = Api2Schemas['Team'] & {
  _id: string;
  accountId: string;
  name: string;
  users: string[];
  channels: string[];
};

/** Everything the mock keeps; what `--state` writes to disk. */
export interface MockState {
  version: 1;
  /** HS256 key every token is signed with (base64url), kept so tokens survive a restart. */
  signingKey: string;
  defaultAccountId: string;
  demoChannelId?: string;
  accounts: Record<string, AccountRecord>;
  manifests: Record<string, ManifestRecord>;
  channels: Record<string, ChannelRecord>;
  tickets: Record<string, TicketRecord>;
  /** API2 users by id (each account's `userId` is its default user). */
  users: Record<string, UserRecord>;
  teams: Record<string, TeamRecord>;
  /** channelId → the interactor's network id → SocialHub's interactor id (links tickets). */
  interactors: Record<string, Record<string, string>>;
  deliveries: DeliveryRecord[];
}
