/** One line of the seed, classified by its YAML shape (indentation is gone, so shape is all we have). */
export interface SeedLine {
  /** 1-based line number in the seed file. */
  no: number;
  /** The line exactly as in the seed. */
  text: string;
  kind: 'comment' | 'key' | 'item' | 'flow';
  /** For `key` lines and map items (`- key: ...`): the unquoted key. */
  key?: string;
  /** True when the key has no inline value, so a block (map or list) follows. */
  isBlock?: boolean;
  /** The inline value text after `key: ` or `- `, if any. */
  value?: string;
  /** For items: true when the item starts a map (`- key: ...`). */
  isMapItem?: boolean;
}

const KEY_PATTERN =
  /^('(?:[^']|'')*'|"(?:[^"\\]|\\.)*"|[^\s'"#\-[{][^:]*?|-[^\s:][^:]*?)\s*:(?:\s+(.*))?$/;

function unquote(key: string): string {
  if (key.startsWith("'")) return key.slice(1, -1).replace(/''/g, "'");
  if (key.startsWith('"')) return JSON.parse(key) as string;
  return key;
}

/** Net bracket depth change of a flow fragment, ignoring brackets inside quotes. */
export function flowDepthDelta(text: string): number {
  let depth = 0;
  let quote: string | null = null;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth--;
  }
  return depth;
}

/** Drops a trailing ` # comment` that is outside quotes. */
function stripComment(value: string): string | undefined {
  let quote: string | null = null;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '#' && (i === 0 || value[i - 1] === ' '))
      return value.slice(0, i).trim() || undefined;
  }
  return value.trim() || undefined;
}

function parseKeyValue(text: string): { key: string; value?: string } | undefined {
  const match = KEY_PATTERN.exec(text);
  if (!match?.[1]) return undefined;
  const value = stripComment(match[2] ?? '');
  return value ? { key: unquote(match[1].trim()), value } : { key: unquote(match[1].trim()) };
}

/** Classifies the seed's YAML lines (`firstLine`..`lastLine`, 1-based, inclusive). */
export function classifyLines(seedText: string, firstLine: number, lastLine: number): SeedLine[] {
  const all = seedText.split('\n');
  const lines: SeedLine[] = [];
  let flowDepth = 0;
  for (let no = firstLine; no <= lastLine; no++) {
    const text = all[no - 1] ?? '';
    if (text.trim() !== text || text === '') {
      throw new Error(`seed line ${no} is blank or still indented: ${JSON.stringify(text)}`);
    }
    if (flowDepth > 0) {
      lines.push({ no, text, kind: 'flow' });
      flowDepth += flowDepthDelta(text);
      continue;
    }
    if (text.startsWith('#')) {
      lines.push({ no, text, kind: 'comment' });
      continue;
    }
    if (text === '-' || text.startsWith('- ')) {
      const rest = text.slice(2).trim();
      const kv = rest.startsWith('[') || rest.startsWith('{') ? undefined : parseKeyValue(rest);
      if (kv) {
        lines.push({
          no,
          text,
          kind: 'item',
          isMapItem: true,
          key: kv.key,
          isBlock: kv.value === undefined,
          ...(kv.value !== undefined && { value: kv.value }),
        });
        if (kv.value) flowDepth = Math.max(0, flowDepthDelta(kv.value));
      } else {
        lines.push({ no, text, kind: 'item', isMapItem: false, value: rest });
        flowDepth = Math.max(0, flowDepthDelta(rest));
      }
      continue;
    }
    const kv = parseKeyValue(text);
    if (!kv) throw new Error(`seed line ${no} is neither a key, an item nor a comment: ${text}`);
    lines.push({
      no,
      text,
      kind: 'key',
      key: kv.key,
      isBlock: kv.value === undefined,
      ...(kv.value !== undefined && { value: kv.value }),
    });
    if (kv.value) flowDepth = Math.max(0, flowDepthDelta(kv.value));
  }
  if (flowDepth !== 0) throw new Error('seed ends inside a flow collection');
  return lines;
}
