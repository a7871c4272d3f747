import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { upgradeState } from './initial-state.js';
import type { Store } from './store.js';
import type { MockState } from './types.js';

/** The state file could not be read or written. */
export class StateFileError extends Error {
  override readonly name = 'StateFileError';
  readonly file: string;
  constructor(file: string, reason: string, cause?: unknown) {
    super(`@socialhub/mock-server: state file ${file}: ${reason}`, { cause });
    this.file = file;
  }
}

/** Reads a state file; `undefined` when it does not exist yet. */
export async function loadStateFile(file: string): Promise<MockState | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateFileError(file, 'cannot be read', error);
  }
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(file, 'is not JSON', error);
  }
  const s = state as Partial<MockState> | null;
  const isRecord = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (
    !isRecord(s) ||
    s?.version !== 1 ||
    typeof s.signingKey !== 'string' ||
    typeof s.defaultAccountId !== 'string' ||
    !isRecord(s.accounts) ||
    !isRecord(s.manifests) ||
    !isRecord(s.channels) ||
    !isRecord(s.tickets) ||
    !isRecord(s.interactors) ||
    !Array.isArray(s.deliveries)
  ) {
    throw new StateFileError(file, 'is not a @socialhub/mock-server state (version 1)');
  }
  return upgradeState(s as MockState);
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Removes `<file>.<pid>.tmp` files that a killed mock left behind (a process that no longer
 * runs); the temp files of running mocks are left alone.
 */
export async function removeStaleTempFiles(file: string): Promise<string[]> {
  const prefix = `${basename(file)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(file));
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length, -'.tmp'.length));
    if (!Number.isInteger(pid) || pid <= 0 || (pid !== process.pid && isAlive(pid))) continue;
    await rm(join(dirname(file), name), { force: true });
    removed.push(name);
  }
  return removed;
}

/** Writes the store to a file atomically (temp file, fsync, rename) whenever it changed. */
export interface Persistence {
  /** Resolves once everything changed before the call is on disk. */
  flush(): Promise<void>;
  /** Writes soon (for changes nobody waits on, like delivery logs). */
  schedule(): void;
  /** Flushes and stops. */
  close(): Promise<void>;
}

/** Creates the persistence of `store` into `file`. */
export function createPersistence(
  store: Store,
  file: string,
  onError: (error: unknown) => void,
): Persistence {
  let written = -1;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const tmp = `${file}.${process.pid}.tmp`;

  const writeOnce = async () => {
    const revision = store.revision;
    if (revision === written) return;
    const text = JSON.stringify(store.state);
    await mkdir(dirname(file), { recursive: true });
    // 0600: the state holds every token and webhook secret.
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.chmod(0o600);
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
    written = revision;
  };

  // One write at a time; a flush that arrives during a write waits for it and writes again,
  // so every change made before the flush call is covered.
  const flush = async (): Promise<void> => {
    while (written !== store.revision) {
      if (running) {
        await running;
        continue;
      }
      running = writeOnce()
        .catch(async (error) => {
          await rm(tmp, { force: true });
          throw new StateFileError(file, 'cannot be written', error);
        })
        .finally(() => {
          running = undefined;
        });
      await running;
    }
  };

  return {
    flush,
    schedule: () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        flush().catch(onError);
      }, 50);
      timer.unref();
    },
    close: async () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await flush();
    },
  };
}
