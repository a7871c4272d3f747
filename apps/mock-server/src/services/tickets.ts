import type { components } from '@socialhub/schema/public';
import type {
  ActionResetSchema,
  ReplySuccessSchema,
  TicketCreateSchema,
  TicketUpdateSchema,
} from '@socialhub/schema/public/zod';
import type { z } from 'zod';
import { MockServerError, notFound, validationError } from '../http/errors.js';
import type { ChannelRecord, TicketRecord } from '../state/types.js';
import { manifestOf } from './channels.js';
import { isoNow, type MockCore } from './core.js';

type Interaction = components['schemas']['Interaction'];
type TicketType = components['schemas']['TicketType'];

const conflict = () =>
  new MockServerError(
    409,
    'ConflictError',
    'Error: Ticket with such network item id already exists',
  );

/** `type` is honoured only for channels of reusable manifests; SocialHub uses `TICKET` otherwise. */
function ticketType(
  core: MockCore,
  channel: ChannelRecord,
  type: TicketType | undefined,
): TicketType {
  return manifestOf(core, channel).isReusable ? (type ?? 'TICKET') : 'TICKET';
}

/** The ticket of this channel, or `404` (tickets of other channels do not exist for a token). */
export function getChannelTicket(
  core: MockCore,
  channel: ChannelRecord,
  ticketId: string,
): TicketRecord {
  const ticket = core.store.state.tickets[ticketId];
  if (!ticket || ticket.channelId !== channel._id) throw notFound('Ticket');
  return ticket;
}

function newTicket(core: MockCore, channel: ChannelRecord, interaction: Interaction): TicketRecord {
  return {
    _id: core.ids.objectId(),
    accountId: channel.accountId,
    channelId: channel._id,
    createdTime: isoNow(core),
    interaction,
    isHidden: false,
    isUnread: true,
    isDone: false,
    actions: [],
  };
}

/**
 * `POST /inbox/tickets`. Synchronous from check to insert, so parallel requests with one
 * `networkItemId` give exactly one ticket. A missing root is created as a hidden empty ticket,
 * which a later create with its `networkItemId` fills in.
 */
export function createTicket(
  core: MockCore,
  channel: ChannelRecord,
  body: z.output<typeof TicketCreateSchema>,
): { ticket: TicketRecord } {
  const sent = body.interaction;
  const existing = core.store.ticketByNetworkItemId(channel._id, sent.networkItemId);
  if (existing && !existing.isHidden) throw conflict();
  const now = isoNow(core);

  let root: Interaction['root'];
  if (sent.root) {
    const { rootId } = sent.root;
    let rootTicket =
      rootId === sent.networkItemId
        ? existing
        : core.store.ticketByNetworkItemId(channel._id, rootId);
    if (!rootTicket && rootId !== sent.networkItemId) {
      rootTicket = newTicket(core, channel, {
        networkItemId: rootId,
        createdTime: now,
        type: 'TICKET',
        attachments: [],
        pictures: [],
      });
      rootTicket.isHidden = true;
      rootTicket.isUnread = false;
      core.store.addTicket(rootTicket);
    }
    root = {
      rootId,
      url:
        rootTicket?.interaction.url ?? (rootId === sent.networkItemId ? (sent.url ?? null) : null),
      createdTime: rootTicket?.createdTime ?? now,
    };
  }

  let interactor: Interaction['interactor'];
  if (sent.interactor) {
    // Tickets whose interactors share a network id share SocialHub's interactor id (linked).
    const links = core.store.state.interactors[channel._id] ?? {};
    core.store.state.interactors[channel._id] = links;
    const interactorId = links[sent.interactor.interactorId] ?? core.ids.objectId();
    links[sent.interactor.interactorId] = interactorId;
    interactor = {
      ...(sent.interactor.url === undefined ? {} : { url: sent.interactor.url }),
      name: sent.interactor.name,
      ...(sent.interactor.picture === undefined ? {} : { picture: sent.interactor.picture }),
      interactorId,
    };
  }

  // The validated body is spread, so a field the contract adds is kept with no edit here; only
  // what SocialHub computes is set over it.
  const { root: _root, interactor: _interactor, ...sentFields } = sent;
  const interaction: Interaction = {
    ...sentFields,
    createdTime: sent.createdTime ?? now,
    type: ticketType(core, channel, sent.type),
    ...(root === undefined ? {} : { root }),
    ...(interactor === undefined ? {} : { interactor }),
    attachments: sent.attachments ?? [],
    pictures: sent.pictures ?? [],
  };
  // The customer's own interactions (interactor = the channel's networkId) are not unread.
  const isUnread = !(
    channel.networkId !== undefined && sent.interactor?.interactorId === channel.networkId
  );

  if (existing) {
    existing.interaction = interaction;
    existing.isHidden = false;
    existing.isUnread = isUnread;
    core.store.touch();
    return { ticket: existing };
  }
  const ticket = newTicket(core, channel, interaction);
  ticket.isUnread = isUnread;
  core.store.addTicket(ticket);
  core.store.touch();
  return { ticket };
}

/** `PATCH /inbox/tickets/{ticketId}`; `reset` moves the ticket back out of Done. */
export function updateTicket(
  core: MockCore,
  channel: ChannelRecord,
  ticketId: string,
  body: z.output<typeof TicketUpdateSchema>,
  reset: boolean,
): TicketRecord {
  const ticket = getChannelTicket(core, channel, ticketId);
  const { interactor, type, ...sent } = body.interaction ?? {};
  // Every sent field is written over the stored one (a new contract field too).
  Object.assign(ticket.interaction, sent);
  if (type !== undefined) ticket.interaction.type = ticketType(core, channel, type);
  if (interactor !== undefined)
    ticket.interaction.interactor = { ...ticket.interaction.interactor, ...interactor };
  ticket.updatedTime = isoNow(core);
  if (reset) ticket.isDone = false;
  core.store.touch();
  return ticket;
}

/** `POST .../replies/{followupId}/success`: the reply's own ticket, with `followupTo` set. */
export function confirmReplySuccess(
  core: MockCore,
  channel: ChannelRecord,
  ticketId: string,
  followupId: string,
  body: z.output<typeof ReplySuccessSchema>,
): TicketRecord {
  const ticket = getChannelTicket(core, channel, ticketId);
  const action = ticket.actions.find((a) => a.followupId === followupId);
  if (!action) throw notFound('Followup');
  if (action.status === 'published')
    throw new MockServerError(409, 'ConflictError', 'Error: This reply was already confirmed');
  const sent = body.interaction;
  if (core.store.ticketByNetworkItemId(channel._id, sent.networkItemId)) throw conflict();
  const text = action.payload.text;
  const reply = newTicket(core, channel, {
    ...sent,
    createdTime: sent.createdTime ?? isoNow(core),
    ...(typeof text === 'string' ? { message: text } : {}),
    type: ticketType(core, channel, sent.type),
    attachments: [],
    pictures: [],
  });
  reply.followupTo = { followupToId: ticket._id };
  reply.isUnread = false;
  core.store.addTicket(reply);
  action.status = 'published';
  action.replyTicketId = reply._id;
  core.store.touch();
  return reply;
}

/** `POST .../reset/{actionId}`: the integration could not apply an action; it is reset. */
export function resetTicketAction(
  core: MockCore,
  channel: ChannelRecord,
  ticketId: string,
  actionId: string,
  body: z.output<typeof ActionResetSchema>,
): TicketRecord {
  const ticket = getChannelTicket(core, channel, ticketId);
  const candidates = ticket.actions.filter((a) => a.actionId === actionId);
  if (candidates.length === 0) throw notFound('Action');
  const isReply = candidates.some((a) => a.type === 'reply' || a.type === 'template_reply');
  if (isReply && body.followupId === undefined)
    throw validationError('followupId is required to reset a reply or template_reply action');
  const action =
    body.followupId === undefined
      ? (candidates.findLast((a) => a.status === 'pending') ?? candidates.at(-1))
      : candidates.find((a) => a.followupId === body.followupId);
  if (!action) throw notFound('Followup');
  action.status = 'reset';
  if (body.reason !== undefined) action.reason = body.reason;
  action.resetTime = isoNow(core);
  ticket.updatedTime = action.resetTime;
  core.store.touch();
  return ticket;
}
