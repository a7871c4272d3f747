import { parseArgs } from 'node:util';
import { CliUsageError } from '../usage-error.js';

/** What `trigger` can do. */
export const TRIGGER_ACTIONS = [
  'reply',
  'template-reply',
  'button',
  'delete',
  'disable',
  'reactivate',
  'renew-token',
] as const;

/** One of `TRIGGER_ACTIONS`. */
export type TriggerAction = (typeof TRIGGER_ACTIONS)[number];

/** The usage text of `socialhub-mock trigger`. */
export const TRIGGER_USAGE = `Usage: socialhub-mock trigger <action> [options]

Performs an action against a RUNNING mock, as SocialHub's customers and community managers do
in the web app (through API2), and prints what happened (like the Stripe CLI's trigger). Ticket
actions send the signed ticket_action webhook to the integration; with --wait the command waits
for its outcome.

Actions:
  reply            a community manager replies to a ticket (--text, --option, --attachment-url)
  template-reply   replies with one of the integration's templates, fetched with a signed GET
                   (--template <networkId> (default: the first), --language, --var name=value)
  button           presses a button action of the manifest
  delete           performs a delete action of the manifest
  disable          the customer disables the channel: its token stops working, channel_action is sent
  reactivate       the customer reactivates the channel (prints the redirect to the integration's
                   channelReactivation callback when the manifest has one)
  renew-token      the customer presses "Create new Token": prints the new token; the old token and
                   the manifest's webhook stop working

Options:
  --url <url>            the running mock (default $SOCIALHUB_MOCK_URL, else http://127.0.0.1:4010)
  --channel <id>         the channel (default: the demo channel, else the only channel)
  --ticket <id>          the ticket of a ticket action (default: the channel's newest ticket)
  --action <id>          the manifest's ticket action (default: the first of the action's type)
  --text <text>          reply text
  --option <id>          the reply option (actions with options; default: the first)
  --attachment-url <u>   attach a file to the reply (actions that allow attachments)
  --template <id>        template-reply: the template's networkId
  --language <code>      template-reply: the language (default: the template's first)
  --var <name=value>     template-reply: a variable (repeat it; values are text, or JSON with name:=json)
  --user-token <token>   the API2 user token to act as (default $SOCIALHUB_USER_TOKEN, else a user
                         made for this run in the channel's account with POST /_mock/users)
  --wait                 wait for the outcome: a ticket action's success or failure (with the
                         integration's reason), the channel_action delivery of disable; exit 1 if it failed
  --timeout <ms>         how long --wait waits (default 10000, at most 60000)
  --json                 print the result as JSON
  -h, --help             show this help

Examples:
  socialhub-mock trigger reply --text "Thanks, we are on it" --wait
  socialhub-mock trigger template-reply --template order-shipped --var orderId=1234 --wait
  socialhub-mock trigger button --action send-to-crm --wait
  socialhub-mock trigger renew-token --channel 64b7f0c2a1e4d3b2c1a09f87`;

/** Parsed `trigger` arguments. */
export interface TriggerOptions {
  action: TriggerAction;
  url: string;
  channelId?: string;
  userToken?: string;
  ticketId?: string;
  actionId?: string;
  text?: string;
  option?: string;
  attachmentUrl?: string;
  template?: string;
  language?: string;
  variables: Record<string, unknown>;
  wait: boolean;
  timeoutMs: number;
  json: boolean;
}

const DEFAULT_URL = 'http://127.0.0.1:4010';

const checkUrl = (text: string): string => {
  if (!URL.canParse(text)) throw new CliUsageError(`--url must be an absolute URL, got "${text}"`);
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CliUsageError('--url must be an http(s) URL');
  if (url.search || url.hash) throw new CliUsageError('--url must not have a query or fragment');
  return url.href.replace(/\/+$/, '');
};

const parseVariable = (text: string): [string, unknown] => {
  const json = /^([^=:]+):=(.*)$/s.exec(text);
  if (json) {
    try {
      return [json[1] as string, JSON.parse(json[2] as string)];
    } catch {
      throw new CliUsageError(`--var ${json[1]}:= needs a JSON value, got "${json[2]}"`);
    }
  }
  const plain = /^([^=]+)=(.*)$/s.exec(text);
  if (!plain) throw new CliUsageError(`--var needs name=value, got "${text}"`);
  return [plain[1] as string, plain[2]];
};

/** Parses `trigger`'s arguments (`help` when asked for, or when no action is given). */
export function parseTriggerOptions(
  args: string[],
  env: Record<string, string | undefined> = process.env,
): { help: true } | { help: false; options: TriggerOptions } {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return { help: true };
  const [action, ...extra] = positionals;
  if (!TRIGGER_ACTIONS.includes(action as TriggerAction))
    throw new CliUsageError(
      `unknown action "${action}"; one of ${TRIGGER_ACTIONS.join(', ')} (socialhub-mock trigger --help)`,
    );
  if (extra.length > 0) throw new CliUsageError(`unexpected argument "${extra[0]}"`);
  const timeout = values.timeout ?? '10000';
  const timeoutMs = Number(timeout);
  if (!/^\d+$/.test(timeout) || timeoutMs > 60_000)
    throw new CliUsageError(`--timeout must be milliseconds from 0 to 60000, got "${timeout}"`);
  for (const name of [
    'channel',
    'ticket',
    'action',
    'template',
    'language',
    'option',
    'user-token',
  ] as const)
    if (values[name] === '') throw new CliUsageError(`--${name} needs a value`);
  const isTicketAction = ['reply', 'template-reply', 'button', 'delete'].includes(action as string);
  const replyOnly = ['text', 'option', 'attachment-url'] as const;
  const templateOnly = ['template', 'language', 'var'] as const;
  for (const name of replyOnly)
    if (values[name] !== undefined && action !== 'reply')
      throw new CliUsageError(`--${name} is for reply`);
  for (const name of templateOnly)
    if (values[name] !== undefined && action !== 'template-reply')
      throw new CliUsageError(`--${name} is for template-reply`);
  if (!isTicketAction && (values.ticket !== undefined || values.action !== undefined))
    throw new CliUsageError(`--ticket and --action are for ticket actions, not ${action}`);
  if (action === 'reply' && values.text === undefined && values['attachment-url'] === undefined)
    throw new CliUsageError('reply needs --text or --attachment-url');
  return {
    help: false,
    options: {
      action: action as TriggerAction,
      url: checkUrl(values.url ?? env.SOCIALHUB_MOCK_URL ?? DEFAULT_URL),
      ...(values.channel === undefined ? {} : { channelId: values.channel }),
      ...(values['user-token'] === undefined ? {} : { userToken: values['user-token'] }),
      ...(values.ticket === undefined ? {} : { ticketId: values.ticket }),
      ...(values.action === undefined ? {} : { actionId: values.action }),
      ...(values.text === undefined ? {} : { text: values.text }),
      ...(values.option === undefined ? {} : { option: values.option }),
      ...(values['attachment-url'] === undefined
        ? {}
        : { attachmentUrl: values['attachment-url'] }),
      ...(values.template === undefined ? {} : { template: values.template }),
      ...(values.language === undefined ? {} : { language: values.language }),
      variables: Object.fromEntries((values.var ?? []).map(parseVariable)),
      wait: values.wait === true,
      timeoutMs,
      json: values.json === true,
    },
  };
}

function parse(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      channel: { type: 'string' },
      'user-token': { type: 'string' },
      ticket: { type: 'string' },
      action: { type: 'string' },
      text: { type: 'string' },
      option: { type: 'string' },
      'attachment-url': { type: 'string' },
      template: { type: 'string' },
      language: { type: 'string' },
      var: { type: 'string', multiple: true },
      wait: { type: 'boolean' },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
