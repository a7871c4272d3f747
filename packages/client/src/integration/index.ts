/**
 * Integration helpers over the public client, one thin typed function per documented flow.
 * @example
 * import { createPublicClient } from '@socialhub/client';
 * import { createTicket, setWebhook } from '@socialhub/client/integration';
 *
 * const client = createPublicClient({ accessToken });
 * await setWebhook(client, { url: 'https://example.com/webhook', secret });
 */
export { type DisableChannelOptions, disableChannel, updateChannel } from './channel.js';
export {
  type CreateChannelInput,
  type CreateChannelResult,
  type CreateChannelsInput,
  createChannel,
  createChannels,
  type ReactivateChannelInput,
  reactivateChannel,
} from './channels.js';
export { type InboxSettings, removeWebhook, setInbox, setWebhook } from './manifest.js';
export type { PublicResult, Schemas } from './shared.js';
export {
  type ConfirmReplyInput,
  confirmReply,
  createTicket,
  type FailedActionInput,
  reportFailedAction,
  type UpdateTicketOptions,
  updateTicket,
} from './tickets.js';
export {
  type ChannelCreationTokenPayload,
  type ChannelReactivationTokenPayload,
  type ChannelTokenPayload,
  type DecodeTokenOptions,
  decodeChannelCreationToken,
  decodeChannelReactivationToken,
  decodeChannelToken,
} from './tokens.js';
