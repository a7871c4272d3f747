import type { components } from '@socialhub/schema/public';
import { TicketActionEventSchema } from '@socialhub/schema/webhooks/zod';
import { channelDeactivated, MockServerError, notFound, validationError } from '../http/errors.js';
import type { TicketActionRecord, TicketRecord } from '../state/types.js';
import type { Template } from '../webhooks/delivery-engine.js';
import { getChannel, manifestOf } from './channels.js';
import type { MockCore } from './core.js';
import { parseDuration } from './duration.js';
import { checkTemplateVariables } from './template-variables.js';

type Schemas = components['schemas'];

/** What a community manager enters when performing a ticket action. */
export interface PerformActionInput {
  /** Reply text (`reply`). */
  text?: string;
  /** Files attached to the reply (`reply` actions with `attachments`; at most one today). */
  attachments?: Schemas['ReplyAttachment'][];
  /** The chosen reply option's `id` (`reply` actions with `options`). */
  option?: string;
  /** The chosen template and its filled-in variables (`template_reply`). */
  template?: { networkId: string; language: string; variables: Record<string, unknown> };
}

/** The `ticket_action` event that was queued for the webhook. */
export type TicketActionEvent = Schemas['TicketActionEvent'];

const unavailable = (detail: string) =>
  new MockServerError(409, 'ActionNotAvailable', `Error: ${detail}`);

/**
 * A community manager performs a manifest ticket action on a ticket: the action is checked
 * against its manifest configuration and a signed `ticket_action` event is queued.
 */
export async function performTicketAction(
  core: MockCore,
  ticketId: string,
  actionId: string,
  input: PerformActionInput,
): Promise<{ event: TicketActionEvent; followupId?: string }> {
  const ticket = core.store.state.tickets[ticketId];
  if (!ticket) throw notFound('Ticket');
  const channel = core.store.state.channels[ticket.channelId];
  if (!channel) throw notFound('Channel');
  if (channel.isDisabled) throw channelDeactivated();
  const manifest = manifestOf(core, channel);
  const action = manifest.inbox.ticketActions?.find((a) => a.id === actionId);
  if (!action) throw notFound('Ticket action');

  const timeout = action.config && 'timeout' in action.config ? action.config.timeout : undefined;
  if (timeout) {
    const duration = parseDuration(timeout.duration);
    const from = Date.parse(ticket.interaction.createdTime ?? ticket.createdTime);
    if (duration !== undefined && core.now() > from + duration)
      throw unavailable(`The action timed out ${timeout.duration} after the network creation time`);
  }

  const followupId =
    action.type === 'reply' || action.type === 'template_reply' ? core.ids.uuid() : undefined;
  let payload: Record<string, unknown> = {};
  if (action.type === 'reply') {
    const { text, attachments, option } = input;
    if (input.template !== undefined)
      throw validationError('template is for template_reply actions');
    if (text === undefined && attachments === undefined)
      throw validationError('A reply needs text or attachments');
    if (attachments !== undefined) {
      if (!action.attachments) throw validationError('This action does not allow attachments');
      if (attachments.length > 1) throw validationError('A reply has at most one attachment');
      if (action.attachments.noText && text !== undefined)
        throw validationError('This action allows no text with an attachment');
    }
    const maxLength = action.config?.maxLength;
    if (text !== undefined && maxLength !== undefined && text.length > maxLength)
      throw validationError(`The reply is longer than ${maxLength} characters`);
    if (action.options?.length) {
      if (option === undefined) throw validationError('This action needs one of its options');
      if (!action.options.some((o) => o.id === option))
        throw validationError(`"${option}" is not an option of this action`);
    } else if (option !== undefined) {
      throw validationError('This action has no options');
    }
    payload = {
      followupId,
      ...(text === undefined ? {} : { text }),
      ...(attachments === undefined ? {} : { attachments }),
      ...(option === undefined ? {} : { option }),
    };
  } else if (action.type === 'template_reply') {
    const chosen = input.template;
    if (!chosen) throw validationError('A template_reply needs a template');
    if (input.text !== undefined || input.attachments !== undefined || input.option !== undefined)
      throw validationError('A template_reply takes only a template');
    const templates = await core.engine.fetchTemplates(
      channel,
      manifest,
      action.config.templates.url,
    );
    const template = templates.find((t) => t.networkId === chosen.networkId);
    if (!template) throw validationError(`The integration has no template "${chosen.networkId}"`);
    if (!(chosen.language in template.text))
      throw validationError(`Template "${chosen.networkId}" has no "${chosen.language}" text`);
    checkTemplateVariables(template.variables, chosen.variables);
    payload = {
      followupId,
      name: template.name,
      networkId: template.networkId,
      variables: chosen.variables,
      language: chosen.language,
    };
  } else if (
    input.text !== undefined ||
    input.attachments !== undefined ||
    input.option !== undefined ||
    input.template !== undefined
  ) {
    throw validationError(`A ${action.type} action takes no input`);
  }

  const event = {
    ticketId: ticket._id,
    networkItemId: ticket.interaction.networkItemId ?? '',
    type: action.type,
    actionId: action.id,
    payload,
    time: core.now(),
    uuid: core.ids.uuid(),
  };
  // What the mock sends must hold to the webhook contract.
  const checked = TicketActionEventSchema.safeParse(event);
  if (!checked.success)
    throw validationError('The action makes an invalid event', checked.error.issues);
  const record: TicketActionRecord = {
    uuid: event.uuid,
    actionId: action.id,
    type: action.type,
    time: event.time,
    payload,
    status: 'pending',
    ...(followupId === undefined ? {} : { followupId }),
  };
  ticket.actions.push(record);
  core.store.touch();
  core.engine.enqueue(channel._id, 'ticket_action', checked.data);
  return { event: event as TicketActionEvent, ...(followupId === undefined ? {} : { followupId }) };
}

/**
 * The templates a `template_reply` action offers on a ticket, fetched from the integration with
 * a signed GET (as when the community manager opens the template picker).
 */
export async function listActionTemplates(
  core: MockCore,
  ticket: TicketRecord,
  actionId: string,
): Promise<Template[]> {
  const channel = getChannel(core, ticket.channelId);
  if (channel.isDisabled) throw channelDeactivated();
  const manifest = manifestOf(core, channel);
  const action = manifest.inbox.ticketActions?.find((a) => a.id === actionId);
  if (!action) throw notFound('Ticket action');
  if (action.type !== 'template_reply')
    throw validationError(`The action "${actionId}" is a ${action.type}, not a template_reply`);
  return core.engine.fetchTemplates(channel, manifest, action.config.templates.url);
}
