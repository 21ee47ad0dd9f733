import type { ClassDeclarationStructure, ImportDeclarationStructure, OptionalKind } from 'ts-morph';
import { Scope, StructureKind, VariableDeclarationKind } from '../../emit/ts-morph.js';
import type { EmitContext } from '../../emit/emitter.js';
import type { FileStatement } from '../../emit/file-statements.js';
import { docs, literal } from '../../emit/ts-file.js';
import type { ProtocolIR } from '../../ir/types.js';
import { isOptional, methodDocs, methodTableOf } from './method-docs.js';
import type { ClientOptions } from './options.js';
import { methodTypeNames, typeImports } from './type-imports.js';

const DEFAULT_RUNTIME = '@centkit/client';

/**
 * The glue of a `commands` transport (each request names its commands, an array of them is a
 * batch): a `Client` over the runtime's `ClientCore`, one method per protocol method, and a
 * `Batch` builder whose `send()` resolves to one typed entry per command.
 */
export function commandsClientStatements(ir: ProtocolIR, context: EmitContext<ClientOptions>): FileStatement[] {
  const imports = [
    ...typeImports(context, { table: [], types: methodTypeNames(ir) }),
    ...runtimeImports(context.options),
  ];
  return [
    ...imports.map((i): FileStatement => ({ kind: StructureKind.ImportDeclaration, ...i })),
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      docs: docs('What the runtime needs to know of each method: `read` methods may be retried.'),
      declarations: [
        { name: 'methodTable', initializer: `${literal(methodTableOf(ir.methods))} satisfies MethodTable` },
      ],
    },
    clientClass(ir),
    batchClass(ir),
  ];
}

/** The runtime's classes and types: from its package entry, or from its own modules in a folder. */
function runtimeImports(options: ClientOptions): OptionalKind<ImportDeclarationStructure>[] {
  const dir = options.runtimeDir?.replace(/\/+$/, '');
  if (dir === undefined) {
    const types = [
      'Append',
      'BatchEntry',
      'CallOptions',
      'ClientOptions',
      'CommandRunner',
      'MethodTable',
      'OpenEntries',
    ].map((name) => ({ name, isTypeOnly: true }));
    return [
      { moduleSpecifier: options.runtime ?? DEFAULT_RUNTIME, namedImports: ['BatchCore', 'ClientCore', ...types] },
    ];
  }
  return [
    {
      moduleSpecifier: `${dir}/batch-core.js`,
      namedImports: ['BatchCore', { name: 'Append', isTypeOnly: true }, { name: 'OpenEntries', isTypeOnly: true }],
    },
    { moduleSpecifier: `${dir}/client-core.js`, namedImports: ['ClientCore'] },
    { moduleSpecifier: `${dir}/options.js`, isTypeOnly: true, namedImports: ['ClientOptions'] },
    {
      moduleSpecifier: `${dir}/types.js`,
      isTypeOnly: true,
      namedImports: ['BatchEntry', 'CallOptions', 'CommandRunner', 'MethodTable'],
    },
  ];
}

function clientClass(ir: ProtocolIR): ClassDeclarationStructure {
  return {
    kind: StructureKind.Class,
    isExported: true,
    name: 'Client',
    extends: 'ClientCore<MethodTypes>',
    docs: docs(
      `Client for the ${ir.title} (protocol ${ir.name}, server version ${ir.version}).`,
      'Each method sends one signed command and resolves to the reply body, or rejects with a typed `CentError`. Use `batch()` to send several commands in one request.',
    ),
    ctors: [{ parameters: [{ name: 'options', type: 'ClientOptions' }], statements: ['super(options, methodTable);'] }],
    methods: [
      ...ir.methods.map((method) => ({
        name: method.memberName,
        docs: methodDocs(method, 'client'),
        parameters: [
          { name: 'params', type: method.params.name, ...(isOptional(method) ? { initializer: '{}' } : {}) },
          { name: 'options', type: 'CallOptions', hasQuestionToken: true },
        ],
        returnType: `Promise<${method.result.name}>`,
        statements: [`return this.call(${JSON.stringify(method.name)}, params, options);`],
      })),
      {
        name: 'batch',
        docs: docs('Starts a typed batch of commands sent in one request (split by `maxBatchSize`).'),
        returnType: 'Batch',
        statements: ['return new Batch((commands, options) => this.runCommands(commands, options));'],
      },
    ],
  };
}

function batchClass(ir: ProtocolIR): ClassDeclarationStructure {
  return {
    kind: StructureKind.Class,
    isExported: true,
    name: 'Batch',
    // A new batch is open (an array of any method's entry), so one built in a loop types without
    // annotations; each method call appends to a tuple (`Append`).
    typeParameters: [
      {
        name: 'T',
        constraint: 'readonly BatchEntry<unknown>[]',
        default: 'OpenEntries<BatchEntry<MethodTypes[keyof MethodTypes]["result"]>>',
      },
    ],
    extends: 'BatchCore<T>',
    docs: docs(
      'A typed batch: each method appends one command, and `send()` resolves to one entry per command, in order, each `{ ok: true, body }` or `{ ok: false, error, advice? }`.',
      'The server runs the commands in order and a soft error in one never hides the others. A hard error (HTTP 400) rejects the whole `send()`; the commands before the bad one have already run, and the server does not say which one failed.',
    ),
    ctors: [{ scope: Scope.Public, parameters: [{ name: 'run', type: 'CommandRunner' }], statements: ['super(run);'] }],
    methods: ir.methods.map((method) => {
      const next = `Batch<Append<T, BatchEntry<${method.result.name}>>>`;
      return {
        name: method.memberName,
        docs: methodDocs(method, 'batch'),
        parameters: [
          { name: 'params', type: method.params.name, ...(isOptional(method) ? { initializer: '{}' } : {}) },
        ],
        returnType: next,
        statements: [`return this.push(${JSON.stringify(method.name)}, params) as ${next};`],
      };
    }),
  };
}
