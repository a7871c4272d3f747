/**
 * Starts the packed mock SocialHub from the consumer project, through its `socialhub-mock` bin,
 * and creates a channel on it, so quick starts that talk to SocialHub have a server and a token
 * (see the environment convention in README.md).
 */
import { join } from 'node:path';
import { freePort } from './ports.ts';
import { type Started, settle, start } from './processes.ts';

/** The bin a published package provides to run the mock SocialHub. */
export const MOCK_BIN = 'socialhub-mock';

/** A running mock SocialHub and the environment it gives quick starts. */
export interface RunningMock {
  env: {
    SOCIALHUB_URL: string;
    SOCIALHUB_API2_URL: string;
    SOCIALHUB_TOKEN: string;
    SOCIALHUB_USER_TOKEN: string;
  };
  program: Started;
}

/**
 * Runs `node_modules/.bin/socialhub-mock --port <free port>` with `nodeDir` first on PATH (the
 * bin's `#!/usr/bin/env node` then picks that Node), waits for it to listen, and creates a custom
 * channel through the control API (`POST /_mock/channels`) for its access token.
 */
export async function startMock(project: string, nodeDir: string): Promise<RunningMock> {
  const port = await freePort();
  const program = start(join(project, 'node_modules', '.bin', MOCK_BIN), ['--port', String(port)], {
    cwd: project,
    env: { PATH: `${nodeDir}:${process.env.PATH ?? ''}`, PORT: String(port) },
  });
  const settled = await settle(program, port, 30_000);
  if (settled.kind !== 'listening') {
    await program.stop();
    throw new Error(
      `${MOCK_BIN} --port ${port} did not listen (${settled.kind === 'exited' ? `exited with ${settled.code}` : 'timed out'}):\n${program.output()}`,
    );
  }
  const url = `http://127.0.0.1:${port}`;
  try {
    const response = await fetch(`${url}/_mock/channels`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Consumer smoke test' }),
    });
    const body = (await response.json()) as { accessToken?: unknown };
    if (response.status !== 201 || typeof body.accessToken !== 'string') {
      throw new Error(
        `POST /_mock/channels answered ${response.status} without an accessToken: ${JSON.stringify(body)}`,
      );
    }
    return {
      env: {
        SOCIALHUB_URL: url,
        SOCIALHUB_API2_URL: `${url}/api2`,
        SOCIALHUB_TOKEN: body.accessToken,
        // The mock's API2 answers any user token.
        SOCIALHUB_USER_TOKEN: `consumer-test-${port}`,
      },
      program,
    };
  } catch (error) {
    await program.stop();
    throw error;
  }
}
