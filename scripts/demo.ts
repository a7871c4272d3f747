/**
 * `pnpm run main` (so `npm start`) ends here: starts the mock SocialHub and the contact-form
 * example wired to it (see e2e/src/demo-stack.ts) and prints the URLs to open. Ctrl-C stops both.
 *
 * | variable | default | |
 * | --- | --- | --- |
 * | `DEMO_SOCIALHUB_PORT` | 4010 | the mock SocialHub and its web UI (`0`: any free port) |
 * | `DEMO_EXAMPLE_PORT` | 4020 | the contact-form example (`0`: any free port) |
 * | `DEMO_EXIT_AFTER_READY` | unset | `1`: start, check the whole loop, print, stop (same as `--check`) |
 *
 * Never prints a token or the webhook secret.
 */
import { checkDemo } from '../e2e/src/demo-check.ts';
import { DEMO_PORTS, type DemoStack, startDemo } from '../e2e/src/demo-stack.ts';
import { DemoError } from '../e2e/src/errors.ts';

const USAGE = `Usage: tsx scripts/demo.ts [--check]
  --check   start, check the reply loop and "Add Channel" without a browser, print the URLs, stop
Environment: DEMO_SOCIALHUB_PORT (default ${DEMO_PORTS.socialHub}), DEMO_EXAMPLE_PORT (default ${DEMO_PORTS.example}), DEMO_EXIT_AFTER_READY=1 (as --check)`;

function port(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65_535)
    throw new DemoError('start_failed', `${name} must be an integer from 0 to 65535`);
  return number;
}

function isSet(name: string): boolean {
  return process.env[name] === '1';
}

function banner(demo: DemoStack): string {
  const { urls } = demo;
  return `
SocialHub demo: the mock SocialHub and the contact-form example are running.

  Inbox         ${urls.inbox}
  Contact form  ${urls.contactForm}
  Channels      ${urls.channels}
  Deliveries    ${urls.deliveries}
  Outbox        ${urls.outbox}

Try the reply loop:
  1. Send a message with the contact form.
  2. In the Inbox, open the new ticket, press "Reply by email", type a reply and send it.
  3. The example receives the signed webhook, "emails" the reply (see the Outbox) and confirms it:
     the reply appears in the Inbox as a follow-up ticket.
  Also try "Reply with a template", "Send to CRM" (fails on purpose) and, on the Channels page,
  "Add Channel" for the "Contact form" network.
`;
}

async function main(): Promise<number> {
  // `pnpm run main -- --check` passes the `--` on.
  const args = process.argv.slice(2).filter((arg) => arg !== '--');
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const unknown = args.filter((arg) => arg !== '--check');
  if (unknown.length > 0) {
    console.error(`demo: unknown argument ${unknown[0]}\n${USAGE}`);
    return 2;
  }
  const isCheck = args.includes('--check') || isSet('DEMO_EXIT_AFTER_READY');

  const demo = await startDemo({
    socialHubPort: port('DEMO_SOCIALHUB_PORT', DEMO_PORTS.socialHub),
    examplePort: port('DEMO_EXAMPLE_PORT', DEMO_PORTS.example),
    // Both servers log without tokens or secrets.
    log: (line) => console.log(line),
  });

  if (isCheck) {
    try {
      for (const line of await checkDemo(demo)) console.log(`check: ${line}`);
      console.log(banner(demo));
      console.log('demo check passed; stopping (run without --check to keep it running)');
    } finally {
      await demo.close();
    }
    return 0;
  }

  console.log(banner(demo));
  console.log('Press Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    const stop = () => {
      console.log('\nstopping the demo…');
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await demo.close();
  console.log('the mock SocialHub and the example are stopped');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // DemoError and the packages' errors never hold a token or a secret.
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof Error && error.cause instanceof Error)
      console.error(`  ${error.cause.message}`);
    process.exit(1);
  },
);
