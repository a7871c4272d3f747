import { CHECK_WEBHOOK_USAGE, parseCheckWebhookOptions } from './options.js';
import { formatReport } from './report.js';
import { runWebhookChecks } from './run-checks.js';

/** Where `check-webhook` writes and what it calls (replaced in tests). */
export interface CheckWebhookIo {
  out: (line: string) => void;
  env: Record<string, string | undefined>;
  fetch: typeof fetch;
}

/**
 * `socialhub-mock check-webhook <url> --secret <secret>`: runs the conformance checks and prints
 * the report; resolves to the exit code (0 only when every check passed).
 */
export async function runCheckWebhook(
  args: string[],
  io: CheckWebhookIo = { out: console.log, env: process.env, fetch },
): Promise<number> {
  const parsed = parseCheckWebhookOptions(args, io.env);
  if (parsed.help) {
    io.out(CHECK_WEBHOOK_USAGE);
    return 0;
  }
  const { options } = parsed;
  const report = await runWebhookChecks({
    url: options.url,
    secret: options.secret,
    maxMs: options.maxMs,
    timeoutMs: options.timeoutMs,
    fetch: io.fetch,
    ...(options.only ? { only: options.only } : {}),
  });
  if (options.json) io.out(JSON.stringify(report, null, 2));
  else for (const line of formatReport(report)) io.out(line);
  return report.passed ? 0 : 1;
}
