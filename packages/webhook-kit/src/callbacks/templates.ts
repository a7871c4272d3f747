import { TemplateListSchema } from '@socialhub/schema/public/zod';
import { CHALLENGE_HEADER, GET_MAX_BODY_BYTES, SIGNED_GET_BODY } from '../constants.js';
import { verifyDelivery } from '../core.js';
import {
  InvalidOptionsError,
  InvalidTemplatesError,
  MissingParameterError,
  TemplatesCallbackError,
  WebhookKitError,
} from '../errors.js';
import type { Template } from '../events.js';
import {
  answerErrors,
  jsonResponse,
  type KitHandler,
  methodNotAllowed,
  searchParams,
} from '../http.js';
import { type SecretOptions, secretList } from '../secrets.js';

/** Options of `createTemplatesHandler`. */
export type TemplatesHandlerOptions = SecretOptions & {
  /** The templates offered for one channel; validated against the contract before they are served. */
  templates: (context: { channelId: string }) => readonly Template[] | Promise<readonly Template[]>;
  /**
   * Called with a `TemplatesCallbackError` (`templates()` threw) or an `InvalidTemplatesError`
   * (it returned something that is not a template list); SocialHub then gets a `500` JSON
   * `{ code, message }` answer. Failed signature checks are answered `4xx` and not reported, as
   * in the webhook router.
   * @default logs with console.error
   */
  onError?: (error: WebhookKitError, context: { channelId: string }) => unknown;
  /** @default 300000 (5 minutes, either direction) */
  toleranceMs?: number;
  /** @default Date.now */
  now?: () => number;
};

const defaultOnError = (error: WebhookKitError) => {
  console.error(error);
};

/**
 * Answers SocialHub's templates callback (`GET <templates.url>?channelId=`) for `template_reply`
 * actions: verifies the signature (over the empty body, see `SIGNED_GET_BODY`), calls
 * `templates()`, validates what it returns against the contract and answers with it. A
 * failure of `templates()` reaches `onError` and is answered `500` with `{ code, message }`.
 * Serve it with any adapter.
 * @example
 * const templates = createTemplatesHandler({
 *   secret,
 *   templates: async ({ channelId }) => [
 *     { name: 'Greeting', networkId: 'greeting', variables: { firstName: { type: 'string' } },
 *       text: { en: 'Hello {{firstName}}', de: 'Hallo {{firstName}}' } },
 *   ],
 *   onError: (error) => logger.error(error),
 * });
 */
export function createTemplatesHandler(options: TemplatesHandlerOptions): KitHandler {
  secretList(options); // fail at start-up, not on the first request
  if (typeof options.templates !== 'function')
    throw new InvalidOptionsError('createTemplatesHandler: `templates` must be a function');
  if (options.onError !== undefined && typeof options.onError !== 'function')
    throw new InvalidOptionsError('createTemplatesHandler: `onError` must be a function');
  const onError = options.onError ?? defaultOnError;

  const report = async (error: WebhookKitError, channelId: string) => {
    try {
      await onError(error, { channelId });
    } catch (secondary) {
      console.error(secondary);
    }
  };

  /** Runs `templates()` and validates its result; every failure is a typed error. */
  async function templatesFor(channelId: string): Promise<string> {
    let result: unknown;
    try {
      result = await options.templates({ channelId });
    } catch (cause) {
      throw new TemplatesCallbackError(channelId, { cause });
    }
    const parsed = TemplateListSchema.safeParse(result);
    if (!parsed.success) throw new InvalidTemplatesError(channelId, { cause: parsed.error });
    try {
      return JSON.stringify(parsed.data);
    } catch (cause) {
      // A template field zod accepted as `unknown` but JSON cannot hold (a BigInt, a cycle).
      throw new InvalidTemplatesError(channelId, { cause });
    }
  }

  return {
    maxBodyBytes: GET_MAX_BODY_BYTES,
    async handle(request) {
      if (request.method !== 'GET') return methodNotAllowed(['GET']);
      return answerErrors(async () => {
        const challenge = await verifyDelivery(SIGNED_GET_BODY, request.headers, options);
        const channelId = searchParams(request.url).get('channelId');
        if (!channelId) throw new MissingParameterError('channelId');
        let body: string;
        try {
          body = await templatesFor(channelId);
        } catch (error) {
          const typed =
            error instanceof WebhookKitError
              ? error
              : new TemplatesCallbackError(channelId, { cause: error });
          await report(typed, channelId);
          throw typed;
        }
        const response = jsonResponse(200, null, { [CHALLENGE_HEADER]: challenge });
        return { ...response, body };
      });
    },
  };
}
