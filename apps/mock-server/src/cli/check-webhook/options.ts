import { parseArgs } from 'node:util';
import { CliUsageError } from '../usage-error.js';
import { CHECKS } from './checks.js';
import { CONSEQUENCES } from './grade.js';

const list = (kind: 'genuine' | 'forged') =>
  CHECKS.filter((c) => c.kind === kind)
    .map((c) => `  ${c.id.padEnd(36)}${c.title}`)
    .join('\n');

/** The usage text of `socialhub-mock check-webhook`, listing every check. */
export const CHECK_WEBHOOK_USAGE = `Usage: socialhub-mock check-webhook <url> --secret <secret> [options]

Checks that an integration's webhook, in any language, answers SocialHub as it must. It plays
SocialHub: sends the test request, genuine signed deliveries and forged ones, one at a time, and
grades every answer. Exit code 0 only when every check passes (1: a check failed, 2: bad usage).

Options:
  --secret <secret>   the webhook secret (32 to 512 characters); or set SOCIALHUB_WEBHOOK_SECRET,
                      which keeps it out of your shell history and the process list
  --json              print the report as JSON (for CI)
  --max-ms <n>        slowest acceptable answer to a genuine delivery (default 2000)
  --timeout <n>       give up on one request after n ms (default 10000)
  --only <ids>        run only these checks (comma-separated ids)
  -h, --help          show this help

Genuine deliveries: each must be answered 2xx (the test request: exactly 200) with the header
X-SocialHub-Challenge: sha256_hex(timestamp + ";" + secret), a body that is JSON or empty, and
within --max-ms:
${list('genuine')}

Forged deliveries: none may be answered 2xx (any 4xx or 5xx passes):
${list('forged')}

What real SocialHub does when a check fails:
  test request not 200 with the challenge   ${CONSEQUENCES.testRequest}
  no answer, or not 2xx                     ${CONSEQUENCES.retried}
  2xx without the right challenge           ${CONSEQUENCES.removed}
  a body that is not JSON                   ${CONSEQUENCES.notJson}
  slower than --max-ms                      ${CONSEQUENCES.slow}
  2xx to a forged request                   ${CONSEQUENCES.forged}

Example:
  SOCIALHUB_WEBHOOK_SECRET=... socialhub-mock check-webhook http://127.0.0.1:3000/webhook --json`;

/** Parsed `check-webhook` arguments. */
export interface CheckWebhookCliOptions {
  url: string;
  secret: string;
  json: boolean;
  maxMs: number;
  timeoutMs: number;
  only?: string[];
}

const integer = (name: string, text: string | undefined, fallback: number, max: number) => {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > max)
    throw new CliUsageError(`--${name} must be milliseconds from 1 to ${max}, got "${text}"`);
  return value;
};

/** Parses `check-webhook`'s arguments. */
export function parseCheckWebhookOptions(
  args: string[],
  env: Record<string, string | undefined> = process.env,
): { help: true } | { help: false; options: CheckWebhookCliOptions } {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    // Node's message may quote an argument, which may be the secret: every value is blanked.
    let message = error instanceof Error ? error.message : 'bad arguments';
    for (const arg of args)
      if (!/^--?[a-z-]+$/.test(arg) && arg.length > 0) message = message.replaceAll(arg, '…');
    throw new CliUsageError(message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  const [url, ...extra] = positionals;
  if (url === undefined) throw new CliUsageError('check-webhook needs the webhook URL');
  if (extra.length > 0) throw new CliUsageError(`unexpected argument "${extra[0]}"`);
  if (!URL.canParse(url)) throw new CliUsageError('the webhook URL must be an absolute URL');
  const protocol = new URL(url).protocol;
  if (protocol !== 'http:' && protocol !== 'https:')
    throw new CliUsageError('the webhook URL must be an http(s) URL');
  const secret = values.secret ?? env.SOCIALHUB_WEBHOOK_SECRET;
  if (secret === undefined)
    throw new CliUsageError('check-webhook needs --secret (or SOCIALHUB_WEBHOOK_SECRET)');
  if (secret.length < 32 || secret.length > 512)
    throw new CliUsageError(
      `a webhook secret is 32 to 512 characters (SocialHub refuses others); this one has ${secret.length}`,
    );
  const only = values.only
    ?.split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const unknown = only?.filter((id) => !CHECKS.some((c) => c.id === id)) ?? [];
  if (unknown.length > 0)
    throw new CliUsageError(
      `unknown check "${unknown[0]}"; see socialhub-mock check-webhook --help`,
    );
  return {
    help: false,
    options: {
      url,
      secret,
      json: values.json === true,
      maxMs: integer('max-ms', values['max-ms'], 2000, 60_000),
      timeoutMs: integer('timeout', values.timeout, 10_000, 120_000),
      ...(only === undefined ? {} : { only }),
    },
  };
}

function parse(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      secret: { type: 'string' },
      json: { type: 'boolean' },
      'max-ms': { type: 'string' },
      timeout: { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
