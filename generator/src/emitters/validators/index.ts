import { StructureKind, VariableDeclarationKind } from '../../emit/ts-morph.js';
import type { EmitContext, Emitter } from '../../emit/emitter.js';
import type { FileStatement } from '../../emit/file-statements.js';
import { docs, printStatements } from '../../emit/ts-file.js';
import type { ProtocolIR } from '../../ir/types.js';
import { TYPES_FILE } from '../types/index.js';
import { standaloneOffThread } from './off-thread.js';
import { standaloneFile, standaloneInput, standaloneValidators, type ValidatorEntry } from './standalone.js';

/** The files this emitter writes in its output folder. */
export const STANDALONE_FILE = 'ajv-standalone.gen.js';
export const VALIDATORS_FILE = 'validators.gen.ts';

export interface ValidatorsOptions {
  /** The module exporting `createValidator` and the `Validator` type. */
  readonly runtime?: string;
}

const DEFAULT_RUNTIME = '@centkit/validators';

/**
 * Validators for every named schema, in both views: `validate<Name>` checks the typed view
 * (what a well-behaved caller sends, what a successful reply carries) and narrows to the
 * type; `validate<Name>Wire` checks what the server itself accepts or sends. The checking code
 * is ajv's standalone output (no schema compilation at import time), made a real ES module.
 */
export const validatorsEmitter: Emitter<ValidatorsOptions> = {
  name: 'validators',
  dependsOn: ['types'],
  // Its ajv compilation may run on a worker thread (off-thread.ts) while the others print.
  startsFirst: true,
  async emit(ir: ProtocolIR, { options, importOf, runsWith }: EmitContext<ValidatorsOptions>) {
    const entries: ValidatorEntry[] = ir.schemas.flatMap((s) => [
      { exportName: `validate${s.name}`, view: 'typed' as const, schema: s },
      { exportName: `validate${s.name}Wire`, view: 'wire' as const, schema: s },
    ]);
    // The fixtures emitter checks its values with the functions compiled here (compiled.ts):
    // compiling them on the worker too would cost more than it saves.
    const offThread = runsWith('fixtures') ? undefined : standaloneOffThread(standaloneInput(ir, entries));
    const wrapper = printStatements('validators.gen.ts', ir.source, [
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: `./${STANDALONE_FILE}`, namespaceImport: 'standalone' },
      {
        kind: StructureKind.ImportDeclaration,
        moduleSpecifier: options.runtime ?? DEFAULT_RUNTIME,
        namedImports: ['createValidator', { name: 'Validator', isTypeOnly: true }],
      },
      {
        kind: StructureKind.ImportDeclaration,
        moduleSpecifier: importOf('types', TYPES_FILE),
        isTypeOnly: true,
        namedImports: ir.schemas.map((s) => s.name),
      },
      ...entries.map((entry): FileStatement => ({
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: docs(
          entry.view === 'typed'
            ? `Checks a value against \`${entry.schema.name}\` (typed view) and narrows it to that type.`
            : `Checks a value against \`${entry.schema.name}\` as the server accepts or sends it (wire view).`,
          entry.schema.description,
        ),
        declarations: [
          {
            name: entry.exportName,
            type: `Validator<${entry.view === 'typed' ? entry.schema.name : 'unknown'}>`,
            initializer: `createValidator(standalone.${entry.exportName})`,
          },
        ],
      })),
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: docs(
          "Every method's validators, by method name: `params`/`result` (typed view) and `paramsWire`/`resultWire`.",
        ),
        declarations: [
          {
            name: 'methodValidators',
            initializer: (writer) => {
              writer
                .write('{')
                .indent(() => {
                  for (const m of ir.methods) {
                    writer
                      .writeLine(`${JSON.stringify(m.name)}: {`)
                      .indent(() => {
                        writer.writeLine(`params: validate${m.params.name},`);
                        writer.writeLine(`result: validate${m.result.name},`);
                        writer.writeLine(`paramsWire: validate${m.params.name}Wire,`);
                        writer.writeLine(`resultWire: validate${m.result.name}Wire,`);
                      })
                      .writeLine('},');
                  }
                })
                .write('} as const');
            },
          },
        ],
      },
    ]);
    const code = offThread === undefined ? undefined : await offThread;
    const standalone = code === undefined ? standaloneValidators(ir, entries) : standaloneFile(ir.source, code);
    return [
      { path: STANDALONE_FILE, content: standalone },
      { path: VALIDATORS_FILE, content: wrapper },
    ];
  },
};
