import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdGenerator } from './ids.js';
import { createInitialState } from './initial-state.js';
import {
  createPersistence,
  loadStateFile,
  removeStaleTempFiles,
  StateFileError,
} from './persistence.js';
import { createStore } from './store.js';

describe('state persistence', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mock-state-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes atomically, covers every change made before flush, and loads it back', async () => {
    const file = join(dir, 'nested', 'state.json');
    const store = createStore(createInitialState(createIdGenerator(1), 'key'), {
      maxDeliveries: 10,
    });
    const persistence = createPersistence(store, file, (error) => {
      throw error;
    });
    expect(await loadStateFile(file)).toBeUndefined();
    const flushes: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      store.state.accounts[`a${i}`] = { _id: `a${i}`, name: `n${i}`, channelLimit: 1, userId: 'u' };
      store.touch();
      flushes.push(persistence.flush());
    }
    await Promise.all(flushes);
    const loaded = await loadStateFile(file);
    expect(Object.keys(loaded?.accounts ?? {})).toHaveLength(21);
    await persistence.close();
  });

  it.each([
    ['not JSON', '{', /is not JSON/],
    ['another file', '{"version":2}', /is not a @socialhub\/mock-server state/],
  ])('refuses a file that is %s', async (_, text, message) => {
    const file = join(dir, `${text.length}.json`);
    await writeFile(file, text);
    await expect(loadStateFile(file)).rejects.toThrow(message);
    await expect(loadStateFile(file)).rejects.toBeInstanceOf(StateFileError);
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('writes the state file with mode 0600 (it holds every token and secret)', async () => {
    const file = join(dir, 'private', 'state.json');
    await writeFile(join(dir, 'x'), ''); // the directory exists
    const store = createStore(createInitialState(createIdGenerator(2), 'key'), {
      maxDeliveries: 10,
    });
    const persistence = createPersistence(store, file, (error) => {
      throw error;
    });
    store.touch();
    await persistence.flush();
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await persistence.close();
  });

  it('removes state.json.<pid>.tmp files of processes that no longer run, not those of running ones', async () => {
    const file = join(dir, 'tmp-check', 'state.json');
    await rm(join(dir, 'tmp-check'), { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'tmp-check')));
    // A pid far above any real one (Linux caps pids at 4194304): its process is gone.
    const dead = join(dir, 'tmp-check', 'state.json.99999999.tmp');
    const alive = join(dir, 'tmp-check', `state.json.${process.ppid}.tmp`);
    const other = join(dir, 'tmp-check', 'other.json.99999999.tmp');
    for (const path of [dead, alive, other]) await writeFile(path, '{');
    expect(await removeStaleTempFiles(file)).toEqual(['state.json.99999999.tmp']);
    expect((await readdir(join(dir, 'tmp-check'))).sort()).toEqual(
      ['other.json.99999999.tmp', `state.json.${process.ppid}.tmp`].sort(),
    );
  });
});
