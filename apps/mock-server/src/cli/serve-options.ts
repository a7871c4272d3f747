import { parseArgs } from 'node:util';
import type { MockServerOptions } from '../server.js';
import { CliUsageError } from './usage-error.js';

/** The CLI's usage text. */
export const USAGE = `Usage: socialhub-mock [options]
       socialhub-mock trigger <action> [options]        (socialhub-mock trigger --help)
       socialhub-mock check-webhook <url> --secret <s>  (socialhub-mock check-webhook --help)

A stateful local SocialHub: the public Integration API at /, API2 at /api2, the control API
at /_mock, a web UI at /app/. Prints a ready demo channel and its access token on start.

Commands:
  (none)             start the mock
  trigger            perform an action against a running mock (reply, template-reply, button,
                     disable, reactivate, renew-token), like the Stripe CLI's trigger
  check-webhook      check that an integration's webhook answers SocialHub as it must

Options:
  --port <n>         port to listen on (default 4010; 0 for any free port)
  --host <host>      interface to listen on (default 127.0.0.1)
  --seed <n>         reproducible ids, token key and API2 answers
  --state <file>     keep the state in this JSON file (written atomically on every change)
  --log              also log every request (never its query string) and every successful
                     delivery; failed deliveries and removed webhooks are always printed
  --rate-limit <n>   requests per channel per minute (default 1000)
  -v, --version      print the version
  -h, --help         show this help`;

const integer = (name: string, text: string | undefined, min: number, max: number) => {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || value < min || value > max)
    throw new CliUsageError(`--${name} must be an integer from ${min} to ${max}, got "${text}"`);
  return value;
};

/** Parses the CLI's arguments into server options (`help` when the usage was asked for). */
export function parseCliOptions(
  args: string[],
): { help: true } | { version: true } | { help: false; options: MockServerOptions } {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(args).values;
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { help: true };
  if (values.version) return { version: true };
  const port = integer('port', values.port, 0, 65_535) ?? 4010;
  const seed = integer('seed', values.seed, -(2 ** 31), 2 ** 32 - 1);
  const limit = integer('rate-limit', values['rate-limit'], 0, Number.MAX_SAFE_INTEGER);
  if (values.state === '') throw new CliUsageError('--state needs a file name');
  return {
    help: false,
    options: {
      port,
      host: values.host ?? '127.0.0.1',
      demoChannel: true,
      ...(seed === undefined ? {} : { seed }),
      ...(values.state === undefined ? {} : { stateFile: values.state }),
      ...(limit === undefined ? {} : { rateLimit: { limit } }),
      log: values.log === true,
    },
  };
}

function parse(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      state: { type: 'string' },
      log: { type: 'boolean' },
      'rate-limit': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}
