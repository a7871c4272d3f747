import { describe, expect, it } from 'vitest';
import { checkManifestShape } from '../consumer/check-package.ts';
import { COMPILERS } from '../consumer/consumer-project.ts';
import { ENGINES_NODE, NODE_LINES } from '../consumer/node-versions.ts';
import { RUNTIMES } from '../consumer/runtimes.ts';
import { listPublishedPackages } from '../consumer/workspace-packages.ts';

describe('supported platforms', () => {
  it('are the maintained Node lines: 22 from 22.13, 24 and 26', () => {
    expect(NODE_LINES).toEqual([
      { major: 22, minor: 13 },
      { major: 24, minor: 0 },
      { major: 26, minor: 0 },
    ]);
    expect(ENGINES_NODE).toBe('^22.13.0 || ^24.0.0 || >=26.0.0');
  });

  it('are what every published package declares in engines.node', async () => {
    const packages = await listPublishedPackages();
    expect(packages.length).toBeGreaterThan(0);
    for (const pkg of packages)
      expect([pkg.name, pkg.manifest.engines?.node]).toEqual([pkg.name, ENGINES_NODE]);
  });

  it('fails the package shape check on another engines range', () => {
    const problems = checkManifestShape({
      name: 'x',
      version: '0.0.0',
      engines: { node: '>=20.19' },
    });
    expect(problems.filter((p) => p.includes('engines.node'))).toHaveLength(1);
  });

  it('type-checks under TypeScript 5.9 and 7, and runs webhook-kit on Bun, Deno and workerd', () => {
    expect(COMPILERS.map((c) => c.spec)).toEqual([
      'typescript@~5.9.0',
      'typescript7@npm:typescript@^7.0.2',
    ]);
    expect(RUNTIMES.map((r) => r.name)).toEqual(['Bun', 'Deno', 'workerd']);
  });
});
