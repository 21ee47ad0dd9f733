import { formatPath, type Change, type Impact } from '../diff/change.js';
import type { ProtocolDiff } from '../diff/diff-protocols.js';
import type { ProtocolIR } from '../ir/types.js';

/** What one entry is about: the protocol now, and what it is compared with. */
export interface EntryInput {
  readonly ir: ProtocolIR;
  readonly hash: string;
  /** The previous protocol and the diff from it; undefined for the first entry. */
  readonly previous: { readonly hash: string; readonly diff: ProtocolDiff } | undefined;
}

export const CHANGELOG_TITLE = '# Changelog';
const INTRO =
  'Entries under a protocol heading are written by `npm run generate` (from `centkit diff`) whenever the generated code of this package changes with the protocol. Hand-written notes can go above or between them.';

/** The marker that keys an entry by the protocol hashes it goes between; an entry is never written twice. */
export function entryKey(input: EntryInput): string {
  return `<!-- centkit:changelog ${input.previous?.hash ?? 'none'}..${input.hash} -->`;
}

/** One entry as Markdown lines: no dates, nothing that differs between two runs on the same input. */
export function entryLines(input: EntryInput): string[] {
  const { ir, previous } = input;
  const lines = [`## ${ir.name} ${ir.version} (protocol ${input.hash})`, '', entryKey(input)];
  if (previous === undefined) {
    lines.push(
      `First generated from this protocol (\`${ir.source}\`): ${ir.methods.length} methods, ${ir.methods.map((m) => `\`${m.name}\``).join(', ')}.`,
    );
    return lines;
  }
  const { diff } = previous;
  const from = `${diff.old.name} ${diff.old.version} (protocol ${previous.hash})`;
  if (diff.changes.length === 0) {
    lines.push(`No API change since ${from}: descriptions or examples only. Suggested bump: **patch**.`);
    return lines;
  }
  lines.push(`Changes since ${from}. Suggested bump: **${diff.bump.bump}** (${diff.bump.reason}).`, '');
  for (const c of diff.changes) lines.push(changeLine(c));
  return lines;
}

function changeLine(c: Change): string {
  const where = formatPath(c.path);
  return `- ${c.subject.kind} \`${c.subject.name}\`${where === '' ? '' : ` \`${where}\``}: ${c.kind}, ${c.detail}. Callers: ${impact(c.callers)}; implementers: ${impact(c.implementers)}.`;
}

function impact(value: Impact): string {
  return value === 'breaking' ? '**breaking**' : value;
}

/**
 * The changelog with the entry on top of the older ones: right before the first `## ` heading,
 * or at the end when there is none. A missing file starts with a title and a short note.
 */
export function insertEntry(current: string | undefined, entry: readonly string[]): string {
  const lines = (current ?? `${CHANGELOG_TITLE}\n\n${INTRO}\n`).replace(/\s+$/, '').split('\n');
  const at = lines.findIndex((line) => line.startsWith('## '));
  const before = at === -1 ? lines : lines.slice(0, at);
  while (before.length > 0 && before[before.length - 1]?.trim() === '') before.pop();
  const after = at === -1 ? [] : ['', ...lines.slice(at)];
  return `${[...before, '', ...entry, ...after].join('\n')}\n`;
}
