import type { PublicClient } from '@socialhub/client';
import type { WebhookRouteMap } from '@socialhub/schema/webhooks';
import type { ManifestDefinition, TicketAction } from './manifest.js';

/** The contract's `ticket_action` events by action type, from the generated routing map. */
type TicketActionEvents = {
  [K in keyof WebhookRouteMap as K extends `ticket_action.${infer T}`
    ? T
    : never]: WebhookRouteMap[K];
};

/**
 * Payload of each ticket action type, generated from the contract's `ticket_action.*` routing
 * keys (a new action type in the contract appears here with no edit; the reply payloads have no
 * index signature, so a misspelt field is a type error).
 */
export type ActionPayloads = {
  [T in keyof TicketActionEvents]: NonNullable<TicketActionEvents[T]['payload']>;
};

/** The `ticket_action` event a handler gets, typed by its action's type and manifest action id. */
export type ActionEvent<
  T extends keyof ActionPayloads = keyof ActionPayloads,
  Id extends string = string,
> = Omit<TicketActionEvents[T], 'type' | 'actionId' | 'payload'> & {
  type: T;
  /** The action's `id` in the manifest. */
  actionId: Id;
  payload: ActionPayloads[T];
};

/** What a `reply` / `template_reply` handler returns: the reply as posted on the network. */
export interface PostedReply {
  /** The network's id of the posted reply; SocialHub creates the reply's ticket with it. */
  networkItemId: string;
  /** ISO 8601 time of the reply on the network. @default now */
  createdTime?: string;
  /** URL of the reply on the network. */
  url?: string;
}

/** What every handler gets besides the event. */
export interface ActionContext {
  /**
   * Stable across retries and replicas (the event's `uuid`): pass it to the network so that a
   * retried handler has its effect once.
   */
  idempotencyKey: string;
  channelId: string;
  accountId: string;
  /** 1 on the first run, 2 on the first retry, ... */
  attempt: number;
  /** A client of the public API with this channel's token. */
  client: PublicClient;
  /** Aborted when the worker loses its lease or stops; stop work you can stop. */
  signal: AbortSignal;
}

/** What a handler of an action type returns. */
export type ActionResult<T extends keyof ActionPayloads> = T extends 'reply' | 'template_reply'
  ? PostedReply
  : // biome-ignore lint/suspicious/noConfusingVoidType: a button or delete handler returns nothing
    void;

/** The handler of one ticket action. */
export type ActionHandler<T extends keyof ActionPayloads, Id extends string = string> = (
  event: ActionEvent<T, Id>,
  context: ActionContext,
) => ActionResult<T> | Promise<ActionResult<T>>;

/** The ticket actions of a manifest definition. */
export type ActionsOf<M> = M extends ManifestDefinition<infer A> ? A[number] : never;

/**
 * One handler per ticket action of the manifest, keyed by action `id` and typed by its `type`:
 * a missing handler, or one for an id the manifest lacks, is a type error.
 */
export type ActionHandlers<M extends ManifestDefinition> = {
  [A in ActionsOf<M> as A['id']]: ActionHandler<A['type'], A['id']>;
};

/** The type of each action id of a manifest, for code that needs it at run time. */
export function actionTypes(definition: ManifestDefinition): Map<string, TicketAction['type']> {
  return new Map(definition.ticketActions.map((action) => [action.id, action.type]));
}
