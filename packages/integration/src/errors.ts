/** Machine-readable codes of the errors this package throws. */
export type IntegrationErrorCode =
  | 'invalid_options'
  | 'invalid_argument'
  | 'action_failed'
  | 'store_failed'
  | 'manifest_rejected'
  | 'webhook_test_failed'
  | 'missing_parameter'
  | 'invalid_token'
  | 'token_expired'
  | 'channel_creation_failed'
  | 'unknown_channel';

const PREFIX = '@socialhub/integration: ';

/** Base class of every error this package throws; `status` is the HTTP status it answers with. */
export class IntegrationError extends Error {
  override readonly name: string = 'IntegrationError';
  readonly code: IntegrationErrorCode;
  readonly status: number;

  constructor(code: IntegrationErrorCode, status: number, message: string, options?: ErrorOptions) {
    super(PREFIX + message, options);
    this.code = code;
    this.status = status;
  }
}

/** A bad option or argument given to this package's functions. */
export class IntegrationConfigError extends IntegrationError {
  override readonly name = 'IntegrationConfigError';
  constructor(message: string, code: 'invalid_options' | 'invalid_argument' = 'invalid_options') {
    super(code, 500, message);
  }
}

/**
 * Thrown by an action handler to fail the action at once (no retry): the framework reports it to
 * SocialHub with the reset route and `reason`, which the community managers see in the Inbox.
 * @example
 * throw new ActionFailedError('The comment was deleted on the network.');
 */
export class ActionFailedError extends IntegrationError {
  override readonly name = 'ActionFailedError';
  /** Shown to the community managers. */
  readonly reason: string;
  constructor(reason: string, options?: ErrorOptions) {
    super('action_failed', 422, reason, options);
    this.reason = reason;
  }
}

/** The store could not be read or written; nothing was acknowledged. */
export class StoreError extends IntegrationError {
  override readonly name = 'StoreError';
  constructor(message: string, options?: ErrorOptions) {
    super('store_failed', 503, message, options);
  }
}

/** `PATCH /manifest` was refused (not because the manifest is reusable). */
export class ManifestError extends IntegrationError {
  override readonly name = 'ManifestError';
  /** SocialHub's HTTP status. */
  readonly socialhubStatus: number;
  /** SocialHub's error `code`. */
  readonly socialhubCode: string;
  constructor(
    code: 'manifest_rejected' | 'webhook_test_failed',
    message: string,
    socialhub: { status: number; code: string },
  ) {
    super(code, 502, message);
    this.socialhubStatus = socialhub.status;
    this.socialhubCode = socialhub.code;
  }
}

/** A required query parameter (`token`) of a channel callback is absent or empty. */
export class MissingParameterError extends IntegrationError {
  override readonly name = 'MissingParameterError';
  readonly parameter: string;
  constructor(parameter: string) {
    super('missing_parameter', 400, `missing query parameter ${parameter}`);
    this.parameter = parameter;
  }
}

/** The `?token=` of a channel callback is not a decodable token of the right kind. */
export class InvalidTokenError extends IntegrationError {
  override readonly name = 'InvalidTokenError';
  constructor(reason: string, options?: ErrorOptions) {
    super('invalid_token', 400, `channel callback token is invalid: ${reason}`, options);
  }
}

/** The `?token=` of a channel callback is past its `exp`. */
export class TokenExpiredError extends IntegrationError {
  override readonly name = 'TokenExpiredError';
  readonly expiredAt: Date;
  constructor(expiredAt: Date, options?: ErrorOptions) {
    super(
      'token_expired',
      401,
      `channel callback token expired at ${expiredAt.toISOString()}`,
      options,
    );
    this.expiredAt = expiredAt;
  }
}

/**
 * `POST /channels`, sent by a channel callback handler, did not create the channel: SocialHub
 * refused it (`socialhubStatus`, `socialhubCode`, e.g. 403 `ChannelLimitReached`, 409
 * `DuplicateChannel`) or could not be reached. `cause` holds the client's error.
 */
export class ChannelCreationError extends IntegrationError {
  override readonly name = 'ChannelCreationError';
  /** SocialHub's HTTP status, or `undefined` when it could not be reached. */
  readonly socialhubStatus: number | undefined;
  /** SocialHub's error `code`, when it answered. */
  readonly socialhubCode: string | undefined;
  constructor(
    reason: string,
    socialhub: { status?: number; code?: string },
    options?: ErrorOptions,
  ) {
    super('channel_creation_failed', 502, `POST /channels failed: ${reason}`, options);
    this.socialhubStatus = socialhub.status;
    this.socialhubCode = socialhub.code;
  }
}
