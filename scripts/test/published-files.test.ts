import { describe, expect, it } from 'vitest';
import {
  markdownLinks,
  type PackedFiles,
  readmeLinkProblems,
  sourceMapProblems,
} from '../consumer/published-files.ts';

describe('readmeLinkProblems', () => {
  it('flags relative links, images, reference definitions and HTML targets', () => {
    const readme = [
      '# pkg',
      'See [the client](../client/README.md), ![logo](docs/logo.png) and [specs][s].',
      '<a href="guide.md">guide</a>',
      '',
      '[s]: ../../specs',
    ].join('\n');
    expect(readmeLinkProblems(readme).map((p) => p.match(/"(.*)"/)?.[1])).toEqual([
      '../client/README.md',
      'docs/logo.png',
      '../../specs',
      'guide.md',
    ]);
  });

  it('accepts absolute URLs, mailto and anchors, and ignores code', () => {
    const readme = [
      '[npm](https://www.npmjs.com/package/@socialhub/client) [mail](mailto:a@example.com)',
      '[below](#api) `[not](a-link.md)`',
      '```ts',
      'const x = [a](b.md);',
      '```',
    ].join('\n');
    expect(markdownLinks(readme)).toEqual([
      'https://www.npmjs.com/package/@socialhub/client',
      'mailto:a@example.com',
      '#api',
    ]);
    expect(readmeLinkProblems(readme)).toEqual([]);
  });
});

/** A package of in-memory files under `/node_modules/pkg`. */
function packed(files: Record<string, string>): PackedFiles {
  const all = Object.fromEntries(
    Object.entries(files).map(([path, text]) => [`/node_modules/pkg/${path}`, text]),
  );
  return {
    listFiles: () => Object.keys(all),
    readFile: (path) => all[path] ?? '',
    fileExists: (path) => path in all,
  };
}

const map = (extra: object) =>
  JSON.stringify({ version: 3, sources: ['../src/a.ts'], mappings: 'AAAA', ...extra });

describe('sourceMapProblems', () => {
  it('flags a source that neither ships nor is inlined', () => {
    const problems = sourceMapProblems(
      packed({ 'dist/a.js': '', 'dist/a.js.map': map({}) }),
      '/node_modules/pkg',
    );
    expect(problems).toEqual([
      'sourcemap: dist/a.js.map names "../src/a.ts", which is not in the package and not inlined (sourcesContent)',
    ]);
  });

  it('accepts inlined sources and sources that ship', () => {
    const root = '/node_modules/pkg';
    expect(
      sourceMapProblems(packed({ 'dist/a.js.map': map({ sourcesContent: ['x'] }) }), root),
    ).toEqual([]);
    expect(sourceMapProblems(packed({ 'dist/a.js.map': map({}), 'src/a.ts': 'x' }), root)).toEqual(
      [],
    );
  });

  it('does not accept a source outside the package', () => {
    const problems = sourceMapProblems(
      packed({ 'dist/a.js.map': map({ sources: ['../../other/a.ts'] }) }),
      '/node_modules/pkg',
    );
    expect(problems).toHaveLength(1);
  });

  it('lists three and counts the rest', () => {
    const files: Record<string, string> = {};
    for (const n of [1, 2, 3, 4, 5]) files[`dist/${n}.js.map`] = map({});
    const problems = sourceMapProblems(packed(files), '/node_modules/pkg');
    expect(problems).toHaveLength(4);
    expect(problems[3]).toMatch(/and 2 more/);
  });
});
