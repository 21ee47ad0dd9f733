import path from 'node:path';
import { format, type Options } from 'prettier';
import { describe, expect, it, vi } from 'vitest';
import { loadProtocol } from '../src/diff/load-protocol.js';
import { typesEmitter } from '../src/emitters/types/index.js';
import { syntheticScratch } from './support/speed-up-jobs.js';
import { fixture, repoRoot } from './support/workspace.js';

/** Every text the types emitter formats in this test, with the options it gave and what the standalone build made of it. */
const formatted = vi.hoisted(() => [] as { text: string; options: object; fast: string }[]);

vi.mock('../src/emitters/types/prettier-standalone.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/emitters/types/prettier-standalone.js')>();
  return {
    formatTypeScript: async (text: string, options: Omit<Options, 'parser' | 'plugins'>): Promise<string> => {
      const fast = await original.formatTypeScript(text, options);
      formatted.push({ text, options, fast });
      return fast;
    },
  };
});

describe("prettier's standalone build with its CommonJS plugins (a speed-up) against prettier's main entry (the reference)", () => {
  const scratch = syntheticScratch('prettier-standalone');

  it.each([
    ['centrifugo-v1', () => path.join(repoRoot, 'schema/centrifugo-v1')],
    ['centrifugo-v6', () => path.join(repoRoot, 'schema/centrifugo-v6')],
    ['centrifugo-v6.0', () => path.join(repoRoot, 'schema/centrifugo-v6.0')],
    ['kvstore', () => fixture('kvstore')],
    ['mini-v6', () => fixture('mini-v6')],
    ['a synthetic protocol of 40 methods', () => scratch.synthetic()],
  ])('formats the types of %s to the same bytes', async (_name, dir) => {
    formatted.length = 0;
    const { ir } = await loadProtocol(dir(), repoRoot);
    const [file] = await typesEmitter.emit(ir, { out: 'gen', options: {}, importOf: () => '', runsWith: () => false });
    expect(formatted).toHaveLength(1);
    const { text, options, fast } = formatted[0] as (typeof formatted)[number];
    expect(fast).toBe(await format(text, { ...options, parser: 'typescript' }));
    // prettier had work to do, and what it made is the file.
    expect(fast).not.toBe(text);
    expect(file?.content.endsWith(fast)).toBe(true);
  });
});
