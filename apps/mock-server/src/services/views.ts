import type { components } from '@socialhub/schema/public';
import type { ChannelRecord, ManifestRecord, TicketRecord } from '../state/types.js';

type Schemas = components['schemas'];

/** A channel as the public API returns it; `accessToken` only where SocialHub returns it. */
export function channelView(channel: ChannelRecord, accessToken?: string): Schemas['Channel'] {
  return {
    _id: channel._id,
    accountId: channel.accountId,
    name: channel.name,
    uniqueName: channel.uniqueName,
    ...(channel.imageUrl === undefined ? {} : { imageUrl: channel.imageUrl }),
    ...(channel.networkId === undefined ? {} : { networkId: channel.networkId }),
    endpoint: { ...(accessToken === undefined ? {} : { accessToken }), ...channel.endpoint },
    businessHours: channel.businessHours,
    createdTime: channel.createdTime,
    ...(channel.updatedTime === undefined ? {} : { updatedTime: channel.updatedTime }),
  };
}

/** A manifest as `GET /` and `PATCH /manifest` return it. */
export function manifestView(manifest: ManifestRecord): Schemas['Manifest'] {
  return {
    _id: manifest._id,
    ...(manifest.name === undefined ? {} : { name: manifest.name }),
    ...(manifest.branding === undefined ? {} : { branding: manifest.branding }),
    webhook: manifest.webhook,
    inbox: manifest.inbox,
    ...(manifest.callbacks === undefined ? {} : { callbacks: manifest.callbacks }),
  };
}

/** A ticket as the Ticket API returns it (without the Inbox state). */
export function ticketView(ticket: TicketRecord): Schemas['Ticket'] {
  return {
    _id: ticket._id,
    accountId: ticket.accountId,
    channelId: ticket.channelId,
    createdTime: ticket.createdTime,
    ...(ticket.updatedTime === undefined ? {} : { updatedTime: ticket.updatedTime }),
    ...(ticket.followupTo === undefined ? {} : { followupTo: ticket.followupTo }),
    interaction: ticket.interaction,
  };
}
