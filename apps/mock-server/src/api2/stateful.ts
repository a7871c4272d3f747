import type { Api2OperationId } from '@socialhub/schema/api2/operations';
import type { components as PublicComponents } from '@socialhub/schema/public';
import { MockServerError, notFound } from '../http/errors.js';
import type { Reply } from '../http/types.js';
import { listActionTemplates, performTicketAction } from '../services/actions.js';
import {
  createCustomChannel,
  disableChannelByCustomer,
  getChannel,
  rotateChannelToken,
} from '../services/channels.js';
import type { MockCore } from '../services/core.js';
import { reactivateChannel, startAddChannel } from '../services/redirects.js';
import { createTicketViewContext } from '../services/ticket-view.js';
import { createUser, getTeam, getUser, issueUserToken } from '../services/users.js';
import { channelState, oneTicketState, ticketState, userState } from '../services/views.js';
import type { ChannelRecord, TeamRecord, TicketRecord, UserRecord } from '../state/types.js';
import type { Api2Context } from './types.js';

type ReplyAttachment = PublicComponents['schemas']['ReplyAttachment'];

/** Loose shapes of validated parts (the generated schemas checked them; these name what is read). */
type Fields = Record<string, unknown>;

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

const ok = (body: unknown, status = 200): Reply => ({ status, body });

/**
 * Only the fields an operation documents: API2's generated schemas are loose (unknown keys pass),
 * and a body must never write `_id`, `accountId` or tokens into a record.
 */
const pick = (fields: Fields, keys: readonly string[]): Fields => {
  const picked: Fields = {};
  for (const key of keys) if (fields[key] !== undefined) picked[key] = fields[key];
  return picked;
};

const USER_PATCH = [
  'email',
  'firstName',
  'lastName',
  'role',
  'locale',
  'password',
  'settings',
  'readOnlyChannelIds',
];
const USER_CREATE = [
  'userName',
  'role',
  'firstName',
  'lastName',
  'email',
  'phone',
  'password',
  'locale',
  'teams',
];
const TEAM_PATCH = ['name', 'admins'];

/** The account's channel, or `404` (channels of other accounts do not exist for the user). */
function accountChannel(core: MockCore, user: UserRecord, channelId: string): ChannelRecord {
  const channel = core.store.state.channels[channelId];
  if (!channel || channel.accountId !== user.accountId) throw notFound('Channel');
  return channel;
}

/** The account's ticket, or `404`. */
function accountTicket(core: MockCore, user: UserRecord, ticketId: string): TicketRecord {
  const ticket = core.store.state.tickets[ticketId];
  if (!ticket || ticket.accountId !== user.accountId) throw notFound('Ticket');
  return ticket;
}

const MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  pdf: 'application/pdf',
  txt: 'text/plain',
};

/** API2's `attachment` URL as the webhook's reply attachment. */
function attachmentOf(url: string): ReplyAttachment {
  const name = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'attachment');
  const extension = name.includes('.') ? (name.split('.').pop() ?? '').toLowerCase() : '';
  return {
    url,
    name,
    extension,
    size: 0,
    mimetype: MIME[extension] ?? 'application/octet-stream',
  };
}

const sorters: Record<string, (a: ChannelRecord, b: ChannelRecord) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  network: (a, b) => a.manifestId.localeCompare(b.manifestId),
  createdTime: (a, b) => a.createdTime.localeCompare(b.createdTime),
  expires: () => 0,
};

/**
 * Where a redirect's integration sends the customer back to: the page that asked (`Referer`),
 * else SocialHub's own Channels page (the mock's web UI).
 */
const originOf = (context: Api2Context, baseUrl: string) => {
  const referer = context.request.headers.referer;
  try {
    return referer ? new URL(referer).href : `${baseUrl}/app/#/channels`;
  } catch {
    return `${baseUrl}/app/#/channels`;
  }
};

const redirectTo = (url: string): Reply => ({ status: 302, headers: { location: url } });

/** A handler of one API2 operation over the mock's state. */
export type StatefulHandler = (context: Api2Context) => Reply | Promise<Reply>;

/**
 * The API2 operations that touch what the public API touches, answered from the one state:
 * channels, tickets and ticket actions, the manifest callbacks, users and teams.
 */
export function createStatefulHandlers(
  core: MockCore,
  baseUrl: () => string,
): Partial<Record<Api2OperationId, StatefulHandler>> {
  const state = () => core.store.state;
  const userOf = (context: Api2Context) => {
    if (!context.user)
      throw new MockServerError(401, 'AccessTokenInvalidError', 'Error: Invalid access token');
    return context.user;
  };
  const id = (context: Api2Context, name: string) => str((context.params as Fields)[name]) ?? '';
  const query = (context: Api2Context) => (context.query ?? {}) as Fields;
  const body = (context: Api2Context) => (context.body ?? {}) as Fields;
  const teamsOf = (user: UserRecord) =>
    Object.values(state().teams).filter((team) => team.accountId === user.accountId);

  return {
    // ---- users
    postUsersLogin: async (context) => {
      const { username, password } = body(context);
      const user = Object.values(state().users).find(
        (u) => (u.userName === username || u.email === username) && u.password !== undefined,
      );
      if (!user || user.password !== password)
        throw new MockServerError(403, 'AccessDenied', 'Error: Wrong user name or password');
      const token = await issueUserToken(core, user);
      // 204 (no two-factor step); the token travels as SocialHub's web app gets it, in a cookie.
      return {
        status: 204,
        headers: {
          'set-cookie': `accesstoken=${token}; Path=/api2; HttpOnly; SameSite=Strict`,
        },
      };
    },
    getUsersLogout: (context) => {
      if (context.token) core.store.revokeUserToken(context.token);
      core.store.touch();
      return {
        status: 204,
        headers: { 'set-cookie': 'accesstoken=; Path=/api2; HttpOnly; SameSite=Strict; Max-Age=0' },
      };
    },
    getUsers: (context) => {
      const user = userOf(context);
      return ok(
        Object.values(state().users)
          .filter((u) => u.accountId === user.accountId)
          .map(userState),
      );
    },
    postUsers: (context) => {
      const user = userOf(context);
      const fields = pick(body(context), USER_CREATE) as Parameters<typeof createUser>[1];
      return ok(userState(createUser(core, { ...fields, accountId: user.accountId })));
    },
    patchUsersByUserId: (context) => {
      const user = getUser(core, userOf(context).accountId, id(context, 'userId'));
      Object.assign(user, pick(body(context), USER_PATCH), {
        updatedTime: new Date(core.now()).toISOString(),
      });
      core.store.touch();
      return ok(userState(user));
    },
    deleteUsersByUserId: (context) => {
      const user = getUser(core, userOf(context).accountId, id(context, 'userId'));
      for (const token of [...user.accessTokens]) core.store.revokeUserToken(token);
      delete state().users[user._id];
      for (const team of Object.values(state().teams))
        team.users = team.users.filter((u) => u !== user._id);
      core.store.touch();
      return { status: 204 };
    },

    // ---- teams
    getTeams: (context) => ok(teamsOf(userOf(context))),
    getTeamsSummary: (context) =>
      ok(teamsOf(userOf(context)).map(({ _id, name }) => ({ _id, name }))),
    postTeams: (context) => {
      const user = userOf(context);
      const team: TeamRecord = {
        users: [],
        channels: [],
        admins: [],
        _id: core.ids.objectId(),
        accountId: user.accountId,
        name: str(body(context).name) ?? 'Team',
        createdTime: new Date(core.now()).toISOString(),
      };
      state().teams[team._id] = team;
      core.store.touch();
      return ok(team, 201);
    },
    patchTeamsById: (context) => {
      const team = getTeam(core, userOf(context).accountId, id(context, 'id'));
      Object.assign(team, pick(body(context), TEAM_PATCH));
      core.store.touch();
      return ok(team);
    },
    deleteTeamsById: (context) => {
      const team = getTeam(core, userOf(context).accountId, id(context, 'id'));
      delete state().teams[team._id];
      core.store.touch();
      return { status: 204 };
    },
    postTeamsByIdUsers: (context) => {
      const user = userOf(context);
      const team = getTeam(core, user.accountId, id(context, 'id'));
      for (const userId of (body(context).userIds as string[]) ?? []) {
        getUser(core, user.accountId, userId);
        if (!team.users.includes(userId)) team.users.push(userId);
      }
      core.store.touch();
      return ok(team);
    },
    postTeamsByIdChannels: (context) => {
      const user = userOf(context);
      const team = getTeam(core, user.accountId, id(context, 'id'));
      for (const channelId of (body(context).channelIds as string[]) ?? []) {
        accountChannel(core, user, channelId);
        if (!team.channels.includes(channelId)) team.channels.push(channelId);
      }
      core.store.touch();
      return ok(team);
    },
    deleteTeamsByIdUsersByUserId: (context) => {
      const team = getTeam(core, userOf(context).accountId, id(context, 'id'));
      team.users = team.users.filter((u) => u !== id(context, 'userId'));
      core.store.touch();
      return ok(team);
    },
    deleteTeamsByIdChannelByChannelId: (context) => {
      const team = getTeam(core, userOf(context).accountId, id(context, 'id'));
      team.channels = team.channels.filter((c) => c !== id(context, 'channelId'));
      core.store.touch();
      return ok(team);
    },

    // ---- channels
    getChannels: (context) => {
      const user = userOf(context);
      const q = query(context);
      const search = str(q.search)?.toLowerCase();
      const status = str(q.status);
      const teamIds = Array.isArray(q.teamIds) ? (q.teamIds as string[]) : undefined;
      const inTeams =
        teamIds && new Set(teamIds.flatMap((teamId) => state().teams[teamId]?.channels ?? []));
      let channels = Object.values(state().channels).filter(
        (c) =>
          c.accountId === user.accountId &&
          (q.includeInactive !== false || !c.isDisabled) &&
          (status === undefined ||
            (status === 'disabled' ? c.isDisabled : status === 'active' ? !c.isDisabled : false)) &&
          (search === undefined ||
            c.name.toLowerCase().includes(search) ||
            c.uniqueName.toLowerCase().includes(search)) &&
          (!inTeams || inTeams.has(c._id)),
      );
      const sorter = sorters[str(q.sortBy) ?? 'createdTime'] ?? sorters.createdTime;
      channels = channels.sort(sorter);
      if (q.order === 'desc') channels.reverse();
      const offset = typeof q.offset === 'number' ? Math.max(0, q.offset) : 0;
      const count = typeof q.count === 'number' ? Math.max(0, q.count) : channels.length;
      return ok(channels.slice(offset, offset + count).map((c) => channelState(c)));
    },
    getChannelsById: (context) =>
      ok(channelState(accountChannel(core, userOf(context), id(context, 'id')))),
    patchChannelsById: (context) => {
      const channel = accountChannel(core, userOf(context), id(context, 'id'));
      const { name, imageUrl } = body(context);
      if (typeof name === 'string') channel.name = name;
      if (typeof imageUrl === 'string') channel.imageUrl = imageUrl;
      channel.updatedTime = new Date(core.now()).toISOString();
      core.store.touch();
      return ok(channelState(channel));
    },
    deleteChannelsById: (context) => {
      const channel = accountChannel(core, userOf(context), id(context, 'id'));
      disableChannelByCustomer(core, channel._id);
      return { status: 204 };
    },
    postChannelsCustom: async (context) => {
      const user = userOf(context);
      const q = query(context);
      const channelId = str(q.channelId);
      if (channelId) {
        const result = await reactivateChannel(core, accountChannel(core, user, channelId), {
          userId: user._id,
          origin: originOf(context, baseUrl()),
        });
        if ('redirectUrl' in result) return redirectTo(result.redirectUrl);
        return ok(channelState(result.channel), 201);
      }
      const fields = body(context);
      const { channel, accessToken } = await createCustomChannel(core, {
        accountId: user.accountId,
        name: str(fields.name) ?? 'Custom channel',
        ...(str(fields.uniqueName) ? { uniqueName: str(fields.uniqueName) as string } : {}),
        ...(str(fields.imageUrl) ? { imageUrl: str(fields.imageUrl) as string } : {}),
      });
      const teamId = str(q.teamIds);
      if (teamId) getTeam(core, user.accountId, teamId).channels.push(channel._id);
      // The new token is answered here, once, as `endpoint.accessToken` (as the public API does).
      return ok(channelState(channel, accessToken), 201);
    },
    postChannelsCustomByIdReset: async (context) => {
      const channel = accountChannel(core, userOf(context), id(context, 'id'));
      const accessToken = await rotateChannelToken(core, channel._id);
      return ok(channelState(getChannel(core, channel._id), accessToken), 201);
    },

    // ---- tickets
    getInboxTicketsByTicketId: (context) =>
      ok(oneTicketState(core, accountTicket(core, userOf(context), id(context, 'ticketId')))),
    getInboxTicketsByTicketIdTree: (context) => {
      const ticket = accountTicket(core, userOf(context), id(context, 'ticketId'));
      const view = createTicketViewContext(core);
      const rootId = ticket.interaction.root?.rootId;
      const root = (rootId && core.store.ticketByNetworkItemId(ticket.channelId, rootId)) || ticket;
      const all = Object.values(state().tickets).filter((t) => t.channelId === ticket.channelId);
      const children = (parent: TicketRecord) =>
        all.filter(
          (t) =>
            t !== parent &&
            (t.followupTo?.followupToId === parent._id ||
              (parent === root &&
                t.interaction.root?.rootId === root.interaction.networkItemId &&
                !t.followupTo)),
        );
      const out: unknown[] = [];
      const walk = (node: TicketRecord, depth: number) => {
        if (out.length > 10_000) return;
        out.push({ ...ticketState(node, view), depth, unreadCommentsCount: 0 });
        for (const child of children(node)) walk(child, depth + 1);
      };
      walk(root, 0);
      return ok(out, 201);
    },
    getInboxTicketsByTicketIdHistory: (context) => {
      const ticket = accountTicket(core, userOf(context), id(context, 'ticketId'));
      const actor = context.user?._id;
      return ok([
        { action: 'created', time: ticket.createdTime, variables: {} },
        ...ticket.actions.map((action) => ({
          action: action.status === 'reset' ? 'actionReset' : 'actionPerformed',
          ...(actor ? { actor } : {}),
          time: new Date(action.time).toISOString(),
          variables: {
            actionId: action.actionId,
            type: action.type,
            status: action.status,
            ...(action.reason === undefined ? {} : { reason: action.reason }),
          },
        })),
      ]);
    },
    postInboxTicketsByTicketIdActionsByActionId: async (context) => {
      const ticket = accountTicket(core, userOf(context), id(context, 'ticketId'));
      const sent = body(context);
      const template = sent.template as
        | { networkId: string; language: string; variables?: Record<string, unknown> }
        | undefined;
      await performTicketAction(core, ticket._id, id(context, 'actionId'), {
        ...(typeof sent.text === 'string' ? { text: sent.text } : {}),
        ...(typeof sent.attachment === 'string'
          ? { attachments: [attachmentOf(sent.attachment)] }
          : {}),
        ...(typeof sent.option === 'string' ? { option: sent.option } : {}),
        ...(template
          ? {
              template: {
                networkId: template.networkId,
                language: template.language,
                variables: template.variables ?? {},
              },
            }
          : {}),
      });
      return ok(oneTicketState(core, ticket), 201);
    },
    getInboxTicketsByTicketIdActionsByActionIdTemplates: async (context) => {
      const ticket = accountTicket(core, userOf(context), id(context, 'ticketId'));
      return ok(await listActionTemplates(core, ticket, id(context, 'actionId')), 201);
    },

    // ---- manifests: "Add Channel" and reactivation send the browser to the integration
    getManifestsByManifestIdCallbacksChannelCreation: async (context) => {
      const user = userOf(context);
      const teamIds = str(query(context).teamIds);
      const { redirectUrl } = await startAddChannel(core, id(context, 'manifestId'), {
        accountId: user.accountId,
        userId: user._id,
        origin: originOf(context, baseUrl()),
        ...(teamIds ? { teamIds: [teamIds] } : {}),
      });
      return redirectTo(redirectUrl);
    },
    getManifestsByManifestIdCallbacksChannelReactivation: async (context) => {
      const user = userOf(context);
      const channelId = str(query(context).channelId);
      if (!channelId)
        throw new MockServerError(400, 'ValidationError', 'Error: channelId is required');
      const channel = accountChannel(core, user, channelId);
      if (channel.manifestId !== id(context, 'manifestId')) throw notFound('Channel');
      const result = await reactivateChannel(core, channel, {
        userId: user._id,
        origin: originOf(context, baseUrl()),
      });
      if ('redirectUrl' in result) return redirectTo(result.redirectUrl);
      return redirectTo(originOf(context, baseUrl()));
    },
  };
}
