/**
 * Shows that the shipped source maps give real stack traces: a packed package throws (webhook-kit's
 * `verifyDelivery` on a delivery without headers), Node prints the stack with
 * `--enable-source-maps`, and the package frame must name a `src/*.ts` line whose text (from the
 * map's inlined sources) is where the error is made.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const PROGRAM = `
import { verifyDelivery } from '@socialhub/webhook-kit/core';
try {
  await verifyDelivery(new Uint8Array(), {}, { secret: 'consumer-test' });
} catch (error) {
  console.log(error.stack);
}
`;

const FRAME = /node_modules\/(@socialhub\/[^/]+)\/(src\/[^:)]+\.ts):(\d+):\d+/;

/** Runs the program with `node`; returns the frame it checked, e.g. `src/verify.ts:118`. */
export async function checkStackTrace(project: string, node: string): Promise<string> {
  const file = join(project, 'stack-trace.mjs');
  await writeFile(file, PROGRAM);
  const { stdout } = await run(node, ['--enable-source-maps', file], { cwd: project });
  const errorName = stdout.split(':')[0]?.trim() ?? '';
  const frame = FRAME.exec(stdout);
  if (!frame) throw new Error(`no frame names a src/*.ts file of the package:\n${stdout}`);
  const [, pkg = '', source = '', lineText = '0'] = frame;
  const mapFile = join(
    project,
    'node_modules',
    pkg,
    source.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js.map'),
  );
  const map = JSON.parse(await readFile(mapFile, 'utf8')) as {
    sources: string[];
    sourcesContent?: (string | null)[];
  };
  const index = map.sources.findIndex((s) => s.endsWith(source));
  const text = map.sourcesContent?.[index]?.split('\n')[Number(lineText) - 1] ?? '';
  if (!errorName || !text.includes(errorName)) {
    throw new Error(
      `${source}:${lineText} is "${text.trim()}", not where ${errorName || 'the error'} is made:\n${stdout}`,
    );
  }
  return `${pkg}/${source}:${lineText}: ${text.trim()}`;
}
