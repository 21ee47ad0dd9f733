import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/workspace.js';

const dist = (file: string) => JSON.stringify(pathToFileURL(path.join(repoRoot, 'generator/dist', file)).href);

/**
 * A child process that loads every emitter and the pipeline, then reports which of the heavy
 * CommonJS dependencies are loaded: before any use, after the IR of a protocol is built, and
 * after a ts-morph value is used.
 */
const SCRIPT = `
import { createRequire } from 'node:module';
const require = createRequire(${dist('index.js')});
const heavy = { 'ts-morph': 'ts-morph', jstt: 'json-schema-to-typescript', prettier: 'prettier/standalone' };
const loaded = () => Object.entries(heavy).filter(([, id]) => require.cache[require.resolve(id)] !== undefined).map(([name]) => name);
const { emitters, loadSchemaSet, validateSchemaSet, buildIR } = await import(${dist('index.js')});
const atStart = loaded();
const set = await loadSchemaSet(${JSON.stringify(path.join(repoRoot, 'schema/centrifugo-v6'))}, 'v6');
if (validateSchemaSet(set).length > 0) throw new Error('v6 has problems');
buildIR(set);
const afterIR = loaded();
const { StructureKind, Project } = await import(${dist('emit/ts-morph.js')});
const kind = StructureKind.ImportDeclaration;
const project = new Project({ useInMemoryFileSystem: true });
const file = project.createSourceFile('/a.ts', 'export const a = 1;');
console.log(JSON.stringify({ emitters: emitters.length, atStart, afterIR, kind: typeof kind, text: file.getFullText(), afterUse: loaded() }));
`;

describe('TypeScript, json-schema-to-typescript and prettier, loaded on first use (lazy-require.ts)', () => {
  it('are not loaded by the emitters or the pipeline up to the IR, and load when a value is first used', () => {
    const report = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', SCRIPT], { encoding: 'utf8' }),
    ) as Record<string, unknown>;
    expect(report).toEqual({
      emitters: expect.any(Number) as number,
      atStart: [],
      afterIR: [],
      kind: 'number',
      text: 'export const a = 1;',
      afterUse: ['ts-morph'],
    });
    expect(report.emitters).toBeGreaterThan(5);
  });
});
