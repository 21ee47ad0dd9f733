import type { EmitContext, Emitter } from '../../emit/emitter.js';
import { EmitterSetupError } from '../../emit/emitter.js';
import { StructureKind, VariableDeclarationKind } from '../../emit/ts-morph.js';
import { docs, literal, printSourceFile } from '../../emit/ts-file.js';
import type { JsonSchema, NamedSchema, ProtocolIR } from '../../ir/types.js';
import { goKindOf, type GoKind } from './go-kinds.js';

/** The file this emitter writes in its output folder. */
export const GLUE_FILE = 'glue.gen.ts';

export interface MockGlueOptions {
  /** The module exporting the `GoStructs` type the table satisfies (the mock's Go decoder). */
  readonly kindsModule: string;
}

/**
 * The wire glue a mock server needs to decode requests as a Go server does: for every method,
 * the struct its params decode into, and every struct reachable from them (the command envelope
 * of a batch included) as a table of field decoding kinds (`go-kinds.ts`). The method table and
 * the error catalogue are the protocol table's; this emits only what decoding needs.
 */
export const mockGlueEmitter: Emitter<MockGlueOptions> = {
  name: 'mock-glue',
  dependsOn: [],
  emit(ir: ProtocolIR, { options }: EmitContext<MockGlueOptions>) {
    const byName = new Map(ir.schemas.map((s) => [s.name, s]));
    const structs = new Map<string, Record<string, GoKind>>();
    const resolve = (ref: string): string | undefined => {
      const name = ref.replace(/^#\/definitions\//, '');
      const target = byName.get(name);
      return target !== undefined && isObject(target.wire) ? name : undefined;
    };
    const pending: NamedSchema[] = ir.methods.map((m) => m.params);
    while (pending.length > 0) {
      const s = pending.pop() as NamedSchema;
      if (structs.has(s.name)) continue;
      const fields: Record<string, GoKind> = {};
      for (const [field, p] of Object.entries((s.wire['properties'] ?? {}) as Record<string, JsonSchema>)) {
        const kind = goKindOf(p, resolve);
        if (typeof kind === 'object' && 'problem' in kind)
          throw new EmitterSetupError(
            'mock-glue',
            `${s.file} property ${field}: no Go decoding kind for ${kind.problem}`,
          );
        fields[field] = kind;
        if (typeof kind === 'object')
          pending.push(byName.get('struct' in kind ? kind.struct : kind.list) as NamedSchema);
      }
      structs.set(s.name, fields);
    }
    const table = Object.fromEntries([...structs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
    const content = printSourceFile(GLUE_FILE, ir.source, (file, defer) => {
      file.addImportDeclaration({
        moduleSpecifier: options.kindsModule,
        isTypeOnly: true,
        namedImports: ['GoStructs'],
      });
      file.addVariableStatement(
        defer({
          kind: StructureKind.VariableStatement,
          isExported: true,
          declarationKind: VariableDeclarationKind.Const,
          docs: docs(
            'Every struct a request decodes into, by name: each field with its Go decoding kind (from the wire schema).',
          ),
          declarations: [{ name: 'structs', initializer: `${literal(table)} as const satisfies GoStructs` }],
        }),
      );
      file.addVariableStatement(
        defer({
          kind: StructureKind.VariableStatement,
          isExported: true,
          declarationKind: VariableDeclarationKind.Const,
          docs: docs("The struct each method's params decode into."),
          declarations: [
            {
              name: 'paramsStructs',
              initializer: `${literal(Object.fromEntries(ir.methods.map((m) => [m.name, m.params.name])))} as const`,
            },
          ],
        }),
      );
    });
    return [{ path: GLUE_FILE, content }];
  },
};

/** A schema that decodes into a struct: an object with named properties (maybe none). */
function isObject(s: JsonSchema): boolean {
  return typeof s['properties'] === 'object' && s['properties'] !== null;
}
