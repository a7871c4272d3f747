/**
 * The decisions file: one row per judgement call (a seed line that more than one open container
 * could hold), naming the container chosen, the rule or review behind it, the evidence and the
 * confidence. Rows marked `reviewed` are a person's reading and survive `--propose`.
 */
import type { Confidence } from './rules.ts';

export interface Decision {
  line: number;
  key: string;
  /** JSON pointer of the map or list that holds the line. */
  choice: string;
  confidence: Confidence;
  rule: string;
  evidence: string;
}

const HEADER = `# Judgement calls of the API2 restoration: every seed line that more than one open container
# could hold under the Swagger 2.0 grammar. Columns (tab-separated): seed line, key, chosen
# container (JSON pointer), confidence, rule, evidence. Rows whose rule is \`reviewed\` are a
# person's reading and are kept by \`pnpm restore:api2 --propose\`; the others are the rules'
# proposal (scripts/restore/rules.ts). \`pnpm restore:api2\` rebuilds specs/socialhub-api2.yaml
# from the seed and this file alone.
line\tkey\tchoice\tconfidence\trule\tevidence
`;

const clean = (text: string) => text.replace(/[\t\n]/g, ' ');

/** Serialises decisions, one tab-separated row each. */
export function formatDecisions(decisions: readonly Decision[]): string {
  return (
    HEADER +
    decisions
      .map((d) =>
        [d.line, clean(d.key), d.choice, d.confidence, d.rule, clean(d.evidence)].join('\t'),
      )
      .join('\n') +
    '\n'
  );
}

/** Parses the decisions file; throws on a malformed row. */
export function parseDecisions(text: string): Map<number, Decision> {
  const decisions = new Map<number, Decision>();
  for (const row of text.split('\n')) {
    if (row === '' || row.startsWith('#') || row.startsWith('line\t')) continue;
    const [line, key, choice, confidence, rule, evidence] = row.split('\t');
    const no = Number(line);
    if (
      !Number.isInteger(no) ||
      key === undefined ||
      choice === undefined ||
      !['high', 'medium', 'low'].includes(confidence ?? '') ||
      !rule ||
      evidence === undefined
    ) {
      throw new Error(`decisions file: malformed row: ${row}`);
    }
    if (decisions.has(no)) throw new Error(`decisions file: seed line ${no} is decided twice`);
    decisions.set(no, {
      line: no,
      key,
      choice,
      confidence: confidence as Confidence,
      rule,
      evidence,
    });
  }
  return decisions;
}
