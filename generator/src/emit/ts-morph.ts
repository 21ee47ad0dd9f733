/**
 * ts-morph, loaded with `require` on first use. It is a large CommonJS module: imported from an
 * ES module, Node first scans its whole source for export names (~140 ms of every cold `centkit
 * generate`, measured with `npm run bench -- generator`); required, it is only compiled. And it
 * is required only when an emitter first touches one of these values (lazy-require.ts), after the
 * IR is built. Emitters take its values from here and its types with `import type` from 'ts-morph'.
 */
import { lazyRequire } from '../lazy-require.js';

type TsMorph = typeof import('ts-morph');

const tsMorph = lazyRequire<TsMorph>('ts-morph');

/**
 * ts-morph's export `key`, standing in for it until first used: reading a member (an enum's
 * value, a function of `ts`) or constructing it (`new Project(...)`) loads ts-morph.
 */
function onFirstUse<
  K extends
    | 'IndentationText'
    | 'NewLineKind'
    | 'Project'
    | 'QuoteKind'
    | 'Scope'
    | 'StructureKind'
    | 'VariableDeclarationKind'
    | 'ts',
>(key: K): TsMorph[K] {
  const real = (): object => tsMorph()[key];
  // A function target, so that `new` reaches the construct trap.
  return new Proxy(function standIn() {}, {
    get: (_target, member) => Reflect.get(real(), member) as unknown,
    has: (_target, member) => Reflect.has(real(), member),
    construct: (_target, args) => Reflect.construct(real() as new (...args: unknown[]) => object, args) as object,
  }) as unknown as TsMorph[K];
}

export const IndentationText = onFirstUse('IndentationText');
export const NewLineKind = onFirstUse('NewLineKind');
export const Project = onFirstUse('Project');
export const QuoteKind = onFirstUse('QuoteKind');
export const Scope = onFirstUse('Scope');
export const StructureKind = onFirstUse('StructureKind');
export const VariableDeclarationKind = onFirstUse('VariableDeclarationKind');
export const ts = onFirstUse('ts');
