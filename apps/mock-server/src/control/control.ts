import type { components } from '@socialhub/schema/public';
import type { z } from 'zod';
import type { MockCore } from '../services/core.js';
import { channelDeactivated, MockServerError, notFound, validationError } from '../http/errors.js';
import type { Fault, FaultRegistry } from '../http/faults.js';
import type { RateLimitConfig } from '../http/rate-limiter.js';
import { performTicketAction, type TicketActionEvent } from '../services/actions.js';
import {
  createCustomChannel,
  disableChannelByCustomer,
  enableChannel,
  getAccount,
  getChannel,
  manifestOf,
  rotateChannelToken,
} from '../services/channels.js';
import { createReusableManifest, getManifest, promoteManifest } from '../services/manifests.js';
import { DEFAULT_CHANNEL_LIMIT } from '../state/initial-state.js';
import type {
  AccountRecord,
  ChannelRecord,
  DeliveryRecord,
  ManifestRecord,
  TicketRecord,
} from '../state/types.js';
import type { ChannelCreationTokenPayload } from '../auth/tokens.js';
import { parseOrThrow } from '../http/validate.js';
import { channelView, manifestView, ticketView } from '../services/views.js';
import type { Template } from '../webhooks/delivery-engine.js';
import {
  type ConfigInput,
  ConfigInputSchema,
  type CreateAccountInput,
  CreateAccountInputSchema,
  type CreateChannelInput,
  CreateChannelInputSchema,
  type CreateManifestInput,
  CreateManifestInputSchema,
  type DeliveriesQuery,
  DeliveriesQuerySchema,
  type FaultInput,
  FaultInputSchema,
  type PerformActionInput,
  PerformActionInputSchema,
  PromoteManifestInputSchema,
  type ReactivateChannelInput,
  ReactivateChannelInputSchema,
  type StartAddChannelInput,
  StartAddChannelInputSchema,
  TicketsQuerySchema,
  type UpdateAccountInput,
  UpdateAccountInputSchema,
  type UpdateTicketStateInput,
  UpdateTicketStateInputSchema,
} from './schemas.js';
import { createTicketViewContext, type TicketActionState } from './ticket-view.js';

type Schemas = components['schemas'];

/** A channel as the control API shows it: the public view plus its state. */
export type ChannelState = Schemas['Channel'] & {
  manifestId: string;
  isDisabled: boolean;
  disabledBy?: 'integration' | 'customer';
  disabledReason?: string;
};

/** A manifest as the control API shows it; the webhook secret is redacted. */
export type ManifestState = Schemas['Manifest'] & { accountId: string; isReusable: boolean };

/** A ticket as the control API shows it: the public view plus its Inbox state. */
export type TicketState = Schemas['Ticket'] & {
  isHidden: boolean;
  isUnread: boolean;
  isDone: boolean;
  /** The actions performed on it, with their outcome so far. */
  actions: TicketActionState[];
  /** actionId → when the manifest action times out for this ticket (actions with `config.timeout`). */
  actionDeadlines: Record<string, string>;
};

/** The whole state, for inspection (tokens and secrets redacted). */
export interface StateView {
  defaultAccountId: string;
  demoChannelId?: string;
  accounts: AccountRecord[];
  manifests: ManifestState[];
  channels: ChannelState[];
  tickets: TicketState[];
  deliveryCount: number;
}

/** A customer being sent to an integration's callback page with a temporary token. */
export interface Redirect {
  /** The callback URL with `?token=`. */
  redirectUrl: string;
  token: string;
  payload: ChannelCreationTokenPayload;
}

/**
 * Acts as SocialHub's customers, community managers and team. Every method is also a route
 * under `/_mock` (see the README); inputs are checked with the same zod schemas.
 */
export interface MockControl {
  /** A new customer account. */
  createAccount(input?: CreateAccountInput): Promise<AccountRecord>;
  /** Renames an account or changes its channel limit. */
  updateAccount(accountId: string, input: UpdateAccountInput): Promise<AccountRecord>;
  /** A custom channel with its own empty manifest, as the customer creates it; returns its token. */
  createChannel(input: CreateChannelInput): Promise<{ channel: ChannelState; accessToken: string }>;
  listChannels(): Promise<ChannelState[]>;
  /** The customer disables the channel: its token stops working, `channel_action` is delivered. */
  disableChannel(channelId: string): Promise<ChannelState>;
  /**
   * The customer reactivates a disabled channel: through the manifest's `channelReactivation`
   * callback when it has one (a redirect with a temporary token), else directly.
   */
  reactivateChannel(
    channelId: string,
    input?: ReactivateChannelInput,
  ): Promise<{ channel: ChannelState } | Redirect>;
  /** The customer presses "Create new Token": the old token and the manifest's webhook stop working. */
  rotateToken(channelId: string): Promise<{ accessToken: string }>;
  /** Every manifest (custom channels' own and reusable ones); webhook secrets redacted. */
  listManifests(): Promise<ManifestState[]>;
  /** The SocialHub Team creates a reusable manifest. */
  createManifest(input: CreateManifestInput): Promise<ManifestState>;
  /** The SocialHub Team promotes a custom channel's manifest to reusable. */
  promoteManifest(manifestId: string, input: { name: string }): Promise<ManifestState>;
  /** A customer clicks "Add Channel" for a reusable manifest: the redirect with a temporary token. */
  startAddChannel(manifestId: string, input?: StartAddChannelInput): Promise<Redirect>;
  listTickets(query?: { channelId?: string }): Promise<TicketState[]>;
  /** Moves a ticket into or out of Done, marks it read or unread. */
  updateTicketState(ticketId: string, input: UpdateTicketStateInput): Promise<TicketState>;
  /** A community manager performs a ticket action; the signed `ticket_action` event is queued. */
  performAction(
    ticketId: string,
    actionId: string,
    input?: PerformActionInput,
  ): Promise<{ event: TicketActionEvent; followupId?: string }>;
  /**
   * The templates a `template_reply` action offers on a ticket, fetched from the integration with
   * a signed GET (as when the community manager opens the template picker).
   */
  listTemplates(ticketId: string, actionId: string): Promise<Template[]>;
  /** Requests sent to integrations, newest first, with request, response and outcome. */
  deliveries(query?: DeliveriesQuery): Promise<DeliveryRecord[]>;
  /** Sends queued events now and waits until no delivery is queued, in flight or waiting to retry. */
  settleDeliveries(): Promise<void>;
  state(): Promise<StateView>;
  /** Back to the start state (the demo channel, when there is one, is made anew). */
  reset(): Promise<{ demo?: { channel: ChannelState; accessToken: string } }>;
  addFault(input: FaultInput): Promise<Fault>;
  listFaults(): Promise<Fault[]>;
  removeFault(faultId: string): Promise<void>;
  clearFaults(): Promise<void>;
  /** Changes the rate limit (for all channels, or one). */
  configure(input: ConfigInput): Promise<{ rateLimit: RateLimitConfig }>;
}

/** A channel's control view. */
export const channelState = (channel: ChannelRecord): ChannelState => ({
  ...channelView(channel),
  manifestId: channel.manifestId,
  isDisabled: channel.isDisabled,
  ...(channel.disabledBy === undefined ? {} : { disabledBy: channel.disabledBy }),
  ...(channel.disabledReason === undefined ? {} : { disabledReason: channel.disabledReason }),
});

const manifestState = (manifest: ManifestRecord): ManifestState => ({
  ...manifestView(manifest),
  ...(manifest.webhook ? { webhook: { url: manifest.webhook.url, secret: '[redacted]' } } : {}),
  accountId: manifest.accountId,
  isReusable: manifest.isReusable,
});

const ticketState = (
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

const parse = <T extends z.ZodType>(schema: T, value: unknown) =>
  parseOrThrow(schema, value ?? {}, 'The input');

/** Creates the control methods over a core. */
export function createMockControl(deps: {
  core: MockCore;
  faults: FaultRegistry;
  /** The mock's base URL (the default `origin` of temporary tokens). */
  baseUrl: () => string;
  reset: () => Promise<{ demo?: { channel: ChannelRecord; accessToken: string } }>;
}): MockControl {
  const { core, faults } = deps;
  const state = () => core.store.state;

  const redirect = async (
    callback: string | undefined,
    what: string,
    payload: Parameters<MockCore['tokens']['temporaryToken']>[0],
  ): Promise<Redirect> => {
    if (!callback) throw validationError(`The manifest has no ${what} callback`);
    const { token, payload: full } = await core.tokens.temporaryToken(payload);
    const url = new URL(callback);
    url.searchParams.set('token', token);
    return { redirectUrl: url.href, token, payload: full };
  };

  return {
    createAccount: async (input) => {
      const body = parse(CreateAccountInputSchema, input);
      const account: AccountRecord = {
        _id: core.ids.objectId(),
        name: body.name ?? 'Account',
        channelLimit: body.channelLimit ?? DEFAULT_CHANNEL_LIMIT,
        userId: core.ids.objectId(),
      };
      state().accounts[account._id] = account;
      core.store.touch();
      return account;
    },
    updateAccount: async (accountId, input) => {
      const body = parse(UpdateAccountInputSchema, input);
      const account = getAccount(core, accountId);
      if (body.name !== undefined) account.name = body.name;
      if (body.channelLimit !== undefined) account.channelLimit = body.channelLimit;
      core.store.touch();
      return account;
    },
    createChannel: async (input) => {
      const body = parse(CreateChannelInputSchema, input);
      const { channel, accessToken } = await createCustomChannel(core, body);
      return { channel: channelState(channel), accessToken };
    },
    listChannels: async () => Object.values(state().channels).map(channelState),
    disableChannel: async (channelId) => channelState(disableChannelByCustomer(core, channelId)),
    reactivateChannel: async (channelId, input) => {
      const body = parse(ReactivateChannelInputSchema, input);
      const channel = getChannel(core, channelId);
      if (!channel.isDisabled)
        throw new MockServerError(409, 'ActionNotAvailable', 'Error: The channel is not disabled');
      const manifest = getManifest(core, channel.manifestId);
      if (manifest.isReusable && manifest.callbacks?.channelReactivation) {
        const account = getAccount(core, channel.accountId);
        return redirect(manifest.callbacks.channelReactivation, 'channelReactivation', {
          accountId: channel.accountId,
          manifestId: manifest._id,
          userId: account.userId,
          origin: body.origin ?? deps.baseUrl(),
          channelId: channel._id,
          uniqueName: channel.uniqueName,
          ...(channel.networkId === undefined ? {} : { networkId: channel.networkId }),
        });
      }
      return { channel: channelState(enableChannel(core, channel)) };
    },
    rotateToken: async (channelId) => ({ accessToken: await rotateChannelToken(core, channelId) }),
    listManifests: async () => Object.values(state().manifests).map(manifestState),
    createManifest: async (input) => {
      const body = parse(CreateManifestInputSchema, input);
      if (body.accountId !== undefined) getAccount(core, body.accountId);
      return manifestState(
        createReusableManifest(core, {
          name: body.name,
          manifest: body.manifest ?? {},
          ...(body.accountId === undefined ? {} : { accountId: body.accountId }),
        }),
      );
    },
    promoteManifest: async (manifestId, input) => {
      const body = parse(PromoteManifestInputSchema, input);
      return manifestState(promoteManifest(core, manifestId, body.name));
    },
    startAddChannel: async (manifestId, input) => {
      const body = parse(StartAddChannelInputSchema, input);
      const manifest = getManifest(core, manifestId);
      if (!manifest.isReusable) throw validationError('"Add Channel" needs a reusable manifest');
      const account = getAccount(core, body.accountId ?? state().defaultAccountId);
      return redirect(manifest.callbacks?.channelCreation, 'channelCreation', {
        accountId: account._id,
        manifestId: manifest._id,
        userId: account.userId,
        origin: body.origin ?? deps.baseUrl(),
        ...(body.teamIds === undefined ? {} : { teamIds: body.teamIds }),
      });
    },
    listTickets: async (query) => {
      const { channelId } = parse(TicketsQuerySchema, query);
      const view = createTicketViewContext(core);
      return Object.values(state().tickets)
        .filter((t) => channelId === undefined || t.channelId === channelId)
        .map((t) => ticketState(t, view));
    },
    updateTicketState: async (ticketId, input) => {
      const body = parse(UpdateTicketStateInputSchema, input);
      const ticket = state().tickets[ticketId];
      if (!ticket) throw notFound('Ticket');
      if (body.isDone !== undefined) ticket.isDone = body.isDone;
      if (body.isUnread !== undefined) ticket.isUnread = body.isUnread;
      core.store.touch();
      return ticketState(ticket, createTicketViewContext(core));
    },
    performAction: async (ticketId, actionId, input) => {
      const body = parse(PerformActionInputSchema, input);
      return performTicketAction(core, ticketId, actionId, body);
    },
    listTemplates: async (ticketId, actionId) => {
      const ticket = state().tickets[ticketId];
      if (!ticket) throw notFound('Ticket');
      const channel = getChannel(core, ticket.channelId);
      if (channel.isDisabled) throw channelDeactivated();
      const manifest = manifestOf(core, channel);
      const action = manifest.inbox.ticketActions?.find((a) => a.id === actionId);
      if (!action) throw notFound('Ticket action');
      if (action.type !== 'template_reply')
        throw validationError(`The action "${actionId}" is a ${action.type}, not a template_reply`);
      return core.engine.fetchTemplates(channel, manifest, action.config.templates.url);
    },
    deliveries: async (query) => {
      const { channelId, kind, limit = 100 } = parse(DeliveriesQuerySchema, query);
      const out: DeliveryRecord[] = [];
      const all = state().deliveries;
      for (let i = all.length - 1; i >= 0 && out.length < limit; i--) {
        const d = all[i] as DeliveryRecord;
        if (
          (channelId === undefined || d.channelId === channelId) &&
          (kind === undefined || d.kind === kind)
        )
          out.push(d);
      }
      return out;
    },
    settleDeliveries: () => core.engine.settle(),
    state: async () => {
      const view = createTicketViewContext(core);
      return {
        defaultAccountId: state().defaultAccountId,
        ...(state().demoChannelId === undefined ? {} : { demoChannelId: state().demoChannelId }),
        accounts: Object.values(state().accounts),
        manifests: Object.values(state().manifests).map(manifestState),
        channels: Object.values(state().channels).map(channelState),
        tickets: Object.values(state().tickets).map((t) => ticketState(t, view)),
        deliveryCount: state().deliveries.length,
      };
    },
    reset: async () => {
      const { demo } = await deps.reset();
      return demo
        ? { demo: { channel: channelState(demo.channel), accessToken: demo.accessToken } }
        : {};
    },
    addFault: async (input) => {
      const body = parse(FaultInputSchema, input);
      return faults.add(body);
    },
    listFaults: async () => faults.list(),
    removeFault: async (faultId) => {
      if (!faults.remove(faultId)) throw notFound('Fault');
    },
    clearFaults: async () => faults.clear(),
    configure: async (input) => {
      const { rateLimit } = parse(ConfigInputSchema, input);
      if (rateLimit) {
        const { channelId, ...config } = rateLimit;
        if (channelId !== undefined) getChannel(core, channelId);
        core.rateLimiter.configure(config, channelId);
        return { rateLimit: core.rateLimiter.config(channelId) };
      }
      return { rateLimit: core.rateLimiter.config() };
    },
  };
}
