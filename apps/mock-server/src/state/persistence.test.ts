import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdGenerator } from './ids.js';
import { createInitialState } from './initial-state.js';
import { createPersistence, loadStateFile, StateFileError } from './persistence.js';
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
});
