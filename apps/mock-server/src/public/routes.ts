import type { OperationEntry } from '@socialhub/schema/public/operations';
import { type PublicOperationId, publicOperations } from '@socialhub/schema/public/operations';
import * as publicZod from '@socialhub/schema/public/zod';
import type { z } from 'zod';
import { rejectToken } from '../auth/reject-token.js';
import type { TemporaryToken } from '../auth/tokens.js';
import { channelDeactivated, MockServerError } from '../http/errors.js';
import type { MockRequest, Reply, Route } from '../http/types.js';
import {
  createOrReactivateChannel,
  disableChannelByIntegration,
  manifestOf,
  updateChannel,
} from '../services/channels.js';
import type { MockCore } from '../services/core.js';
import { updateManifestOfChannel } from '../services/manifests.js';
import {
  confirmReplySuccess,
  createTicket,
  resetTicketAction,
  updateTicket,
} from '../services/tickets.js';
import { channelView, manifestView, ticketView } from '../services/views.js';
import type { ChannelRecord } from '../state/types.js';

/** Who the access token says the caller is. */
type Caller =
  | { kind: 'channel'; channel: ChannelRecord }
  | { kind: 'temporary'; token: TemporaryToken };

/** What the pipeline validated for an operation, typed from its zod schemas. */
type Valid<Body, Path = unknown, Query = unknown> = {
  body: Body;
  params: Path;
  query: Query;
};

type Handler = (request: MockRequest, caller: Caller) => Reply | Promise<Reply>;

const channelOf = (caller: Caller) => {
  // The route table below only passes channel callers to these handlers.
  if (caller.kind !== 'channel') throw rejectToken(undefined, undefined, 'wrong-kind');
  return caller.channel;
};

const valid = <V extends Valid<unknown>>(request: MockRequest) => request.valid as V;

/** The handlers of the public Integration API, by operationId (bodies already validated). */
function handlers(core: MockCore): Record<PublicOperationId, Handler> {
  return {
    getInfo: (_request, caller) => {
      const channel = channelOf(caller);
      const manifest = manifestOf(core, channel);
      return {
        status: 200,
        body: manifest.isReusable
          ? { channel: channelView(channel) }
          : { channel: channelView(channel), manifest: manifestView(manifest) },
      };
    },
    updateManifest: async (request, caller) => {
      // The body is left to the handler: loopback http:// URLs are read as https:// there.
      if (request.body === undefined)
        throw new MockServerError(400, 'ValidationError', 'Error: The request body is required');
      const manifest = await updateManifestOfChannel(core, channelOf(caller), request.body);
      return { status: 200, body: manifestView(manifest) };
    },
    createChannel: async (request, caller) => {
      if (caller.kind !== 'temporary') throw rejectToken(undefined, undefined, 'wrong-kind');
      const { body } = valid<Valid<z.output<typeof publicZod.createChannelBody>>>(request);
      const { channel, accessToken } = await createOrReactivateChannel(core, caller.token, body);
      return { status: 201, body: channelView(channel, accessToken) };
    },
    updateChannel: (request, caller) => {
      const { body } = valid<Valid<z.output<typeof publicZod.updateChannelBody>>>(request);
      return { status: 200, body: channelView(updateChannel(core, channelOf(caller), body)) };
    },
    disableChannel: (request, caller) => {
      const { query } =
        valid<Valid<unknown, unknown, z.output<typeof publicZod.disableChannelQuery>>>(request);
      disableChannelByIntegration(core, channelOf(caller), query?.reason);
      return { status: 204 };
    },
    createTicket: (request, caller) => {
      const { body } = valid<Valid<z.output<typeof publicZod.createTicketBody>>>(request);
      return { status: 201, body: ticketView(createTicket(core, channelOf(caller), body).ticket) };
    },
    updateTicket: (request, caller) => {
      const { body, params, query } =
        valid<
          Valid<
            z.output<typeof publicZod.updateTicketBody>,
            z.output<typeof publicZod.updateTicketPath>,
            z.output<typeof publicZod.updateTicketQuery>
          >
        >(request);
      const ticket = updateTicket(
        core,
        channelOf(caller),
        params.ticketId,
        body,
        query?.reset === true,
      );
      return { status: 200, body: ticketView(ticket) };
    },
    confirmReplySuccess: (request, caller) => {
      const { body, params } =
        valid<
          Valid<
            z.output<typeof publicZod.confirmReplySuccessBody>,
            z.output<typeof publicZod.confirmReplySuccessPath>
          >
        >(request);
      const ticket = confirmReplySuccess(
        core,
        channelOf(caller),
        params.ticketId,
        params.followupId,
        body,
      );
      return { status: 201, body: ticketView(ticket) };
    },
    resetTicketAction: (request, caller) => {
      const { body, params } =
        valid<
          Valid<
            z.output<typeof publicZod.resetTicketActionBody> | undefined,
            z.output<typeof publicZod.resetTicketActionPath>
          >
        >(request);
      const ticket = resetTicketAction(
        core,
        channelOf(caller),
        params.ticketId,
        params.actionId,
        body ?? {},
      );
      return { status: 201, body: ticketView(ticket) };
    },
  };
}

/** `/inbox/tickets/{ticketId}` → `/inbox/tickets/:ticketId` (find-my-way syntax). */
export const routerPath = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');

const TOO_MANY = () =>
  new MockServerError(429, 'TooManyRequestsError', 'Error: Too many requests.');

/** Rate limit (headers on every answer), then the token's verdict for the route. */
function admitTo(core: MockCore, isCreation: boolean) {
  return (request: MockRequest, token: string, caller: Caller | undefined): Caller => {
    const bucket =
      caller?.kind === 'channel'
        ? caller.channel._id
        : caller
          ? `manifest:${caller.token.payload.manifestId}:${caller.token.payload.accountId}`
          : `client:${request.remoteAddress}`;
    const rate = core.rateLimiter.hit(bucket);
    request.replyHeaders = {
      'x-ratelimit-limit': String(rate.limit),
      'x-ratelimit-remaining': String(rate.remaining),
    };
    if (!caller || isCreation !== (caller.kind === 'temporary'))
      throw rejectToken(core, token, isCreation ? 'creation' : 'channel');
    if (caller.kind === 'channel' && caller.channel.isDisabled) throw channelDeactivated();
    if (rate.isLimited) {
      request.replyHeaders['retry-after'] = String(rate.retryAfterSeconds);
      throw TOO_MANY();
    }
    return caller;
  };
}

/**
 * The public Integration API, with the paths of the generated operations table under `prefix`
 * (`''` at the root; `/api2/public` serves the same handlers where API2 lists them): token check
 * and per-channel rate limit (headers on every answer) in `authenticate`, validation of every
 * part by the pipeline, then the handler.
 */
export function publicRoutes(core: MockCore, prefix = ''): Route[] {
  const byOperation = handlers(core);
  return Object.values(publicOperations).map((operation: OperationEntry) => {
    const handler = byOperation[operation.operationId as PublicOperationId];
    const isCreation = operation.operationId === 'createChannel';
    const admit = admitTo(core, isCreation);
    return {
      method: operation.method.toUpperCase() as Route['method'],
      path: `${prefix}${routerPath(operation.path)}` || '/',
      hasFaults: true,
      operation: {
        entry: operation,
        zod: publicZod,
        isBodyLeftToHandler: operation.operationId === 'updateManifest',
      },
      authenticate: (request): Caller | Promise<Caller> => {
        const token = request.query.get('accesstoken') ?? '';
        const channel = token ? core.store.channelByToken(token) : undefined;
        // Channel tokens are a map lookup (no await); only temporary tokens need the HMAC.
        if (channel || !token || !isCreation)
          return admit(request, token, channel && { kind: 'channel', channel });
        return core.tokens
          .verifyTemporary(token)
          .then((temporary) =>
            admit(request, token, temporary && { kind: 'temporary', token: temporary }),
          );
      },
      handler: (request) => handler(request, request.caller as Caller),
    };
  });
}
