import { markdownHeader } from '../../emit/header.js';

/**
 * Markdown is assembled from arrays of lines; every piece of schema text goes through `cell`
 * (tables) or `code` (inline code), so a `|` or a backtick in a description cannot break the page.
 */

/** A page: the generated header, a blank line, the lines, one trailing newline. */
export function page(source: string, lines: readonly string[]): string {
  const body = [markdownHeader(source), '', ...lines].join('\n').replace(/\n{3,}/g, '\n\n');
  return `${body.replace(/\s+$/, '')}\n`;
}

/** Text safe inside a table cell: one line, pipes escaped. */
export function cell(text: string | undefined): string {
  return (text ?? '')
    .replace(/\r?\n+/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

/** Inline code that survives backticks inside the value. */
export function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return longest === 0 ? `${fence}${text}${fence}` : `${fence} ${text} ${fence}`;
}

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${headers.join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

/** A fenced JSON block (the fence is longer than any backtick run inside). */
export function jsonBlock(value: unknown): string[] {
  const text = JSON.stringify(value, null, 2) ?? 'undefined';
  const fence = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return [`${fence}json`, ...text.split('\n'), fence];
}

/** GitHub's heading anchor for a plain identifier heading. */
export function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}
