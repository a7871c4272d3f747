import { CHALLENGE_HEADER } from '@socialhub/webhook-kit/core';
import { redactQuery } from '../redact-url.js';
import { CHECKS, type CheckDefinition, type CheckKind, type PreparedRequest } from './checks.js';
import { fixtureIds } from './fixtures.js';
import { type Answer, type Finding, gradeAnswer } from './grade.js';

/** Options of `runWebhookChecks`. */
export interface WebhookCheckOptions {
  url: string;
  secret: string;
  /** Timeout of one request. @default 10000 */
  timeoutMs?: number;
  /** Slowest acceptable answer to a genuine delivery. @default 2000 */
  maxMs?: number;
  /** Only these checks (ids). @default all */
  only?: readonly string[];
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** @default Date.now */
  now?: () => number;
}

/** The result of one check. */
export interface CheckResult {
  id: string;
  kind: CheckKind;
  title: string;
  passed: boolean;
  answers: Answer[];
  /** Set when it failed. */
  finding?: Finding;
}

/** The result of a run: every check, and whether all passed. */
export interface WebhookCheckReport {
  /** The webhook URL, query values redacted. */
  url: string;
  passed: boolean;
  passedCount: number;
  failedCount: number;
  /** The slowest answer to a genuine delivery, in milliseconds. */
  slowestMs: number;
  checks: CheckResult[];
}

const MAX_READ_BYTES = 64 * 1024;

/** `runWebhookChecks` was called with options it cannot run with (the secret is never quoted). */
export class WebhookCheckError extends TypeError {
  override readonly name = 'WebhookCheckError';
  readonly code = 'WebhookCheckInputError';
  readonly status = 400;
  constructor(message: string) {
    super(`@socialhub/mock-server: ${message}`);
  }
}

const checkOptions = (options: WebhookCheckOptions) => {
  if (typeof options !== 'object' || options === null)
    throw new WebhookCheckError('pass { url, secret }');
  const { url, secret } = options;
  if (typeof url !== 'string' || !URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
    throw new WebhookCheckError('url must be an absolute http(s) URL');
  if (typeof secret !== 'string' || secret.length < 32 || secret.length > 512)
    throw new WebhookCheckError(
      'secret must be a string of 32 to 512 characters, as SocialHub requires',
    );
  for (const name of ['timeoutMs', 'maxMs'] as const) {
    const value = options[name];
    if (
      value !== undefined &&
      (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value))
    )
      throw new WebhookCheckError(`${name} must be a positive number of milliseconds`);
  }
  const unknown = options.only?.find((id) => !CHECKS.some((c) => c.id === id));
  if (unknown !== undefined) throw new WebhookCheckError(`unknown check "${unknown}"`);
};

async function send(
  url: string,
  request: PreparedRequest,
  options: { timeoutMs: number; fetch: typeof fetch },
): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await options.fetch(url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = (await response.text()).slice(0, MAX_READ_BYTES);
    const ms = performance.now() - started;
    const answered = response.headers.get(CHALLENGE_HEADER);
    let isBodyJson: boolean | undefined;
    if (text.trim() !== '') {
      try {
        JSON.parse(text);
        isBodyJson = true;
      } catch {
        isBodyJson = false;
      }
    }
    return {
      status: response.status,
      ms,
      challenge: answered === null ? 'missing' : answered === request.challenge ? 'right' : 'wrong',
      ...(isBodyJson === undefined ? {} : { isBodyJson }),
    };
  } catch (error) {
    const ms = performance.now() - started;
    const name = error instanceof Error ? error.name : '';
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
    return {
      ms,
      error:
        name === 'TimeoutError'
          ? `no answer within ${options.timeoutMs} ms`
          : cause || (error instanceof Error ? error.message : String(error)),
    };
  }
}

/** Runs the conformance checks against a webhook URL, one request at a time. */
export async function runWebhookChecks(options: WebhookCheckOptions): Promise<WebhookCheckReport> {
  checkOptions(options);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxMs = options.maxMs ?? 2000;
  const fetchImpl = options.fetch ?? fetch;
  const context = { secret: options.secret, ids: fixtureIds(), now: options.now ?? Date.now };
  const selected: readonly CheckDefinition[] =
    options.only === undefined ? CHECKS : CHECKS.filter((c) => options.only?.includes(c.id));
  const checks: CheckResult[] = [];
  for (const check of selected) {
    const answers: Answer[] = [];
    let finding: Finding | undefined;
    for (const request of await check.build(context)) {
      const answer = await send(options.url, request, { timeoutMs, fetch: fetchImpl });
      answers.push(answer);
      finding ??= gradeAnswer(check, answer, maxMs);
    }
    checks.push({
      id: check.id,
      kind: check.kind,
      title: check.title,
      passed: finding === undefined,
      answers,
      ...(finding ? { finding } : {}),
    });
  }
  const failedCount = checks.filter((c) => !c.passed).length;
  const genuine = checks.filter((c) => c.kind === 'genuine').flatMap((c) => c.answers);
  return {
    url: redactQuery(options.url),
    passed: failedCount === 0,
    passedCount: checks.length - failedCount,
    failedCount,
    slowestMs: Math.round(Math.max(0, ...genuine.map((a) => a.ms))),
    checks,
  };
}
