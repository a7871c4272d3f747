#!/usr/bin/env node
import { CliUsageError, parseCliOptions, USAGE } from './cli-options.js';
import { createMockServer } from './server.js';

/** `socialhub-mock`: starts the mock and prints the demo channel and its token. */
async function main() {
  const parsed = parseCliOptions(process.argv.slice(2));
  if (parsed.help) {
    console.log(USAGE);
    return;
  }
  const { options } = parsed;
  // Webhook outcomes (discarded, removed) and internal errors are always printed; requests only with --log.
  const mock = await createMockServer({
    ...options,
    log: (line) => console.log(line),
    logRequests: options.log === true,
  });
  const demo = mock.demo;
  console.log(`SocialHub mock listening on ${mock.url}`);
  console.log(`  public API  ${mock.url}/`);
  console.log(`  API2        ${mock.url}/api2`);
  console.log(`  control     ${mock.url}/_mock`);
  console.log(`  web UI      ${mock.url}/app/`);
  if (options.stateFile) console.log(`  state       ${options.stateFile}`);
  if (demo) {
    console.log('');
    console.log(`Demo channel ${demo.channel.name} (${demo.channel._id}), access token:`);
    console.log(demo.accessToken);
    console.log('');
    console.log('Try: curl "<url>/?accesstoken=<token>"');
  }
  let isClosing = false;
  const stop = async () => {
    if (isClosing) return;
    isClosing = true;
    await mock.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error instanceof CliUsageError ? `${error.message}\n\n${USAGE}` : error);
  process.exit(error instanceof CliUsageError ? 2 : 1);
});
