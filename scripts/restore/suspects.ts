/**
 * Lists low-confidence placements worth a human look, as review aids for
 * specs/socialhub-api2.review.txt (nothing here changes the restoration):
 * - a property placed inside `owner` although, elsewhere in the file, the same name only ever
 *   appears beside `owner` (the classic "later property swallowed by the nested object");
 * - the deepest `properties` nesting (cascades of swallowed objects nest ever deeper).
 *
 *   tsx scripts/restore/suspects.ts
 */
import { readFileSync } from 'node:fs';
import { loadDeps } from '@socialhub/codegen/deps';
import { childPointer } from '@socialhub/codegen/json-pointer';
import { DECISIONS_PATH } from '../restore-api2.ts';
import { parseDecisions } from './decisions.ts';

type Schema = { properties?: Record<string, Schema>; items?: Schema; [key: string]: unknown };

const RESTORED_PATH = new URL('../../specs/socialhub-api2.yaml', import.meta.url);
const DEEP_NESTING = 5;

/** Every schema with a `properties` map, by pointer. */
function objectSchemas(document: unknown): Map<string, Schema> {
  const found = new Map<string, Schema>();
  const walk = (node: unknown, pointer: string): void => {
    if (node === null || typeof node !== 'object') return;
    const schema = node as Schema;
    if (!Array.isArray(node) && schema.properties && typeof schema.properties === 'object')
      found.set(pointer, schema);
    for (const [key, value] of Object.entries(node)) walk(value, childPointer(pointer, key));
  };
  walk(document, '');
  return found;
}

async function main(): Promise<void> {
  const { yaml } = await loadDeps();
  const schemas = objectSchemas(yaml.parse(readFileSync(RESTORED_PATH, 'utf8')));
  const decisions = parseDecisions(readFileSync(DECISIONS_PATH, 'utf8'));
  let count = 0;
  for (const decision of decisions.values()) {
    if (decision.confidence !== 'low') continue;
    const owner = /\/properties\/([^/]+)(?:\/items)?\/properties$/.exec(decision.choice)?.[1];
    if (!owner) continue;
    const holder = decision.choice.replace(/\/properties$/, '');
    let besideOwner = 0;
    let insideOwner = 0;
    for (const [pointer, schema] of schemas) {
      const names = Object.keys(schema.properties ?? {});
      if (names.includes(owner) && names.includes(decision.key)) besideOwner++;
      const ownerSchema = schema.properties?.[owner];
      const ownerProperties = ownerSchema?.properties ?? ownerSchema?.items?.properties;
      const ownerPointer = `${pointer}/properties/${owner}`;
      if (
        ownerProperties &&
        decision.key in ownerProperties &&
        holder !== ownerPointer &&
        holder !== `${ownerPointer}/items`
      )
        insideOwner++;
    }
    if (besideOwner > 0 && insideOwner === 0) {
      count++;
      console.log(`${decision.line}\t${decision.key}\tinside ${owner}, elsewhere beside it`);
    }
  }
  const deep = [...schemas.keys()].filter(
    (pointer) => (pointer.match(/\/properties\//g) ?? []).length >= DEEP_NESTING,
  );
  for (const pointer of deep.filter((p) => !deep.some((q) => q.startsWith(`${p}/`))))
    console.log(`deep\t${pointer.replace(/\/properties\//g, '.')}`);
  console.log(`suspects: ${count} placements, ${deep.length} deep objects`);
}

await main();
