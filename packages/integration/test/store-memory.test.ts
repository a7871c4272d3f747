import { createMemoryStore } from '../src/stores/memory-store.js';
import { describeStoreContract } from './helpers/store-conformance.js';

describeStoreContract('memory', { create: async () => createMemoryStore() });
