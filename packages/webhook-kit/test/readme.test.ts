import { readFile } from 'node:fs/promises';
import { webhookRouteKeys, webhookRoutes } from '@socialhub/schema/webhooks';
import { describe, expect, it } from 'vitest';

describe('README', () => {
  it('lists exactly the generated routing keys between its markers (pnpm generate writes them)', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const region =
      /<!-- generated:webhook-events:start[^>]*-->([\s\S]*?)<!-- generated:webhook-events:end -->/.exec(
        readme,
      )?.[1];
    expect(region).toBeDefined();
    const rows = [...(region ?? '').matchAll(/^\| `([^`]+)` \| `([^`]+)` \|/gm)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(rows).toEqual(webhookRouteKeys.map((key) => [key, webhookRoutes[key].schema]));
  });
});
