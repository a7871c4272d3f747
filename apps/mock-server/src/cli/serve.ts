import type { MockServerOptions } from '../server.js';
import { createMockServer } from '../server.js';

/** A shell word in single quotes (POSIX), so a printed command can be pasted as is. */
export const shellQuote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

/**
 * The commands printed at start-up to try the demo channel: pasteable into a POSIX shell, the
 * token in a variable and sent with `--data-urlencode`, never inside a printed URL.
 */
export function tryCommands(url: string, accessToken: string): string[] {
  return [
    `export SOCIALHUB_TOKEN=${shellQuote(accessToken)}`,
    `curl -sG ${shellQuote(`${url}/`)} --data-urlencode "accesstoken=$SOCIALHUB_TOKEN"`,
  ];
}

/** `socialhub-mock [options]`: starts the mock, prints its URLs and the demo channel, stops on a signal. */
export async function serve(options: MockServerOptions): Promise<void> {
  // Failed deliveries, removed webhooks and internal errors are always printed; requests and
  // successful deliveries only with --log.
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
    console.log('Try it (paste into a shell):');
    for (const line of tryCommands(mock.url, demo.accessToken)) console.log(`  ${line}`);
    console.log(`  socialhub-mock trigger --help`);
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
