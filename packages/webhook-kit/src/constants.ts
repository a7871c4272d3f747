/** Header carrying the delivery time in milliseconds since the epoch. */
export const TIMESTAMP_HEADER = 'x-socialhub-timestamp';

/** Header carrying `hmac_sha256_hex(challenge, rawBody)`. */
export const SIGNATURE_HEADER = 'x-socialhub-signature';

/** Header the receiver must answer with, holding `sha256_hex(timestamp + ";" + secret)`. */
export const CHALLENGE_HEADER = 'x-socialhub-challenge';

/** Accepted clock difference between SocialHub and the receiver, in either direction. */
export const DEFAULT_TOLERANCE_MS = 5 * 60 * 1000;

/** Largest body accepted before any crypto runs (1 MiB). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * The bytes a signed GET (the templates callback) is verified against. A GET has no body, so we
 * read SocialHub's "signed the same way a WebHook request would be" as an HMAC over the empty
 * string. This is the one place to change should that reading turn out wrong.
 */
export const SIGNED_GET_BODY = '';

/** Body limit of the GET callbacks: they carry no body, so anything larger is not SocialHub's. */
export const GET_MAX_BODY_BYTES = 1024;
