/**
 * Runs the contact-form example. Configuration comes from the environment:
 *
 * | variable | |
 * | --- | --- |
 * | `SOCIALHUB_URL` | SocialHub (or the mock server) base URL; default `https://api.socialhub.io` |
 * | `SOCIALHUB_TOKEN` | the channel token; the manifest is set on its channel at start |
 * | `WEBHOOK_SECRET` | 32..512 characters |
 * | `PORT`, `HOST` | where to listen; default 3000 on 127.0.0.1 |
 * | `PUBLIC_URL` | the URL SocialHub reaches the example at; default the listening URL |
 * | `DATABASE_PATH` | the SQLite file for events, channels and tokens; default in memory |
 */
import { createContactFormApp } from './app.js';
import { ContactFormError } from './errors.js';

const env = process.env;

const USAGE = `Usage: WEBHOOK_SECRET=<32..512 characters> [SOCIALHUB_URL=<url>] [SOCIALHUB_TOKEN=<channel token>]
       [PORT=3000] [HOST=127.0.0.1] [PUBLIC_URL=<url SocialHub reaches this at>] [DATABASE_PATH=<file>] tsx src/main.ts`;

function port(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65_535)
    throw new ContactFormError('invalid_option', 'PORT must be an integer from 0 to 65535');
  return number;
}

async function main() {
  if (!env.WEBHOOK_SECRET) {
    console.error(`WEBHOOK_SECRET is not set.\n${USAGE}`);
    process.exit(1);
  }
  const app = await createContactFormApp({
    webhookSecret: env.WEBHOOK_SECRET,
    ...(env.SOCIALHUB_TOKEN ? { accessToken: env.SOCIALHUB_TOKEN } : {}),
    ...(env.SOCIALHUB_URL ? { socialHubUrl: env.SOCIALHUB_URL } : {}),
    ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}),
    ...(env.DATABASE_PATH ? { databasePath: env.DATABASE_PATH } : {}),
    port: port(env.PORT),
    host: env.HOST || '127.0.0.1',
  });
  const stop = () => void app.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  if (env.SOCIALHUB_TOKEN) {
    try {
      const outcome = await app.configureManifest();
      console.log(
        outcome === 'configured'
          ? 'manifest set: webhook, ticket actions, callbacks (the webhook test request passed)'
          : 'the manifest is reusable; the SocialHub Team keeps it up to date',
      );
    } catch (error) {
      await app.close();
      throw error;
    }
  } else {
    console.log('no SOCIALHUB_TOKEN: the manifest was not set; channels connect via "Add Channel"');
  }
  console.log(`contact form    ${app.url}/`);
  console.log(`outbox          ${app.url}/outbox`);
  console.log(`webhook         ${app.publicUrl}/webhook`);
  console.log(`add channel     ${app.publicUrl}/add-channel`);
}

main().catch((error: unknown) => {
  // Our errors and the client's never hold a token or a secret.
  console.error(error instanceof Error ? error.message : String(error));
  if (error instanceof Error && error.cause instanceof Error)
    console.error(`  ${error.cause.message}`);
  process.exit(1);
});
