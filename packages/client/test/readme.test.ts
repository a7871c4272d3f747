import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFile(new URL(`../${path}`, import.meta.url), 'utf8');

describe('README', () => {
  it('opens with the type-checked quick start (examples/quick-start.ts), 15 lines', async () => {
    const readme = await read('README.md');
    const first = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    const example = await read('examples/quick-start.ts');
    expect(first).toBe(example);
    expect(example.trimEnd().split('\n')).toHaveLength(15);
  });

  it('has a heading for every runtime export', async () => {
    const readme = await read('README.md');
    const root = await import('../src/index.js');
    const integration = await import('../src/integration/index.js');
    for (const name of [...Object.keys(root), ...Object.keys(integration)]) {
      if (/^[A-Z0-9_]+$/.test(name) || /^SocialHub\w*Error$/.test(name)) continue; // constants, error table
      expect(readme, name).toMatch(new RegExp(`\`${name}\\(`));
    }
  });
});
