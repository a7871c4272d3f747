/**
 * The table of known differences between the public contract and API2's `/public/...`
 * operations, kept in the `## Reconciliation with API2` section of `specs/README.md`.
 */

/** Title of the README section holding the table. */
export const SECTION_TITLE = '## Reconciliation with API2';

/** Header cells of the table. */
export const COLUMNS = ['operation', 'pointer', 'keyword', 'difference', 'source'] as const;

/** One row of the table. */
export interface TableRow {
  /** Public method and path, e.g. `PATCH /manifest`. */
  operation: string;
  pointer: string;
  keyword: string;
  difference: string;
  /** The document the public side follows (or the reason API2 differs). */
  source: string;
  /** 1-based line in the README, for messages. */
  line: number;
}

/** A table-row value without its source and line: what the comparison computes. */
export type RowKey = Pick<TableRow, 'operation' | 'pointer' | 'keyword' | 'difference'>;

/** Splits a markdown table line into cells; `\|` is a literal pipe inside a cell. */
export function splitCells(line: string): string[] {
  const trimmed = line.trim();
  if (!trimmed.startsWith('|') || !trimmed.endsWith('|')) {
    throw new Error(`specs: not a table line: ${line}`);
  }
  const cells: string[] = [];
  let cell = '';
  for (let i = 1; i < trimmed.length - 1; i++) {
    const ch = trimmed[i];
    if (ch === '\\' && trimmed[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (ch === '|') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell.trim());
  return cells;
}

/** Removes one pair of enclosing backticks (`` `x` `` → `x`). */
function unquote(cell: string): string {
  return /^`[^`]*`$/.test(cell) ? cell.slice(1, -1) : cell;
}

/** The lines of the README section, with their 0-based index in the whole file. */
function sectionLines(readme: string): { text: string; index: number }[] {
  const lines = readme.split('\n');
  const start = lines.findIndex((l) => l.trim() === SECTION_TITLE);
  if (start < 0) throw new Error(`specs: README has no "${SECTION_TITLE}" section`);
  let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  if (end < 0) end = lines.length;
  return lines.slice(start + 1, end).map((text, i) => ({ text, index: start + 1 + i }));
}

/**
 * The body rows of the table in the section whose header cells are `columns`, each as its
 * cells (one pair of enclosing backticks removed) and its 1-based line.
 */
export function readSectionTable(
  readme: string,
  columns: readonly string[],
): { cells: string[]; line: number }[] {
  const lines = sectionLines(readme);
  const header = lines.findIndex(
    (l) => l.text.trim().startsWith('|') && splitCells(l.text).join() === columns.join(),
  );
  if (header < 0) throw new Error(`specs: no table with columns ${columns.join(', ')}`);
  const rows: { cells: string[]; line: number }[] = [];
  for (const { text, index } of lines.slice(header + 2)) {
    if (!text.trim().startsWith('|')) break;
    const cells = splitCells(text);
    if (cells.length !== columns.length) {
      throw new Error(
        `specs: README line ${index + 1} has ${cells.length} cells, not ${columns.length}`,
      );
    }
    rows.push({ cells: cells.map(unquote), line: index + 1 });
  }
  return rows;
}

/** Reads the rows of the reconciliation table from the README text. */
export function parseTable(readme: string): TableRow[] {
  return readSectionTable(readme, COLUMNS).map(({ cells, line }) => {
    const [operation = '', pointer = '', keyword = '', difference = '', source = ''] = cells;
    return { operation, pointer, keyword, difference, source, line };
  });
}

/** Escapes a cell for a markdown table. */
function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|');
}

/** Formats a row as a markdown table line (the inverse of {@link parseTable}). */
export function formatRow(row: RowKey & { source: string }): string {
  const cells = [
    `\`${row.operation}\``,
    `\`${row.pointer}\``,
    `\`${row.keyword}\``,
    row.difference,
    row.source,
  ];
  return `| ${cells.map(escapeCell).join(' | ')} |`;
}

/** The identity of a row: everything but its source. */
export function rowKey(row: RowKey): string {
  return JSON.stringify([row.operation, row.pointer, row.keyword, row.difference]);
}

/** What the table lacks and what it lists in vain, compared with the computed differences. */
export function reconcile(
  computed: readonly RowKey[],
  table: readonly TableRow[],
): { missing: RowKey[]; stale: TableRow[] } {
  const listed = new Set(table.map(rowKey));
  const found = new Set(computed.map(rowKey));
  return {
    missing: computed.filter((row) => !listed.has(rowKey(row))),
    stale: table.filter((row) => !found.has(rowKey(row))),
  };
}
