import type {
  ChannelRecord,
  DeliveryRecord,
  MockState,
  TicketRecord,
  UserRecord,
} from './types.js';

/** The in-memory state with its lookup indexes; every mutation goes through `touch()`. */
export interface Store {
  readonly state: MockState;
  /** Increases on every change; persistence writes when it moved. */
  readonly revision: number;
  /** Marks a change made to `state` (listeners run, persistence picks it up). */
  touch(): void;
  /** Calls `listener` after every change. */
  onChange(listener: () => void): void;
  /** Replaces the whole state (load, reset) and rebuilds the indexes. */
  replace(state: MockState): void;
  /** The channel whose current token this is. */
  channelByToken(token: string): ChannelRecord | undefined;
  /** Gives a channel a new token; the old one stops working at once. */
  setChannelToken(channel: ChannelRecord, token: string, iat: number): void;
  addChannel(channel: ChannelRecord): void;
  /** The ticket of a channel with this `networkItemId`. */
  ticketByNetworkItemId(channelId: string, networkItemId: string): TicketRecord | undefined;
  addTicket(ticket: TicketRecord): void;
  /** The user an API2 access token was issued to (while it works). */
  userByToken(token: string): UserRecord | undefined;
  /** Adds a user, or indexes a user's new token. */
  putUser(user: UserRecord): void;
  /** Revokes one of a user's tokens (logout). */
  revokeUserToken(token: string): void;
  /** Appends a delivery, dropping the oldest beyond `maxDeliveries`. */
  addDelivery(delivery: DeliveryRecord): void;
}

/** Creates the store around a state. */
export function createStore(initial: MockState, options: { maxDeliveries: number }): Store {
  let state = initial;
  let revision = 0;
  const listeners: Array<() => void> = [];
  let tokens = new Map<string, string>();
  let ticketIndex = new Map<string, Map<string, string>>();
  let userTokens = new Map<string, string>();

  const indexTicket = (ticket: TicketRecord) => {
    const networkItemId = ticket.interaction.networkItemId;
    if (networkItemId === undefined) return;
    let byId = ticketIndex.get(ticket.channelId);
    if (!byId) {
      byId = new Map();
      ticketIndex.set(ticket.channelId, byId);
    }
    byId.set(networkItemId, ticket._id);
  };

  const rebuild = () => {
    tokens = new Map();
    ticketIndex = new Map();
    userTokens = new Map();
    for (const user of Object.values(state.users))
      for (const token of user.accessTokens) userTokens.set(token, user._id);
    for (const channel of Object.values(state.channels))
      tokens.set(channel.accessToken, channel._id);
    for (const ticket of Object.values(state.tickets)) indexTicket(ticket);
  };
  rebuild();

  const touch = () => {
    revision++;
    for (const listener of listeners) listener();
  };

  return {
    get state() {
      return state;
    },
    get revision() {
      return revision;
    },
    touch,
    onChange: (listener) => {
      listeners.push(listener);
    },
    replace: (next) => {
      state = next;
      rebuild();
      touch();
    },
    channelByToken: (token) => {
      const id = tokens.get(token);
      return id === undefined ? undefined : state.channels[id];
    },
    setChannelToken: (channel, token, iat) => {
      tokens.delete(channel.accessToken);
      channel.accessToken = token;
      channel.tokenIat = iat;
      tokens.set(token, channel._id);
    },
    addChannel: (channel) => {
      state.channels[channel._id] = channel;
      tokens.set(channel.accessToken, channel._id);
    },
    ticketByNetworkItemId: (channelId, networkItemId) => {
      const id = ticketIndex.get(channelId)?.get(networkItemId);
      return id === undefined ? undefined : state.tickets[id];
    },
    addTicket: (ticket) => {
      state.tickets[ticket._id] = ticket;
      indexTicket(ticket);
    },
    userByToken: (token) => {
      const id = userTokens.get(token);
      return id === undefined ? undefined : state.users[id];
    },
    putUser: (user) => {
      state.users[user._id] = user;
      for (const token of user.accessTokens) userTokens.set(token, user._id);
    },
    revokeUserToken: (token) => {
      const user = state.users[userTokens.get(token) ?? ''];
      userTokens.delete(token);
      if (user) user.accessTokens = user.accessTokens.filter((t) => t !== token);
    },
    addDelivery: (delivery) => {
      state.deliveries.push(delivery);
      const excess = state.deliveries.length - options.maxDeliveries;
      if (excess > 0) state.deliveries.splice(0, excess);
    },
  };
}
