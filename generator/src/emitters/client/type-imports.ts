import type { ImportDeclarationStructure, OptionalKind } from 'ts-morph';
import type { EmitContext } from '../../emit/emitter.js';
import type { ProtocolIR } from '../../ir/types.js';
import { PROTOCOL_FILE } from '../protocol-table/index.js';
import { TYPES_FILE } from '../types/index.js';
import type { ClientOptions } from './options.js';

/** Type names the glue uses: from the protocol table besides `MethodTypes` (e.g. `ErrorCode`), and from the types. */
export interface TypeNames {
  readonly table: readonly string[];
  readonly types: readonly string[];
}

/** Every method's params and result type names. */
export function methodTypeNames(ir: ProtocolIR): string[] {
  return ir.methods.flatMap((m) => [m.params.name, m.result.name]);
}

/** `MethodTypes` and the other type names: from one module, or from the generated files beside it. */
export function typeImports(
  { options, importOf }: EmitContext<ClientOptions>,
  names: TypeNames,
): OptionalKind<ImportDeclarationStructure>[] {
  const table = ['MethodTypes', ...names.table];
  const types = [...new Set(names.types)].sort();
  if (options.typesModule !== undefined)
    return [{ moduleSpecifier: options.typesModule, isTypeOnly: true, namedImports: [...table, ...types] }];
  return [
    { moduleSpecifier: importOf('protocol-table', PROTOCOL_FILE), isTypeOnly: true, namedImports: table },
    { moduleSpecifier: importOf('types', TYPES_FILE), isTypeOnly: true, namedImports: types },
  ];
}
