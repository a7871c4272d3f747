import type { components } from '@socialhub/schema/public';
import type { ChannelRecord, ManifestRecord, TicketRecord, UserRecord } from '../state/types.js';
import type { MockCore } from './core.js';
import { createTicketViewContext, type TicketActionState } from './ticket-view.js';

type Schemas = components['schemas'];

/** A channel as the public API returns it; `accessToken` only where SocialHub returns it. */
export function channelView(channel: ChannelRecord, accessToken?: string): Schemas['Channel'] {
  const {
    manifestId: _manifestId,
    isDisabled: _isDisabled,
    disabledBy: _disabledBy,
    disabledReason: _disabledReason,
    accessToken: _token,
    tokenIat: _tokenIat,
    endpoint,
    ...contract
  } = channel;
  return {
    ...contract,
    endpoint: { ...(accessToken === undefined ? {} : { accessToken }), ...endpoint },
  };
}

/** A manifest as `GET /` and `PATCH /manifest` return it. */
export function manifestView(manifest: ManifestRecord): Schemas['Manifest'] {
  const { accountId: _accountId, isReusable: _isReusable, ...contract } = manifest;
  return contract;
}

/** A ticket as the Ticket API returns it (the contract's fields, without the Inbox state). */
export function ticketView(ticket: TicketRecord): Schemas['Ticket'] {
  const {
    isHidden: _isHidden,
    isUnread: _isUnread,
    isDone: _isDone,
    actions: _actions,
    ...contract
  } = ticket;
  return contract;
}

/** A channel as the control API and API2 show it: the public view plus its state. */
export type ChannelState = Schemas['Channel'] & {
  manifestId: string;
  isDisabled: boolean;
  disabledBy?: 'integration' | 'customer';
  disabledReason?: string;
};

/** A manifest as the control API shows it; the webhook secret is redacted. */
export type ManifestState = Schemas['Manifest'] & { accountId: string; isReusable: boolean };

/** A ticket as the control API and API2 show it: the public view plus its Inbox state. */
export type TicketState = Schemas['Ticket'] & {
  isHidden: boolean;
  isUnread: boolean;
  isDone: boolean;
  /** The actions performed on it, with their outcome so far. */
  actions: TicketActionState[];
  /** actionId → when the manifest action times out for this ticket (actions with `config.timeout`). */
  actionDeadlines: Record<string, string>;
};

/** A user as API2 and the control API show it (no password, no tokens). */
export type UserState = Omit<UserRecord, 'password' | 'accessTokens'>;

/** A channel's state view. */
export const channelState = (channel: ChannelRecord, accessToken?: string): ChannelState => ({
  ...channelView(channel, accessToken),
  manifestId: channel.manifestId,
  isDisabled: channel.isDisabled,
  ...(channel.disabledBy === undefined ? {} : { disabledBy: channel.disabledBy }),
  ...(channel.disabledReason === undefined ? {} : { disabledReason: channel.disabledReason }),
});

/** A manifest's state view, its webhook secret redacted. */
export const manifestState = (manifest: ManifestRecord): ManifestState => ({
  ...manifestView(manifest),
  ...(manifest.webhook ? { webhook: { ...manifest.webhook, secret: '[redacted]' } } : {}),
  accountId: manifest.accountId,
  isReusable: manifest.isReusable,
});

/** A ticket's state view; `view` is built once per answer with `createTicketViewContext`. */
export const ticketState = (
  ticket: TicketRecord,
  view: ReturnType<typeof createTicketViewContext>,
): TicketState => ({
  ...ticketView(ticket),
  isHidden: ticket.isHidden,
  isUnread: ticket.isUnread,
  isDone: ticket.isDone,
  actions: view.actions(ticket),
  actionDeadlines: view.deadlines(ticket),
});

/** One ticket's state view. */
export const oneTicketState = (core: MockCore, ticket: TicketRecord) =>
  ticketState(ticket, createTicketViewContext(core));

/** A user without password and tokens. */
export const userState = (user: UserRecord): UserState => {
  const { password: _password, accessTokens: _tokens, ...shown } = user;
  return shown;
};
