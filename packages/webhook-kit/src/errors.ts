import { describeIssues } from './describe-issues.js';

/** Machine-readable codes of the errors this package throws. */
export type WebhookErrorCode =
  | 'invalid_options'
  | 'missing_header'
  | 'missing_parameter'
  | 'malformed_timestamp'
  | 'timestamp_outside_tolerance'
  | 'invalid_signature'
  | 'payload_too_large'
  | 'malformed_json'
  | 'invalid_event'
  | 'handler_failed'
  | 'templates_failed'
  | 'invalid_templates'
  | 'body_already_parsed'
  | 'invalid_token'
  | 'token_expired'
  | 'channel_creation_failed';

const PREFIX = '@socialhub/webhook-kit: ';

/** Base class of every error this package throws; `status` is the HTTP status to answer with. */
export class WebhookKitError extends Error {
  override readonly name: string = 'WebhookKitError';
  readonly code: WebhookErrorCode;
  readonly status: number;

  constructor(code: WebhookErrorCode, status: number, message: string, options?: ErrorOptions) {
    super(PREFIX + message, options);
    this.code = code;
    this.status = status;
  }
}

/**
 * A function of this package was called with options or arguments it cannot work with (no
 * secret, a handler that is not a function, an unknown event name...): a bug in the caller,
 * thrown at once, never answered to SocialHub.
 */
export class InvalidOptionsError extends WebhookKitError {
  override readonly name = 'InvalidOptionsError';
  constructor(message: string, options?: ErrorOptions) {
    super('invalid_options', 500, message, options);
  }
}

/** A required header (`X-SocialHub-Timestamp` or `X-SocialHub-Signature`) is absent or empty. */
export class MissingHeaderError extends WebhookKitError {
  override readonly name = 'MissingHeaderError';
  readonly header: string;
  constructor(header: string) {
    super('missing_header', 400, `missing header ${header}`);
    this.header = header;
  }
}

/** A required query parameter (`channelId`, `token`) is absent or empty. */
export class MissingParameterError extends WebhookKitError {
  override readonly name = 'MissingParameterError';
  readonly parameter: string;
  constructor(parameter: string) {
    super('missing_parameter', 400, `missing query parameter ${parameter}`);
    this.parameter = parameter;
  }
}

/** `X-SocialHub-Timestamp` is not a non-negative integer of milliseconds. */
export class MalformedTimestampError extends WebhookKitError {
  override readonly name = 'MalformedTimestampError';
  constructor() {
    super('malformed_timestamp', 400, 'X-SocialHub-Timestamp is not an integer of milliseconds');
  }
}

/** The delivery's timestamp is further from the receiver's clock than the tolerance allows. */
export class TimestampOutsideToleranceError extends WebhookKitError {
  override readonly name = 'TimestampOutsideToleranceError';
  /** Signed difference `now - timestamp` in milliseconds (negative: from the future). */
  readonly skewMs: number;
  readonly toleranceMs: number;
  constructor(skewMs: number, toleranceMs: number) {
    super(
      'timestamp_outside_tolerance',
      401,
      `X-SocialHub-Timestamp is ${Math.abs(skewMs)} ms ${skewMs < 0 ? 'ahead of' : 'behind'} the receiver's clock (tolerance ${toleranceMs} ms)`,
    );
    this.skewMs = skewMs;
    this.toleranceMs = toleranceMs;
  }
}

/** `X-SocialHub-Signature` does not match the body under any configured secret. */
export class InvalidSignatureError extends WebhookKitError {
  override readonly name = 'InvalidSignatureError';
  constructor(reason: string) {
    super('invalid_signature', 401, `signature does not match: ${reason}`);
  }
}

/** The body is larger than `maxBodyBytes`; nothing was hashed. */
export class PayloadTooLargeError extends WebhookKitError {
  override readonly name = 'PayloadTooLargeError';
  readonly maxBodyBytes: number;
  constructor(maxBodyBytes: number) {
    super('payload_too_large', 413, `body is larger than ${maxBodyBytes} bytes`);
    this.maxBodyBytes = maxBodyBytes;
  }
}

/** The verified body is not JSON, or not a delivery envelope. */
export class MalformedJsonError extends WebhookKitError {
  override readonly name = 'MalformedJsonError';
  constructor(reason: string, options?: ErrorOptions) {
    super('malformed_json', 400, `body is not a SocialHub delivery: ${reason}`, options);
  }
}

/**
 * One event failed schema validation (in a verified delivery, or built by `createTestEvent`);
 * `reason` says which fields and why, `cause` holds the zod error.
 */
export class InvalidEventError extends WebhookKitError {
  override readonly name = 'InvalidEventError';
  readonly eventType: string;
  readonly event: unknown;
  /** Each failing field and why, e.g. `payload.followupId: Invalid UUID`. */
  readonly reason: string;
  constructor(eventType: string, event: unknown, options?: ErrorOptions) {
    const reason = describeIssues(options?.cause);
    super(
      'invalid_event',
      400,
      `event ${eventType} does not match its schema${reason ? `: ${reason}` : ''}`,
      options,
    );
    this.eventType = eventType;
    this.event = event;
    this.reason = reason;
  }
}

/** The `templates()` callback of `createTemplatesHandler` threw or rejected; `cause` holds what it threw. */
export class TemplatesCallbackError extends WebhookKitError {
  override readonly name = 'TemplatesCallbackError';
  readonly channelId: string;
  constructor(channelId: string, options?: ErrorOptions) {
    super('templates_failed', 500, `templates() failed for channel ${channelId}`, options);
    this.channelId = channelId;
  }
}

/**
 * What `templates()` returned is not a template list of the contract, so it was not served;
 * `reason` says which fields and why, `cause` holds the zod error.
 */
export class InvalidTemplatesError extends WebhookKitError {
  override readonly name = 'InvalidTemplatesError';
  readonly channelId: string;
  readonly reason: string;
  constructor(channelId: string, options?: ErrorOptions) {
    const reason = describeIssues(options?.cause);
    super(
      'invalid_templates',
      500,
      `templates() returned templates that do not match the contract for channel ${channelId}${reason ? `: ${reason}` : ''}`,
      options,
    );
    this.channelId = channelId;
    this.reason = reason;
  }
}

/** An event handler threw or rejected; `cause` holds what it threw. */
export class EventHandlerError extends WebhookKitError {
  override readonly name = 'EventHandlerError';
  readonly eventType: string;
  readonly event: unknown;
  constructor(eventType: string, event: unknown, options?: ErrorOptions) {
    super('handler_failed', 500, `handler for ${eventType} failed`, options);
    this.eventType = eventType;
    this.event = event;
  }
}

/** A framework body parser consumed the request before the adapter could read its raw bytes. */
export class BodyAlreadyParsedError extends WebhookKitError {
  override readonly name = 'BodyAlreadyParsedError';
  constructor(framework: string, hint: string) {
    super(
      'body_already_parsed',
      500,
      `the ${framework} request body was already parsed, so its raw bytes are lost and the signature cannot be checked. ${hint}`,
    );
  }
}
