import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '../src/stores/sqlite-store.js';
import { describeStoreContract } from './helpers/store-conformance.js';

const dir = mkdtempSync(join(tmpdir(), 'socialhub-sqlite-'));
let n = 0;

describeStoreContract('sqlite', {
  create: async () => createSqliteStore({ path: join(dir, `store-${++n}.db`) }),
  cleanup: async () => rmSync(dir, { recursive: true, force: true }),
});
