/**
 * Checks on the files of a packed package that npm serves as they are: the README (shown on the
 * registry's page, where a relative link points nowhere) and the source maps (whose `sources`
 * must be in the tarball, or inlined, for a stack trace or a debugger to show real lines).
 */
import { dirname, posix } from 'node:path';
import { Lexer, type Token, type Tokens, walkTokens } from 'marked';

/** What the source-map check reads from a package: a list of files and their contents. */
export interface PackedFiles {
  /** Every file, as absolute paths inside the package (`/node_modules/<name>/...`). */
  listFiles(): string[];
  readFile(path: string): string;
  fileExists(path: string): boolean;
}

/** A URL with a scheme (`https:`, `mailto:`), protocol-relative, or an anchor on the same page. */
function isAbsolute(href: string): boolean {
  return /^[a-z][a-z\d+.-]*:/i.test(href) || href.startsWith('//') || href.startsWith('#');
}

const HTML_URL = /\b(?:href|src)\s*=\s*["']([^"']*)["']/gi;

/** Every link and image target of a Markdown text, code blocks and code spans left out. */
export function markdownLinks(markdown: string): string[] {
  const links: string[] = [];
  walkTokens(Lexer.lex(markdown), (token: Token) => {
    if (token.type === 'link' || token.type === 'image') {
      links.push((token as Tokens.Link | Tokens.Image).href);
    } else if (token.type === 'html') {
      for (const match of (token as Tokens.HTML).text.matchAll(HTML_URL))
        links.push(match[1] ?? '');
    }
  });
  return links;
}

/** The README's relative links, each a problem: on the registry's page they lead nowhere. */
export function readmeLinkProblems(readme: string): string[] {
  return markdownLinks(readme)
    .filter((href) => !isAbsolute(href))
    .map(
      (href) =>
        `readme: relative link "${href}" breaks on the registry; link an absolute URL or remove it`,
    );
}

/** Source-map problems listed one by one; the rest are counted. */
const MAX_LISTED = 3;

interface SourceMap {
  sourceRoot?: string;
  sources?: (string | null)[];
  sourcesContent?: (string | null)[];
}

/**
 * Every `sources` entry of every shipped `.map` must resolve to a file in the package or have
 * its `sourcesContent`; each one that does neither is a problem.
 */
export function sourceMapProblems(files: PackedFiles, root: string): string[] {
  const problems: string[] = [];
  for (const file of files.listFiles()) {
    if (!file.endsWith('.map')) continue;
    const where = posix.relative(root, file);
    let map: SourceMap;
    try {
      map = JSON.parse(files.readFile(file)) as SourceMap;
    } catch {
      problems.push(`sourcemap: ${where} is not JSON`);
      continue;
    }
    for (const [index, source] of (map.sources ?? []).entries()) {
      if (typeof map.sourcesContent?.[index] === 'string') continue;
      const resolved =
        source === null
          ? undefined
          : posix.join(dirname(file), map.sourceRoot ?? '', source.replace(/^file:\/\//, ''));
      if (resolved?.startsWith(`${root}/`) && files.fileExists(resolved)) continue;
      problems.push(
        `sourcemap: ${where} names "${source}", which is not in the package and not inlined (sourcesContent)`,
      );
    }
  }
  if (problems.length <= MAX_LISTED) return problems;
  return [
    ...problems.slice(0, MAX_LISTED),
    `sourcemap: ... and ${problems.length - MAX_LISTED} more: ship the sources or set inlineSources`,
  ];
}
