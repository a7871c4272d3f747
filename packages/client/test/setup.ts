import { afterAll } from 'vitest';
import { expectNoSecretsProduced } from './helpers/secrets.js';

// Every test file: no error, log event or result it recorded may mention a token it sent.
afterAll(() => {
  expectNoSecretsProduced();
});
