import { StructureKind, VariableDeclarationKind } from '../../emit/ts-morph.js';
import type { EmitContext, Emitter } from '../../emit/emitter.js';
import { docs, literal, printStatements } from '../../emit/ts-file.js';
import type { ProtocolIR } from '../../ir/types.js';
import { methodHelp } from './method-help.js';

/** The file this emitter writes in its output folder. */
export const CLI_HELP_FILE = 'help.gen.ts';

export interface CliHelpOptions {
  /** The module exporting the `HelpData` type the data satisfies. */
  readonly helpDataModule: string;
}

/**
 * The data `cent --help` and `cent help METHOD` print: every method with its description,
 * version, effect, params fields (types, required, description) and example params. The
 * rendering is hand-written (the console client's); only the data depends on the schema,
 * so a method added to the schema shows in the help with no hand edit.
 */
export const cliHelpEmitter: Emitter<CliHelpOptions> = {
  name: 'cli-help',
  dependsOn: [],
  emit(ir: ProtocolIR, { options }: EmitContext<CliHelpOptions>) {
    const data = {
      protocol: { name: ir.name, title: ir.title, version: ir.version },
      methods: ir.methods.map(methodHelp),
    };
    const content = printStatements(CLI_HELP_FILE, ir.source, [
      {
        kind: StructureKind.ImportDeclaration,
        moduleSpecifier: options.helpDataModule,
        isTypeOnly: true,
        namedImports: ['HelpData'],
      },
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: docs(
          `What \`cent\` knows of the ${ir.title} (protocol ${ir.name}, server version ${ir.version}): every method, in the order of the protocol definition.`,
        ),
        declarations: [{ name: 'helpData', type: 'HelpData', initializer: literal(data) }],
      },
    ]);
    return [{ path: CLI_HELP_FILE, content }];
  },
};
