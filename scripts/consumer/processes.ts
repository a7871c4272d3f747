/** Child processes of the consumer test: output captured, secrets masked, always stopped. */
import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { isListening } from './ports.ts';

/** A started program, its output so far and how it ended (once it has). */
export interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited: () => boolean;
  stop: () => Promise<void>;
}

const live = new Set<Started>();

/** Stops every program started here that is still running (on a signal, for instance). */
export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((program) => program.stop()));
}

/** Starts `command` with `env` added to the environment, collecting stdout and stderr together. */
export function start(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): Started {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', (error) => {
      output += `${error.message}\n`;
      done = true;
      resolve({ code: null, signal: null });
    });
    child.once('close', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
  });
  const started: Started = {
    child,
    output: () => output,
    exited,
    hasExited: () => done,
    stop: async () => {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
  live.add(started);
  void exited.then(() => live.delete(started));
  return started;
}

/** How a started program settled: it exited, or it is listening on the port, or neither in time. */
export type Settled =
  | { kind: 'exited'; code: number | null }
  | { kind: 'listening' }
  | { kind: 'timeout' };

/** Waits until the program exits or accepts connections on 127.0.0.1:`port`. */
export async function settle(program: Started, port: number, timeoutMs: number): Promise<Settled> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (program.hasExited()) return { kind: 'exited', code: (await program.exited).code };
    if (await isListening(port)) return { kind: 'listening' };
    await sleep(100);
  }
  return { kind: 'timeout' };
}

/** `text` with every secret replaced, for printing a program's output. */
export function mask(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) if (secret) masked = masked.split(secret).join('[redacted]');
  return masked;
}
