import { StructureKind, VariableDeclarationKind } from '../../emit/ts-morph.js';
import type { EmitContext, Emitter } from '../../emit/emitter.js';
import type { FileStatement } from '../../emit/file-statements.js';
import { docs, literal, printStatements } from '../../emit/ts-file.js';
import type { ProtocolIR } from '../../ir/types.js';
import { TYPES_FILE } from '../types/index.js';

/** The file this emitter writes in its output folder. */
export const PROTOCOL_FILE = 'protocol.gen.ts';

/**
 * The protocol as data for runtime code: its identity, the method table (effect, since,
 * errors, transports, params fields), the error catalogue and the transports, plus the
 * `MethodTypes` map that ties each method name to its params and result types.
 */
export const protocolTableEmitter: Emitter = {
  name: 'protocol-table',
  dependsOn: ['types'],
  emit(ir: ProtocolIR, { importOf }: EmitContext) {
    const constant = (name: string, value: unknown, description: string): FileStatement => ({
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: docs(description),
      declarations: [{ name, initializer: `${literal(value)} as const` }],
    });
    const codes = [...new Set(ir.errors.flatMap((e) => (e.code === undefined ? [] : [e.code])))].sort((a, b) => a - b);
    const content = printStatements(PROTOCOL_FILE, ir.source, [
      {
        kind: StructureKind.ImportDeclaration,
        moduleSpecifier: importOf('types', TYPES_FILE),
        isTypeOnly: true,
        namedImports: ir.methods.flatMap((m) => [m.params.name, m.result.name]),
      },
      constant(
        'protocol',
        { name: ir.name, title: ir.title, version: ir.version, description: ir.description },
        'Which protocol definition this code was generated from.',
      ),
      constant(
        'methodNames',
        ir.methods.map((m) => m.name),
        'Every method, in the order of the protocol definition.',
      ),
      {
        kind: StructureKind.TypeAlias,
        isExported: true,
        name: 'MethodName',
        type: '(typeof methodNames)[number]',
        docs: docs('A method name.'),
      },
      {
        kind: StructureKind.TypeAlias,
        isExported: true,
        name: 'MethodTypes',
        docs: docs("Each method's params and result (reply body) types, typed view."),
        type: (writer) => {
          writer
            .write('{')
            .indent(() => {
              for (const m of ir.methods)
                writer.writeLine(`${JSON.stringify(m.name)}: { params: ${m.params.name}; result: ${m.result.name} };`);
            })
            .write('}');
        },
      },
      constant(
        'methods',
        Object.fromEntries(
          ir.methods.map((m) => [
            m.name,
            {
              name: m.name,
              since: m.since,
              effect: m.effect,
              description: m.description,
              errors: m.errors.map((e) => e.id),
              transports: m.transports,
              fields: m.fields.map((f) => ({
                name: f.name,
                required: f.required,
                requiredOnWire: f.requiredOnWire,
                types: f.types,
                description: f.description ?? '',
                since: f.since ?? m.since,
              })),
            },
          ]),
        ),
        'The method table: what each method does, since which version, its errors and params fields. `effect: "read"` methods change nothing on the server and are safe to retry.',
      ),
      constant(
        'errorCatalogue',
        ir.errors.map((e) => ({
          id: e.id,
          kind: e.kind,
          ...(e.message === undefined ? {} : { message: e.message }),
          ...(e.code === undefined ? {} : { code: e.code }),
          ...(e.status === undefined ? {} : { status: e.status }),
          ...(e.transportStatus === undefined ? {} : { transportStatus: e.transportStatus }),
          ...(e.body === undefined ? {} : { body: e.body }),
          ...(e.advice === undefined ? {} : { advice: e.advice, adviceMethods: e.adviceMethods }),
          description: e.description,
        })),
        'Every error the server defines: soft (in one reply), hard (an HTTP status for the whole request), or unused by this API.',
      ),
      ...(codes.length === 0
        ? []
        : [
            {
              kind: StructureKind.TypeAlias,
              isExported: true,
              name: 'ErrorCode',
              type: codes.map(String).join(' | '),
              docs: docs('The numbered error codes of the catalogue.'),
            } as const,
          ]),
      constant(
        'transports',
        ir.transports.map(({ description: _description, ...descriptor }) => withoutUndefined(descriptor)),
        "How commands reach the server: each transport's descriptor (binding, request and reply shapes, auth, error object, batch, methods carried), which the runtime interprets.",
      ),
    ]);
    return [{ path: PROTOCOL_FILE, content }];
  },
};

/** A copy without `undefined` members, at every depth: the emitted data holds only what is set. */
export function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, withoutUndefined(v)]),
  );
}
