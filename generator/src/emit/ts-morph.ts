/**
 * ts-morph, loaded with `require`. It is a large CommonJS module: imported from an ES module,
 * Node first scans its whole source for export names (~140 ms of every cold `centkit generate`,
 * measured with `npm run bench -- generator`); required, it is only compiled. Emitters take its
 * values from here and its types with `import type` from 'ts-morph'.
 */
import { createRequire } from 'node:module';

const tsMorph = createRequire(import.meta.url)('ts-morph') as typeof import('ts-morph');

export const { IndentationText, NewLineKind, Project, QuoteKind, Scope, StructureKind, VariableDeclarationKind, ts } =
  tsMorph;
