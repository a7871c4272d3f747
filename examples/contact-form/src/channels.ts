import type { PublicClient } from '@socialhub/client';
import { decodeChannelToken } from '@socialhub/client/integration';

/** A channel the example holds a token for. The token never leaves this module's records. */
export interface ConnectedChannel {
  channelId: string;
  accountId: string;
  /** Shown on the status page; the channel id when the name is unknown. */
  name: string;
  /** The customer disabled the channel (a `channel_action` event); its token no longer works. */
  isDisabled: boolean;
  /** A client authenticated with this channel's token. */
  client: PublicClient;
}

/**
 * The channels the example serves, by id. A real integration keeps their tokens in a database
 * (encrypted); this one keeps them in memory.
 */
export interface ChannelRegistry {
  /** Adds (or replaces, after a reactivation) a channel from its access token. */
  connect(accessToken: string, name?: string): ConnectedChannel;
  get(channelId: string): ConnectedChannel | undefined;
  /** The channel contact-form posts go to: `channelId` if given, else the first active one. */
  target(channelId?: string): ConnectedChannel | undefined;
  list(): ConnectedChannel[];
}

/** Creates the in-memory channel registry; `clientFor` makes a client for a token. */
export function createChannelRegistry(
  clientFor: (accessToken: string) => PublicClient,
): ChannelRegistry {
  const channels = new Map<string, ConnectedChannel>();
  return {
    connect(accessToken, name) {
      // A channel token is a JWT whose payload names its channel; it cannot be verified here.
      const { channelId, accountId } = decodeChannelToken(accessToken);
      const channel: ConnectedChannel = {
        channelId,
        accountId,
        name: name ?? channelId,
        isDisabled: false,
        client: clientFor(accessToken),
      };
      channels.set(channelId, channel);
      return channel;
    },
    get: (channelId) => channels.get(channelId),
    target: (channelId) => {
      if (channelId !== undefined) return channels.get(channelId);
      const all = [...channels.values()];
      return all.find((channel) => !channel.isDisabled) ?? all[0];
    },
    list: () => [...channels.values()],
  };
}
