/**
 * The fenced blocks of a README, for tests that run them as written. Every block is code to run
 * except a `text` block (a synopsis or sample output) and a block right after an HTML comment
 * `<!-- not run: reason -->`. A test file takes the blocks it runs while it is collected (so a
 * skipped suite still counts them), and ends with `expectEveryBlockTaken`: a block nobody runs
 * fails the file. A fence without a language is refused: say `text` if it is not code.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface ReadmeBlock {
  readonly readme: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly lang: string;
  readonly code: string;
  /** The reason given by a `<!-- not run: reason -->` comment before the fence. */
  readonly notRun: string | undefined;
}

export class Readme {
  readonly blocks: readonly ReadmeBlock[];
  readonly text: string;
  private readonly taken = new Set<ReadmeBlock>();

  constructor(readonly file: string) {
    this.text = readFileSync(path.join(repoRoot, file), 'utf8');
    this.blocks = parseBlocks(file, this.text);
  }

  /** The one block of `lang` whose code contains `marker` (or matches it), marked as run. */
  take(lang: string, marker: string | RegExp): ReadmeBlock {
    const found = this.blocks.filter(
      (b) => b.lang === lang && (typeof marker === 'string' ? b.code.includes(marker) : marker.test(b.code)),
    );
    if (found.length !== 1) throw new Error(`${this.file}: ${found.length} ${lang} blocks match ${String(marker)}`);
    const block = found[0] as ReadmeBlock;
    this.taken.add(block);
    return block;
  }

  /**
   * A block another test file runs (named by `testFile`, which must name this README): marked as
   * run here, with a test that the other file does name it.
   */
  runElsewhere(lang: string, marker: string | RegExp, testFile: string): void {
    const block = this.take(lang, marker);
    it(`${this.file}:${block.line} is run by ${testFile}`, () => {
      expect(readFileSync(path.join(repoRoot, testFile), 'utf8')).toContain(this.file);
    });
  }

  /** Blocks that must run and no test took. */
  untaken(): string[] {
    return this.blocks
      .filter((b) => b.lang !== 'text' && b.notRun === undefined && !this.taken.has(b))
      .map((b) => `${b.readme}:${b.line} (${b.lang || 'no language'})`);
  }
}

function parseBlocks(readme: string, text: string): ReadmeBlock[] {
  const lines = text.split('\n');
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i] ?? '');
    if (open === null) continue;
    const end = lines.findIndex((l, j) => j > i && l === '```');
    if (end < 0) throw new Error(`${readme}:${i + 1}: unclosed fence`);
    const before = lines.slice(0, i).findLast((l) => l.trim() !== '') ?? '';
    blocks.push({
      readme,
      line: i + 1,
      lang: open[1] ?? '',
      code: `${lines.slice(i + 1, end).join('\n')}\n`,
      notRun: /^<!-- not run: (.+) -->$/.exec(before.trim())?.[1],
    });
    i = end;
  }
  return blocks;
}

/** The last test of a README's file: every block that must run was taken by a test above. */
export function expectEveryBlockTaken(readme: Readme): void {
  it(`every code block of ${readme.file} is run (or marked "not run" with a reason)`, () => {
    expect(readme.blocks.length).toBeGreaterThan(0);
    expect(readme.untaken()).toEqual([]);
  });
}

/** `expr; // → comment` lines (or `expr; // comment`) of a snippet, as `console.log(JSON.stringify(expr))`. */
export function printCommentedExpressions(code: string): string {
  return code.replace(/^([\w.]+(?:\(.*\))?);\s+\/\/.*$/gm, 'console.log(JSON.stringify($1) ?? "undefined");');
}
