import { CHALLENGE_HEADER, GET_MAX_BODY_BYTES, SIGNED_GET_BODY } from '../constants.js';
import { verifyDelivery } from '../core.js';
import { MissingParameterError } from '../errors.js';
import type { Template } from '../events.js';
import {
  answerErrors,
  jsonResponse,
  type KitHandler,
  methodNotAllowed,
  searchParams,
} from '../http.js';
import { type SecretOptions, secretList } from '../verify.js';

/** Options of `createTemplatesHandler`. */
export type TemplatesHandlerOptions = SecretOptions & {
  /** The templates offered for one channel. */
  templates: (context: { channelId: string }) => readonly Template[] | Promise<readonly Template[]>;
  /** @default 300000 (5 minutes, either direction) */
  toleranceMs?: number;
  /** @default Date.now */
  now?: () => number;
};

/**
 * Answers SocialHub's templates callback (`GET <templates.url>?channelId=`) for `template_reply`
 * actions: verifies the signature (over the empty body, see `SIGNED_GET_BODY`) and answers with
 * the integration's templates. Serve it with any adapter.
 * @example
 * const templates = createTemplatesHandler({
 *   secret,
 *   templates: async ({ channelId }) => [
 *     { name: 'Greeting', networkId: 'greeting', variables: { firstName: { type: 'string' } },
 *       text: { en: 'Hello {{firstName}}', de: 'Hallo {{firstName}}' } },
 *   ],
 * });
 */
export function createTemplatesHandler(options: TemplatesHandlerOptions): KitHandler {
  secretList(options); // fail at start-up, not on the first request
  return {
    maxBodyBytes: GET_MAX_BODY_BYTES,
    async handle(request) {
      if (request.method !== 'GET') return methodNotAllowed(['GET']);
      return answerErrors(async () => {
        const challenge = await verifyDelivery(SIGNED_GET_BODY, request.headers, options);
        const channelId = searchParams(request.url).get('channelId');
        if (!channelId) throw new MissingParameterError('channelId');
        const templates = await options.templates({ channelId });
        return jsonResponse(200, templates, { [CHALLENGE_HEADER]: challenge });
      });
    },
  };
}
