import type { z } from 'zod';
import { notFound } from '../http/errors.js';
import type { Fault, FaultRegistry } from '../http/faults.js';
import type { RateLimitConfig } from '../http/rate-limiter.js';
import { parseOrThrow } from '../http/validate.js';
import { createCustomChannel, getAccount, getChannel } from '../services/channels.js';
import type { MockCore } from '../services/core.js';
import { createReusableManifest, promoteManifest } from '../services/manifests.js';
import { createTicketViewContext } from '../services/ticket-view.js';
import { createUser, issueUserToken } from '../services/users.js';
import {
  type ChannelState,
  channelState,
  type ManifestState,
  manifestState,
  type TicketState,
  ticketState,
  type UserState,
  userState,
} from '../services/views.js';
import { DEFAULT_CHANNEL_LIMIT, defaultUserOf } from '../state/initial-state.js';
import type { AccountRecord, ChannelRecord, DeliveryRecord, MockState } from '../state/types.js';
import {
  type ConfigInput,
  ConfigInputSchema,
  type CreateAccountInput,
  CreateAccountInputSchema,
  type CreateChannelInput,
  CreateChannelInputSchema,
  type CreateManifestInput,
  CreateManifestInputSchema,
  type CreateUserInput,
  CreateUserInputSchema,
  type DeliveriesQuery,
  DeliveriesQuerySchema,
  type FaultInput,
  FaultInputSchema,
  PromoteManifestInputSchema,
  TicketsQuerySchema,
  type UpdateAccountInput,
  UpdateAccountInputSchema,
  type UpdateTicketStateInput,
  UpdateTicketStateInputSchema,
} from './schemas.js';

export type { ChannelState, ManifestState, TicketState, UserState };

/** The whole state, for inspection (tokens and secrets redacted). */
export interface StateView {
  defaultAccountId: string;
  demoChannelId?: string;
  accounts: AccountRecord[];
  manifests: ManifestState[];
  channels: ChannelState[];
  tickets: TicketState[];
  users: UserState[];
  teams: MockState['teams'][string][];
  deliveryCount: number;
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
  /**
   * A user of an account and an API2 access token for them (`?accesstoken=` on `/api2`): a test
   * shortcut for what SocialHub's user administration and login do.
   */
  createUser(input?: CreateUserInput): Promise<{ user: UserState; accessToken: string }>;
  /**
   * A custom channel with its own empty manifest and its token: a test shortcut for API2's
   * `POST /channels/custom` (which answers the token too).
   */
  createChannel(input: CreateChannelInput): Promise<{ channel: ChannelState; accessToken: string }>;
  /** Every manifest (custom channels' own and reusable ones); webhook secrets redacted. */
  listManifests(): Promise<ManifestState[]>;
  /** The SocialHub Team creates a reusable manifest. */
  createManifest(input: CreateManifestInput): Promise<ManifestState>;
  /** The SocialHub Team promotes a custom channel's manifest to reusable. */
  promoteManifest(manifestId: string, input: { name: string }): Promise<ManifestState>;
  listTickets(query?: { channelId?: string }): Promise<TicketState[]>;
  /** Moves a ticket into or out of Done, marks it read or unread. */
  updateTicketState(ticketId: string, input: UpdateTicketStateInput): Promise<TicketState>;
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
      core.store.putUser(defaultUserOf(account, false));
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
    createUser: async (input) => {
      const body = parse(CreateUserInputSchema, input);
      const user = createUser(core, body);
      return { user: userState(user), accessToken: await issueUserToken(core, user) };
    },
    createChannel: async (input) => {
      const body = parse(CreateChannelInputSchema, input);
      const { channel, accessToken } = await createCustomChannel(core, body);
      return { channel: channelState(channel), accessToken };
    },
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
        channels: Object.values(state().channels).map((c) => channelState(c)),
        tickets: Object.values(state().tickets).map((t) => ticketState(t, view)),
        users: Object.values(state().users).map(userState),
        teams: Object.values(state().teams),
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
