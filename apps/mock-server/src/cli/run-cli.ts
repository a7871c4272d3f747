/** `socialhub-mock` itself, loaded by `main.ts` once the compile cache is on. */
import { serve } from './serve.js';
import { parseCliOptions, USAGE } from './serve-options.js';
import { CliUsageError } from './usage-error.js';
import { packageVersion } from './version.js';

/** `socialhub-mock`: starts the mock, or runs `trigger` / `check-webhook`; exits 2 on a usage error. */
async function main(args: string[]): Promise<number | undefined> {
  const [command, ...rest] = args;
  // Each command loads only its own modules: starting the mock stays as fast as it can be.
  if (command === 'trigger') return (await import('./trigger/command.js')).runTrigger(rest);
  if (command === 'check-webhook')
    return (await import('./check-webhook/command.js')).runCheckWebhook(rest);
  const parsed = parseCliOptions(args);
  if ('version' in parsed) {
    console.log(packageVersion());
    return 0;
  }
  if (parsed.help) {
    console.log(USAGE);
    return 0;
  }
  await serve(parsed.options);
  return undefined; // keeps running until a signal
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliUsageError) {
      console.error(`${error.message}\n\nRun with --help for the usage.`);
      process.exitCode = 2;
      return;
    }
    console.error(error);
    process.exitCode = 1;
  },
);
