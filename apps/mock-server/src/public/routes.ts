import { type PublicOperationId, publicOperations } from '@socialhub/schema/public/operations';
import {
  confirmReplySuccessBody,
  confirmReplySuccessPath,
  createChannelBody,
  createTicketBody,
  disableChannelQuery,
  resetTicketActionBody,
  resetTicketActionPath,
  updateChannelBody,
  updateTicketBody,
  updateTicketPath,
  updateTicketQuery,
} from '@socialhub/schema/public/zod';
import type { MockCore } from '../services/core.js';
import {
  accessTokenInvalid,
  channelDeactivated,
  MockServerError,
  validationError,
} from '../http/errors.js';
import { applyFault, type FaultRegistry } from '../http/faults.js';
import type { MockRequest, Reply, Route } from '../http/types.js';
import {
  createOrReactivateChannel,
  disableChannelByIntegration,
  manifestOf,
  updateChannel,
} from '../services/channels.js';
import { updateManifestOfChannel } from '../services/manifests.js';
import {
  confirmReplySuccess,
  createTicket,
  resetTicketAction,
  updateTicket,
} from '../services/tickets.js';
import type { ChannelRecord } from '../state/types.js';
import type { TemporaryToken } from '../auth/tokens.js';
import { parseOrThrow } from '../http/validate.js';
import { channelView, manifestView, ticketView } from '../services/views.js';

/** Who the access token says the caller is. */
type Caller =
  | { kind: 'channel'; channel: ChannelRecord }
  | { kind: 'temporary'; token: TemporaryToken };

type Handler = (request: MockRequest, caller: Caller) => Reply | Promise<Reply>;

const requireBody = (body: unknown) => {
  if (body === undefined) throw validationError('The request body is required');
  return body;
};

const channelOf = (caller: Caller) => {
  // The route table below only passes channel callers to these handlers.
  if (caller.kind !== 'channel') throw accessTokenInvalid();
  return caller.channel;
};

/** The handlers of the public Integration API, by operationId. */
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
      const manifest = await updateManifestOfChannel(
        core,
        channelOf(caller),
        requireBody(request.body),
      );
      return { status: 200, body: manifestView(manifest) };
    },
    createChannel: async (request, caller) => {
      if (caller.kind !== 'temporary') throw accessTokenInvalid();
      const body = parseOrThrow(createChannelBody, requireBody(request.body), 'The channel');
      const { channel, accessToken } = await createOrReactivateChannel(core, caller.token, body);
      return { status: 201, body: channelView(channel, accessToken) };
    },
    updateChannel: (request, caller) => {
      const body = parseOrThrow(updateChannelBody, requireBody(request.body), 'The channel');
      return { status: 200, body: channelView(updateChannel(core, channelOf(caller), body)) };
    },
    disableChannel: (request, caller) => {
      const query = parseOrThrow(
        disableChannelQuery,
        Object.fromEntries(request.query),
        'The query',
      );
      disableChannelByIntegration(core, channelOf(caller), query.reason);
      return { status: 204 };
    },
    createTicket: (request, caller) => {
      const body = parseOrThrow(createTicketBody, requireBody(request.body), 'The ticket');
      return { status: 201, body: ticketView(createTicket(core, channelOf(caller), body).ticket) };
    },
    updateTicket: (request, caller) => {
      const { ticketId } = parseOrThrow(updateTicketPath, request.params, 'The path');
      const query = parseOrThrow(
        updateTicketQuery,
        { reset: request.query.get('reset') ?? undefined },
        'The query',
      );
      const body = parseOrThrow(updateTicketBody, requireBody(request.body), 'The ticket');
      const ticket = updateTicket(core, channelOf(caller), ticketId, body, query.reset === true);
      return { status: 200, body: ticketView(ticket) };
    },
    confirmReplySuccess: (request, caller) => {
      const { ticketId, followupId } = parseOrThrow(
        confirmReplySuccessPath,
        request.params,
        'The path',
      );
      const body = parseOrThrow(confirmReplySuccessBody, requireBody(request.body), 'The reply');
      const ticket = confirmReplySuccess(core, channelOf(caller), ticketId, followupId, body);
      return { status: 201, body: ticketView(ticket) };
    },
    resetTicketAction: (request, caller) => {
      const { ticketId, actionId } = parseOrThrow(
        resetTicketActionPath,
        request.params,
        'The path',
      );
      const body = parseOrThrow(resetTicketActionBody, request.body ?? {}, 'The reset');
      const ticket = resetTicketAction(core, channelOf(caller), ticketId, actionId, body);
      return { status: 201, body: ticketView(ticket) };
    },
  };
}

/** `/inbox/tickets/{ticketId}` → `/inbox/tickets/:ticketId` (find-my-way syntax). */
const routerPath = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');

/**
 * The public Integration API at the root, with the paths of the generated operations table:
 * token check, per-channel rate limit (headers on every answer), injected faults, then the handler.
 */
export function publicRoutes(core: MockCore, faults: FaultRegistry): Route[] {
  const byOperation = handlers(core);
  return Object.values(publicOperations).map((operation) => {
    const handler = byOperation[operation.operationId as PublicOperationId];
    const isCreation = operation.operationId === 'createChannel';
    const method = operation.method.toUpperCase() as Route['method'];
    return {
      method,
      path: routerPath(operation.path),
      handler: async (request) => {
        const token = request.query.get('accesstoken') ?? '';
        let caller: Caller | undefined;
        const channel = token ? core.store.channelByToken(token) : undefined;
        if (channel) caller = { kind: 'channel', channel };
        else if (token && isCreation) {
          const temporary = await core.tokens.verifyTemporary(token);
          if (temporary) caller = { kind: 'temporary', token: temporary };
        }
        const bucket =
          caller?.kind === 'channel'
            ? caller.channel._id
            : caller
              ? `manifest:${caller.token.payload.manifestId}:${caller.token.payload.accountId}`
              : `client:${request.remoteAddress}`;
        const rate = core.rateLimiter.hit(bucket);
        const reply = await answer(request, caller, rate.isLimited, rate.retryAfterSeconds);
        const headers = reply.headers ?? {};
        headers['x-ratelimit-limit'] = String(rate.limit);
        headers['x-ratelimit-remaining'] = String(rate.remaining);
        reply.headers = headers;
        return reply;
      },
    };

    async function answer(
      request: MockRequest,
      caller: Caller | undefined,
      isLimited: boolean,
      retryAfter: number,
    ): Promise<Reply> {
      try {
        const fault =
          faults.count === 0 ? undefined : await applyFault(faults, method, request.path);
        if (fault) return fault;
        if (!caller) throw accessTokenInvalid();
        if (isCreation !== (caller.kind === 'temporary')) throw accessTokenInvalid();
        if (caller.kind === 'channel' && caller.channel.isDisabled) throw channelDeactivated();
        if (isLimited) {
          return {
            status: 429,
            body: { code: 'TooManyRequestsError', message: 'Error: Too many requests.' },
            headers: { 'retry-after': String(retryAfter) },
          };
        }
        return await handler(request, caller);
      } catch (error) {
        if (error instanceof MockServerError) return { status: error.status, body: error.toBody() };
        throw error;
      }
    }
  });
}
