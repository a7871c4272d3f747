import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  applyCorrections,
  findDefect,
  locateCorrection,
  parseCorrections,
} from '@socialhub/codegen/corrections';
import { loadDeps } from '@socialhub/codegen/deps';
import { isObject } from '@socialhub/codegen/json-pointer';
import { deriveOperationId } from '@socialhub/codegen/operation-ids';
import { correctedApi2, loadCorrections, PATHS, ROOT, readYaml } from '@socialhub/codegen/pipeline';
import { describe, expect, test } from 'vitest';

const deps = await loadDeps();
const corrections = await loadCorrections();
const restored = await readYaml(deps, join(ROOT, PATHS.api2Spec));
// The seed as copied into the repository by the restoration (identical to shared/seeds/004_*).
const seedLines = (
  await readFile(join(ROOT, 'specs/source/socialhub-api2.seed.txt'), 'utf8')
).split('\n');
const { doc, applied, derived } = correctedApi2(restored, corrections);

describe('the corrections file', () => {
  test('names the seed line of every defect it corrects', () => {
    for (const c of corrections) {
      for (const line of c.seedLines) {
        const text = (seedLines[line - 1] ?? '').replace(/['"]/g, '');
        expect(text, `${c.id}: seed line ${line}`).toContain(c.seedText.replace(/['"]/g, ''));
      }
    }
  });

  test('lists one pointer per seed line for every content-anchored correction', () => {
    for (const c of corrections.filter(
      (c) => c.change.kind === 'set' || c.change.kind === 'replace',
    )) {
      expect(c.pointers.length, c.id).toBe(c.seedLines.length);
    }
  });

  test('every target exists in the restored file', () => {
    for (const c of corrections) expect(() => locateCorrection(restored, c), c.id).not.toThrow();
    expect(applied.map((a) => a.id)).toEqual(corrections.map((c) => c.id));
  });

  test('after corrections swagger-parser validates the document', async () => {
    await expect(deps.swaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  test('without them it does not', async () => {
    await expect(deps.swaggerParser.validate(structuredClone(restored) as never)).rejects.toThrow();
  });

  test('no defect it names is left', () => {
    for (const c of corrections) {
      if (c.change.kind === 'set' || c.change.kind === 'replace') {
        expect(findDefect(doc, c.change.key, c.change.expect), c.id).toEqual([]);
      }
    }
  });

  test('every used tag is declared, and every operation has a unique derived operationId', () => {
    if (!isObject(doc.paths) || !Array.isArray(doc.tags)) throw new Error('no paths or tags');
    const declared = new Set(doc.tags.map((t) => (isObject(t) ? t.name : undefined)));
    const ids: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item as Record<string, unknown>)) {
        if (!isObject(op) || !Array.isArray(op.tags)) continue;
        for (const tag of op.tags) expect(declared, `${method} ${path}`).toContain(tag);
        expect(op.operationId).toBe(deriveOperationId(method, path));
        ids.push(op.operationId as string);
      }
    }
    expect(ids).toHaveLength(296);
    expect(new Set(ids).size).toBe(296);
    expect(derived).toBe(296);
  });
});

describe('the correction engine', () => {
  const base = () => ({
    info: { contact: { email: ['x'] } },
    tags: [{ name: 'a' }],
    paths: {
      '/a': { get: { parameters: [{ pattern: "^1'" }] } },
      '/b': { get: { format: 'url' } },
    },
  });
  const entry = (change: unknown, pointer: unknown = '/info/contact/email') =>
    parseCorrections({
      corrections: [{ id: 'x', seedLine: 1, seedText: 'x', why: 'y', pointer, change }],
    });

  test('set finds its target by content wherever it is nested', () => {
    const doc = base();
    const [result] = applyCorrections(
      doc,
      entry({ kind: 'set', key: 'pattern', expect: "^1'", value: '^1' }, '/elsewhere/pattern'),
    );
    expect(doc.paths['/a'].get.parameters[0]?.pattern).toBe('^1');
    expect(result?.appliedAt).toEqual(['/paths/~1a/get/parameters/0/pattern']);
    expect(result?.moved).toEqual(['/elsewhere/pattern']);
  });

  test('a defect found more or fewer times than listed stops the run', () => {
    expect(() =>
      applyCorrections(base(), entry({ kind: 'set', key: 'format', expect: 'uri', value: 'x' })),
    ).toThrow(/found 0/);
    expect(() =>
      applyCorrections(
        base(),
        entry({ kind: 'set', key: 'format', expect: 'url', value: 'uri' }, ['/a', '/b']),
      ),
    ).toThrow(/expected 2 occurrence/);
  });

  test('replace never overwrites a sibling; append refuses duplicates', () => {
    expect(() =>
      applyCorrections(
        base(),
        entry({ kind: 'replace', key: 'format', expect: 'url', with: { format: 'uri' } }),
      ),
    ).not.toThrow();
    const clash = { a: { format: 'url', pattern: 'p' } };
    expect(() =>
      applyCorrections(
        clash,
        entry({ kind: 'replace', key: 'format', expect: 'url', with: { pattern: 'q' } }),
      ),
    ).toThrow(/already set/);
    expect(() =>
      applyCorrections(base(), entry({ kind: 'append', values: [{ name: 'a' }] }, '/tags')),
    ).toThrow(/already present/);
  });

  test('move relocates a property; an interim one is skipped once there is nothing to move', () => {
    const doc = { a: { properties: { b: { properties: { x: { type: 'string' } } } } } };
    const move = (interim: boolean) =>
      parseCorrections({
        corrections: [
          {
            id: 'm',
            seedLine: 1,
            seedText: 'x',
            why: 'y',
            interim,
            pointer: '/a/properties/b/properties/x',
            change: { kind: 'move', to: '/a/properties/x' },
          },
        ],
      });
    applyCorrections(doc, move(true));
    expect(doc.a.properties).toEqual({ b: { properties: {} }, x: { type: 'string' } });
    const [again] = applyCorrections(doc, move(true));
    expect(again?.skipped).toMatch(/nothing to move/);
    expect(() => applyCorrections(doc, move(false))).toThrow(/nothing to move/);
  });

  test('malformed entries are rejected', () => {
    expect(() => parseCorrections({ corrections: [{ id: 'Bad Id' }] })).toThrow(/kebab-case/);
    expect(() => entry({ kind: 'delete-everything' })).toThrow(/unknown change kind/);
  });
});

describe('operationId rule', () => {
  test('method plus the path in PascalCase, params as By<Name>', () => {
    expect(deriveOperationId('get', '/channels/{channelId}/posts')).toBe(
      'getChannelsByChannelIdPosts',
    );
    expect(
      deriveOperationId('POST', '/inbox/tickets/{ticketId}/replies/{followupId}/success'),
    ).toBe('postInboxTicketsByTicketIdRepliesByFollowupIdSuccess');
    expect(deriveOperationId('get', '/')).toBe('getRoot');
    expect(deriveOperationId('delete', '/short-links/bulk_delete')).toBe(
      'deleteShortLinksBulkDelete',
    );
  });
});
