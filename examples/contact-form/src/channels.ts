import type { ChannelInfo } from '@socialhub/integration';

/** A channel the example serves (its token stays in the integration's store). */
export interface ConnectedChannel {
  channelId: string;
  accountId: string;
  /** Shown on the status page; the channel id when the name is unknown. */
  name: string;
  /** The customer disabled the channel; posts are refused until it is reactivated. */
  isDisabled: boolean;
}

/** The channels the example serves, for its pages and its form: a view of the integration's store. */
export interface ChannelRegistry {
  /** Adds or updates a channel (connected, reactivated, renamed). */
  track(channel: ChannelInfo): ConnectedChannel;
  disable(channelId: string): void;
  get(channelId: string): ConnectedChannel | undefined;
  /** The channel contact-form posts go to: `channelId` if given, else the first active one. */
  target(channelId?: string): ConnectedChannel | undefined;
  list(): ConnectedChannel[];
}

/** Creates the channel view, in order of connection. */
export function createChannelRegistry(): ChannelRegistry {
  const channels = new Map<string, ConnectedChannel>();
  return {
    track({ channelId, accountId, name, status }) {
      const channel = {
        channelId,
        accountId,
        name: name ?? channelId,
        isDisabled: status !== 'active',
      };
      channels.set(channelId, channel);
      return channel;
    },
    disable(channelId) {
      const channel = channels.get(channelId);
      if (channel) channel.isDisabled = true;
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
