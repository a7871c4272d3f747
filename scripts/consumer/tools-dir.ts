/** Where the consumer test keeps what it downloads (Node lines, runtimes): gitignored, reused. */
import { join } from 'node:path';
import { ROOT } from './workspace-packages.ts';

/** `.tools/` of the repository, or `CONSUMER_TOOLS_DIR` when set (a shared `.tools` stays clean). */
export function toolsDir(): string {
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: read by `pnpm consumer`, not a turbo task.
  return process.env.CONSUMER_TOOLS_DIR ?? join(ROOT, '.tools');
}
