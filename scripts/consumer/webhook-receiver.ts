/**
 * A webhook receiver for quick starts that register a webhook on the mock SocialHub (which sends
 * a signed test request to the URL first): the packed @socialhub/webhook-kit on node:http,
 * started from the consumer project with the Node under test.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from './ports.ts';
import { type Started, settle, start } from './processes.ts';

/** The package the receiver is built from. */
export const WEBHOOK_KIT = '@socialhub/webhook-kit';

const RECEIVER = `
import { createServer } from 'node:http';
import { createWebhookHandler } from '@socialhub/webhook-kit';
import { createNodeHandler } from '@socialhub/webhook-kit/node';

const webhooks = createWebhookHandler({ secret: process.env.SOCIALHUB_WEBHOOK_SECRET, on: {} });
createServer(createNodeHandler(webhooks)).listen(Number(process.env.PORT), '127.0.0.1');
`;

/** A running receiver and its URL (`http://127.0.0.1:<port>/webhook`). */
export interface RunningReceiver {
  url: string;
  program: Started;
}

/** Starts the receiver with `secret`; throws when it does not listen within 30 s. */
export async function startReceiver(
  project: string,
  nodePath: string,
  secret: string,
): Promise<RunningReceiver> {
  const file = join(project, 'webhook-receiver.mjs');
  await writeFile(file, RECEIVER);
  const port = await freePort();
  const program = start(nodePath, [file], {
    cwd: project,
    env: { PORT: String(port), SOCIALHUB_WEBHOOK_SECRET: secret },
  });
  const settled = await settle(program, port, 30_000);
  if (settled.kind !== 'listening') {
    await program.stop();
    throw new Error(`the webhook receiver did not listen:\n${program.output()}`);
  }
  return { url: `http://127.0.0.1:${port}/webhook`, program };
}
