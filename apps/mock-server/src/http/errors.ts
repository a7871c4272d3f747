/** Where an error came from, for callers that branch on it. */
export type MockErrorCode =
  | 'AccessTokenInvalidError'
  | 'ChannelDeactivated'
  | 'ChannelLimitReached'
  | 'DuplicateChannel'
  | 'DuplicateUniqueName'
  | 'ConflictError'
  | 'WebhookValidationError'
  | 'TooManyRequestsError'
  | 'ManifestNotEditable'
  | 'ValidationError'
  | 'BadRequestError'
  | 'PayloadTooLargeError'
  | 'NotFoundError'
  | 'MethodNotAllowedError'
  | 'ActionNotAvailable'
  | 'TemplatesCallbackError'
  | 'InjectedFault'
  | 'AccessDenied'
  | 'InternalError';

/** The JSON body of every error answer: `{ code, message, data? }`, as SocialHub sends it. */
export interface ErrorBody {
  code: string;
  message: string;
  data?: unknown;
}

/**
 * An error the mock answers with: HTTP `status`, SocialHub's `code` and the `detail` text sent as
 * `message` in the body (`Error: ...`, as SocialHub words it). Control methods throw it too.
 */
export class MockServerError extends Error {
  override readonly name = 'MockServerError';
  readonly status: number;
  readonly code: MockErrorCode;
  /** The text of the body's `message`. */
  readonly detail: string;
  readonly data: unknown;

  constructor(
    status: number,
    code: MockErrorCode,
    detail: string,
    options: { data?: unknown; cause?: unknown } = {},
  ) {
    super(`@socialhub/mock-server: ${status} ${code}: ${detail}`, { cause: options.cause });
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.data = options.data;
  }

  /** The JSON body to answer with. */
  toBody(): ErrorBody {
    return this.data === undefined
      ? { code: this.code, message: this.detail }
      : { code: this.code, message: this.detail, data: this.data };
  }
}

/** Why an access token was refused (sent as `data.reason` of a 401; the token itself never is). */
export type TokenRejection = 'missing' | 'malformed' | 'expired' | 'wrong-kind' | 'unknown';

const TOKEN_REASONS: Record<TokenRejection, string> = {
  missing: 'No access token was sent: add ?accesstoken=<token> to the URL',
  malformed: 'The access token is not a SocialHub token (not a JWT this server signed)',
  expired: 'The access token has expired; get a new one',
  'wrong-kind': 'The access token is of the wrong kind for this route',
  unknown:
    'The access token is not (or no longer) valid: it was replaced, revoked or never issued here',
};

/**
 * 401: the access token is missing, malformed, expired, of the wrong kind or unknown; `data`
 * says which (`{ reason, detail }`), never echoing the token.
 */
export const accessTokenInvalid = (reason: TokenRejection = 'unknown', detail?: string) =>
  new MockServerError(401, 'AccessTokenInvalidError', 'Error: Invalid access token', {
    data: { reason, detail: detail ?? TOKEN_REASONS[reason] },
  });

/** 403: the channel is disabled. */
export const channelDeactivated = () =>
  new MockServerError(403, 'ChannelDeactivated', 'Error: Channel is deactivated');

/** 404 for an unknown resource. */
export const notFound = (what: string) =>
  new MockServerError(404, 'NotFoundError', `Error: ${what} not found`);

/** 400 for a body or parameter that breaks a documented rule. */
export const validationError = (detail: string, data?: unknown) =>
  new MockServerError(400, 'ValidationError', `Error: ${detail}`, { data });
