/**
 * The portable suite's configuration, read from the environment. With `SOCIALHUB_URL` set the
 * suite runs against that SocialHub (a real test account); without it, against a local mock.
 */
export interface PortableEnv {
  /** The public Integration API's base, e.g. `https://api.socialhub.io`. */
  socialHubUrl: string;
  /** API2's base, e.g. `https://app.socialhub.io/api2`. */
  api2Url: string;
  /** A community manager's API2 access token (`?accesstoken=`). */
  userToken: string;
  /** The token of the custom channel the contact form posts to. */
  channelToken: string;
  /** That channel's id, when given: checked against the token's channel. */
  channelId?: string;
  /** Where SocialHub reaches the example (an HTTPS tunnel to `port`). */
  publicUrl: string;
  /** The local port the example listens on (the tunnel's target). */
  port: number;
  /** The webhook secret the example sets in the channel's manifest. */
  webhookSecret?: string;
}

const REQUIRED = [
  'SOCIALHUB_API2_URL',
  'SOCIALHUB_USER_TOKEN',
  'SOCIALHUB_CHANNEL_TOKEN',
  'CONTACT_FORM_PUBLIC_URL',
] as const;

/** Reads the suite's configuration; `undefined` when `SOCIALHUB_URL` is unset (run on the mock). */
export function readPortableEnv(env: NodeJS.ProcessEnv = process.env): PortableEnv | undefined {
  const socialHubUrl = env.SOCIALHUB_URL;
  if (!socialHubUrl) return undefined;
  const missing = REQUIRED.filter((name) => !env[name]);
  if (missing.length > 0)
    // Names only: never a value, some are tokens.
    throw new Error(`portable suite: SOCIALHUB_URL is set, so set ${missing.join(', ')} too`);
  const port = Number(env.CONTACT_FORM_PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error('portable suite: CONTACT_FORM_PORT must be a port number');
  return {
    socialHubUrl,
    api2Url: env.SOCIALHUB_API2_URL as string,
    userToken: env.SOCIALHUB_USER_TOKEN as string,
    channelToken: env.SOCIALHUB_CHANNEL_TOKEN as string,
    ...(env.SOCIALHUB_CHANNEL_ID ? { channelId: env.SOCIALHUB_CHANNEL_ID } : {}),
    publicUrl: env.CONTACT_FORM_PUBLIC_URL as string,
    port,
    ...(env.WEBHOOK_SECRET ? { webhookSecret: env.WEBHOOK_SECRET } : {}),
  };
}

/** A test's time limit: waits on a real account poll for up to 30 s each. */
export const portableTimeoutMs = (env: NodeJS.ProcessEnv = process.env): number =>
  env.SOCIALHUB_URL ? 120_000 : 20_000;
