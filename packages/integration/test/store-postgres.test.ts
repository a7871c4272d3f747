import { createPostgresStore } from '../src/stores/postgres-store.js';
import { type PostgresServer, startPostgres } from './helpers/postgres-server.js';
import { describeStoreContract } from './helpers/store-conformance.js';

let server: PostgresServer | undefined;
let n = 0;

describeStoreContract('postgres', {
  create: async () => {
    server ??= await startPostgres();
    return createPostgresStore({ url: await server.createDatabase(`conformance_${++n}`), max: 4 });
  },
  cleanup: async () => server?.stop(),
});
