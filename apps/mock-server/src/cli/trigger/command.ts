import type { paths } from '@socialhub/schema/api2';
import type { ChannelState, StateView, TicketState } from '../../control/control.js';
import type { TicketActionState } from '../../services/ticket-view.js';
import type { DeliveryRecord } from '../../state/types.js';
import type { Template } from '../../webhooks/delivery-engine.js';
import { CliUsageError } from '../usage-error.js';
import { createMockApi, type MockApi, MockApiError } from './mock-api.js';
import {
  parseTriggerOptions,
  TRIGGER_USAGE,
  type TriggerAction,
  type TriggerOptions,
} from './options.js';

/** Where `trigger` writes and what it calls (replaced in tests). */
export interface TriggerIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Record<string, string | undefined>;
  fetch: typeof fetch;
}

const TICKET_ACTION_TYPES: Partial<
  Record<TriggerAction, 'reply' | 'template_reply' | 'button' | 'delete'>
> = {
  reply: 'reply',
  'template-reply': 'template_reply',
  button: 'button',
  delete: 'delete',
};

type ManifestAction = NonNullable<
  NonNullable<StateView['manifests'][number]['inbox']>['ticketActions']
>[number];

const usage = (message: string) => new CliUsageError(message);

function pickChannel(state: StateView, channelId: string | undefined): ChannelState {
  if (channelId !== undefined) {
    const channel = state.channels.find((c) => c._id === channelId);
    if (!channel) throw usage(`the mock has no channel ${channelId}${listChannels(state)}`);
    return channel;
  }
  const demo = state.channels.find((c) => c._id === state.demoChannelId);
  if (demo) return demo;
  if (state.channels.length === 1) return state.channels[0] as ChannelState;
  throw usage(
    state.channels.length === 0
      ? 'the mock has no channel yet (POST /_mock/channels makes one)'
      : `pick a channel with --channel${listChannels(state)}`,
  );
}

const listChannels = (state: StateView) =>
  state.channels.length === 0
    ? ''
    : `; channels: ${state.channels.map((c) => `${c._id} (${c.name})`).join(', ')}`;

function pickTicket(
  state: StateView,
  channel: ChannelState,
  ticketId: string | undefined,
): TicketState {
  if (ticketId !== undefined) {
    const ticket = state.tickets.find((t) => t._id === ticketId);
    if (!ticket) throw usage(`the mock has no ticket ${ticketId}`);
    return ticket;
  }
  const candidates = state.tickets
    .filter((t) => t.channelId === channel._id && !t.isHidden && !t.followupTo)
    .sort((a, b) => b.createdTime.localeCompare(a.createdTime));
  const newest = candidates[0];
  if (!newest)
    throw usage(
      `channel ${channel._id} (${channel.name}) has no ticket yet: the integration creates them with POST /inbox/tickets`,
    );
  return newest;
}

function pickAction(
  state: StateView,
  channel: ChannelState,
  type: NonNullable<(typeof TICKET_ACTION_TYPES)[TriggerAction]>,
  actionId: string | undefined,
): ManifestAction {
  const manifest = state.manifests.find((m) => m._id === channel.manifestId);
  const actions = manifest?.inbox?.ticketActions ?? [];
  const describe = () =>
    actions.length === 0
      ? "the channel's manifest has no ticket actions (the integration sets them with PATCH /manifest)"
      : `the manifest's actions: ${actions.map((a) => `${a.id} (${a.type})`).join(', ')}`;
  if (actionId !== undefined) {
    const action = actions.find((a) => a.id === actionId);
    if (!action) throw usage(`no ticket action "${actionId}"; ${describe()}`);
    if (action.type !== type)
      throw usage(`the action "${actionId}" is a ${action.type}, not a ${type}`);
    return action;
  }
  const first = actions.find((a) => a.type === type);
  if (!first) throw usage(`no ${type} action; ${describe()}`);
  return first;
}

/** The body of API2's `POST /inbox/tickets/{ticketId}/actions/{actionId}`. */
type ActionBody = NonNullable<
  paths['/inbox/tickets/{ticketId}/actions/{actionId}']['post']['requestBody']
>['content']['application/json'];

const actionPath = (ticketId: string, actionId: string) =>
  `/api2/inbox/tickets/${encodeURIComponent(ticketId)}/actions/${encodeURIComponent(actionId)}`;

async function actionInput(
  session: Session,
  options: TriggerOptions,
  ticket: TicketState,
  action: ManifestAction,
): Promise<ActionBody> {
  if (action.type === 'reply') {
    const withOptions = 'options' in action ? action.options : undefined;
    const option = options.option ?? withOptions?.[0]?.id;
    return {
      ...(options.text === undefined ? {} : { text: options.text }),
      ...(option === undefined ? {} : { option }),
      ...(options.attachmentUrl === undefined ? {} : { attachment: options.attachmentUrl }),
    };
  }
  if (action.type === 'template_reply') {
    const templates = await session.api.request<Template[]>(
      'GET',
      `${actionPath(ticket._id, action.id)}/templates`,
      { token: await session.userToken() },
    );
    const template =
      options.template === undefined
        ? templates[0]
        : templates.find((t) => t.networkId === options.template);
    if (!template)
      throw usage(
        templates.length === 0
          ? 'the integration offers no templates'
          : `no template "${options.template}"; the integration offers: ${templates.map((t) => t.networkId).join(', ')}`,
      );
    const language = options.language ?? Object.keys(template.text)[0] ?? 'en';
    return {
      template: {
        name: template.name,
        networkId: template.networkId,
        language,
        variables: options.variables,
      },
    };
  }
  return {};
}

/** The mock and the API2 user the actions are performed as. */
interface Session {
  api: MockApi;
  /** The account of the channel acted on (the user is made in it). */
  accountId?: string;
  userToken(): Promise<string>;
}

/**
 * A session: the given user token, or a user made for this run in the channel's account through
 * the control API (`POST /_mock/users`), as a test would.
 */
function createSession(api: MockApi, given: string | undefined): Session {
  let token: Promise<string> | undefined = given === undefined ? undefined : Promise.resolve(given);
  const session: Session = {
    api,
    userToken: () => {
      token ??= api
        .request<{ accessToken: string }>('POST', '/_mock/users', {
          body: {
            ...(session.accountId === undefined ? {} : { accountId: session.accountId }),
            firstName: 'socialhub-mock',
            lastName: 'trigger',
          },
        })
        .then((created) => created.accessToken);
      return token;
    },
  };
  return session;
}

interface Printer {
  line(text: string): void;
  result(value: unknown): void;
}

async function ticketAction(
  session: Session,
  options: TriggerOptions,
  print: Printer,
): Promise<number> {
  const { api } = session;
  const type = TICKET_ACTION_TYPES[options.action];
  if (!type) throw new Error('not a ticket action');
  const state = await api.request<StateView>('GET', '/_mock/state');
  const channel = pickChannel(state, options.channelId);
  session.accountId = channel.accountId;
  const ticket = pickTicket(state, channel, options.ticketId);
  const action = pickAction(state, channel, type, options.actionId);
  const input = await actionInput(session, options, ticket, action);
  // The community manager's call in the SocialHub web app: API2 answers the updated ticket.
  const updated = await api.request<TicketState>('POST', actionPath(ticket._id, action.id), {
    body: input,
    token: await session.userToken(),
  });
  const performed = updated.actions.findLast((a) => a.actionId === action.id);
  if (!performed) throw new MockApiError('NotAMock', 201, 'the answer holds no performed action');
  const result: Record<string, unknown> = {
    action: options.action,
    channelId: ticket.channelId,
    ticketId: ticket._id,
    actionId: action.id,
    event: {
      ticketId: ticket._id,
      networkItemId: ticket.interaction.networkItemId,
      type: performed.type,
      actionId: performed.actionId,
      payload: performed.payload,
      time: performed.time,
      uuid: performed.uuid,
    },
    ...(performed.followupId === undefined ? {} : { followupId: performed.followupId }),
  };
  print.line(
    `${action.type} "${action.id}" performed on ticket ${ticket._id}: ticket_action event ${performed.uuid} queued for the webhook${performed.followupId ? ` (followupId ${performed.followupId})` : ''}`,
  );
  if (!options.wait) {
    print.result(result);
    return 0;
  }
  print.line(`waiting up to ${options.timeoutMs} ms for the outcome…`);
  try {
    const outcome = await api.request<TicketActionState>('GET', '/_mock/wait/action', {
      query: {
        ticketId: ticket._id,
        uuid: performed.uuid,
        timeoutMs: String(options.timeoutMs),
      },
    });
    result.outcome = outcome;
    print.line(
      outcome.outcome === 'succeeded'
        ? `succeeded${outcome.replyTicketId ? `: the integration confirmed it; follow-up ticket ${outcome.replyTicketId}` : ''}`
        : `failed: ${outcome.error ?? 'no reason given'}`,
    );
    print.result(result);
    return outcome.outcome === 'succeeded' ? 0 : 1;
  } catch (error) {
    if (!(error instanceof MockApiError) || error.code !== 'WaitTimeoutError') throw error;
    const seen = (error.data as { seen?: string } | undefined)?.seen ?? 'nothing';
    result.outcome = { outcome: 'pending', seen };
    print.line(`no outcome within ${options.timeoutMs} ms; seen: ${seen}`);
    print.result(result);
    return 1;
  }
}

async function channelAction(
  session: Session,
  options: TriggerOptions,
  print: Printer,
): Promise<number> {
  const { api } = session;
  const state = await api.request<StateView>('GET', '/_mock/state');
  const channel = pickChannel(state, options.channelId);
  session.accountId = channel.accountId;
  const id = encodeURIComponent(channel._id);
  if (options.action === 'renew-token') {
    // "Create new Token" on the channel's settings page.
    const renewed = await api.request<ChannelState>('POST', `/api2/channels/custom/${id}/reset`, {
      token: await session.userToken(),
    });
    const accessToken = renewed.endpoint?.accessToken;
    if (typeof accessToken !== 'string')
      throw new MockApiError('NotAMock', 201, 'the answer holds no new access token');
    print.line(
      `new access token of channel ${channel._id} (${channel.name}); the old token and the manifest's webhook no longer work:`,
    );
    print.line(accessToken);
    print.result({ action: options.action, channelId: channel._id, accessToken });
    return 0;
  }
  if (options.action === 'reactivate') {
    const answer = await api.send<ChannelState>('POST', '/api2/channels/custom', {
      query: { channelId: channel._id },
      body: {},
      token: await session.userToken(),
    });
    const location = answer.headers.get('location');
    if (answer.status < 300 || location === null) {
      print.line(`channel ${channel._id} (${channel.name}) reactivated`);
      print.result({ action: options.action, channelId: channel._id, channel: answer.body });
      return 0;
    }
    const callback = new URL(location);
    const token = callback.searchParams.get('token') ?? '';
    callback.search = '';
    print.line(
      `the manifest has a channelReactivation callback: send the customer to it with ?token=<the temporary token> to reactivate channel ${channel._id}`,
    );
    print.line(`  callback  ${callback.href}`);
    print.line(`  token     ${token}`);
    print.result({
      action: options.action,
      channelId: channel._id,
      callback: callback.href,
      token,
    });
    return 0;
  }
  const since = new Date().toISOString();
  // The customer disables the channel on its settings page.
  await api.request('DELETE', `/api2/channels/${id}`, { token: await session.userToken() });
  const result: Record<string, unknown> = { action: options.action, channelId: channel._id };
  print.line(
    `channel ${channel._id} (${channel.name}) disabled: its token no longer works; a channel_action event is queued for the webhook`,
  );
  if (!options.wait) {
    print.result(result);
    return 0;
  }
  try {
    const delivery = await api.request<DeliveryRecord>('GET', '/_mock/wait/delivery', {
      query: {
        channelId: channel._id,
        eventType: 'channel_action',
        since,
        timeoutMs: String(options.timeoutMs),
      },
    });
    result.delivery = { id: delivery.id, outcome: delivery.outcome };
    print.line(`the channel_action delivery ${delivery.id}: ${delivery.outcome}`);
    print.result(result);
    return delivery.outcome === 'delivered' ? 0 : 1;
  } catch (error) {
    if (!(error instanceof MockApiError) || error.code !== 'WaitTimeoutError') throw error;
    const seen = (error.data as { seen?: string } | undefined)?.seen ?? 'nothing';
    print.line(`no channel_action delivery within ${options.timeoutMs} ms; seen: ${seen}`);
    print.result({ ...result, delivery: { outcome: 'pending', seen } });
    return 1;
  }
}

/**
 * `socialhub-mock trigger <action>`: performs an action against a running mock; resolves to the
 * exit code (0 done, 1 failed or refused, 2 usage).
 */
export async function runTrigger(
  args: string[],
  io: TriggerIo = { out: console.log, err: console.error, env: process.env, fetch },
): Promise<number> {
  const parsed = parseTriggerOptions(args, io.env);
  if (parsed.help) {
    io.out(TRIGGER_USAGE);
    return 0;
  }
  const { options } = parsed;
  const api = createMockApi(options.url, io.fetch);
  const session = createSession(api, options.userToken ?? io.env.SOCIALHUB_USER_TOKEN);
  const print: Printer = options.json
    ? { line: () => {}, result: (value) => io.out(JSON.stringify(value, null, 2)) }
    : { line: io.out, result: () => {} };
  try {
    return TICKET_ACTION_TYPES[options.action]
      ? await ticketAction(session, options, print)
      : await channelAction(session, options, print);
  } catch (error) {
    if (!(error instanceof MockApiError)) throw error;
    if (options.json)
      io.out(
        JSON.stringify(
          {
            error: {
              code: error.code,
              status: error.status,
              message: error.message,
              data: error.data,
            },
          },
          null,
          2,
        ),
      );
    else io.err(error.message);
    return 1;
  }
}
