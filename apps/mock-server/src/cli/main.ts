#!/usr/bin/env node
import module from 'node:module';

// Node keeps the compiled code of the mock's modules on disk, so a later start skips most of the
// parsing; it must be on before they load, hence the dynamic import.
module.enableCompileCache?.();
await import('./run-cli.js');
