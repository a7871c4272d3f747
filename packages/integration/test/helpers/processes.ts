import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const FIXTURE = fileURLToPath(new URL('../fixtures/integration-process.mjs', import.meta.url));

/** A running integration process of the proof tests. */
export interface IntegrationProcess {
  child: ChildProcess;
  /** Everything it wrote to stderr (errors it reported). */
  stderr: () => string;
  /** Resolves with the exit signal or code once it ended. */
  exited: Promise<NodeJS.Signals | number | null>;
  /** kill -9. */
  kill(): Promise<void>;
  /** SIGTERM: close the server and the workers, then exit. */
  stop(): Promise<void>;
}

/** Starts `fixtures/integration-process.mjs` with `env` and waits until it is listening. */
export async function startProcess(env: Record<string, string>): Promise<IntegrationProcess> {
  const child = spawn(process.execPath, ['--no-warnings', FIXTURE], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready')) {
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    exited.then((how) =>
      reject(new Error(`the integration process exited (${how}) before it was ready:\n${err}`)),
    );
  });
  return {
    child,
    stderr: () => err,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
