import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { curlCommand, shellQuote } from '../src/ui/static/assets/lib/curl.js';

const run = promisify(execFile);

describe('Copy as curl', () => {
  it('quotes any text as one shell word', async () => {
    const nasty = `it's "$HOME" \`id\` $(id) \\ ; & | ${'\n'} ünïcødé`;
    const { stdout } = await run('bash', ['-c', `printf %s ${shellQuote(nasty)}`]);
    expect(stdout).toBe(nasty);
  });

  it('sends the same method, URL, headers and body bytes (--data-binary)', () => {
    const command = curlCommand(
      {
        method: 'POST',
        url: 'http://127.0.0.1:3000/webhook?a=1&b=2',
        headers: { 'content-type': 'application/json', 'x-socialhub-signature': 'abc' },
      },
      '{"text":"it\'s"}',
    );
    expect(command).toBe(
      [
        "curl -i -X POST 'http://127.0.0.1:3000/webhook?a=1&b=2'",
        "-H 'content-type: application/json'",
        "-H 'x-socialhub-signature: abc'",
        `--data-binary '{"text":"it'\\''s"}'`,
      ].join(' \\\n  '),
    );
  });

  it('a signed GET (templates) has no body', () => {
    expect(curlCommand({ method: 'GET', url: 'http://x/t', headers: {} }, '')).toBe(
      "curl -i -X GET 'http://x/t'",
    );
  });
});
