import type {
  ImportDeclarationStructure,
  OptionalKind,
  SourceFile,
  StatementStructures,
  WriterFunction,
} from 'ts-morph';
import { EmitterSetupError, type EmitContext } from '../../emit/emitter.js';
import { StructureKind, VariableDeclarationKind } from '../../emit/ts-morph.js';
import { docs, literal, type Defer } from '../../emit/ts-file.js';
import type { MethodIR, ProtocolIR, TransportIR } from '../../ir/types.js';
import { withoutUndefined } from '../protocol-table/index.js';
import { methodTableOf } from './method-docs.js';
import { batchClass, clientClass } from './params-classes.js';
import type { ClientOptions } from './options.js';
import { typeImports } from './type-imports.js';

/** The package subpath of `@centkit/client` that exports the params/envelope runtime. */
const DEFAULT_RUNTIME = '@centkit/client/v6';

/** Members the runtime classes own: a protocol method of that name would hide them. */
const CLIENT_MEMBERS = new Set(['call', 'runBatch', 'close', 'toJSON', 'toString', 'constructor']);
const BATCH_MEMBERS = new Set(['push', 'send', 'size', 'commands', 'constructor']);

/**
 * The glue of a transport whose request is the params (the method in the path, the reply an
 * envelope): the descriptor and method table as data, a `Client` over the runtime's
 * `EnvelopeClientCore` with one method per protocol method, and, when the transport batches
 * through one of the protocol's methods, `batch()` with a typed `Batch` builder instead of that
 * method. `CentApiError` is re-exported with `code` typed as the protocol's numbered codes.
 */
export function buildParamsClient(
  file: SourceFile,
  defer: Defer,
  ir: ProtocolIR,
  transport: TransportIR,
  context: EmitContext<ClientOptions>,
): void {
  const keyed = transport.batch?.item === 'keyed' ? transport.batch : undefined;
  const methods = ir.methods.filter((m) => m.name !== keyed?.method && m.transports.includes(transport.id));
  const batchMethod = keyed === undefined ? undefined : ir.methods.find((m) => m.name === keyed.method);
  checkNames(methods, keyed !== undefined);
  const numbered = ir.errors.some((e) => e.code !== undefined);
  const codeType = numbered ? 'ErrorCode' : 'number';
  const types = [
    ...methods.flatMap((m) => [m.params.name, m.result.name]),
    ...(batchMethod === undefined ? [] : [batchMethod.params.name]),
  ];
  file.addImportDeclarations([
    ...typeImports(context, { table: numbered ? ['ErrorCode'] : [], types }),
    ...runtimeImports(context.options, keyed !== undefined),
  ]);
  // A new line is the blank line after the imports.
  const statements: (StatementStructures | WriterFunction)[] = [(writer) => writer.newLine()];
  const constant = (
    name: string,
    initializer: string,
    description: string,
    extra: { type?: string; isExported?: boolean } = {},
  ): void => {
    statements.push({
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      docs: docs(description),
      ...(extra.isExported === true ? { isExported: true } : {}),
      declarations: [{ name, initializer, ...(extra.type === undefined ? {} : { type: extra.type }) }],
    });
  };
  const alias = (name: string, type: string, description: string, typeParameters: string[] = []): void => {
    statements.push({
      kind: StructureKind.TypeAlias,
      isExported: true,
      name,
      type,
      docs: docs(description),
      typeParameters,
    });
  };
  // The runtime reads neither the description nor the list of methods (the method table has them).
  const { description: _description, methods: _methods, ...descriptor } = transport;
  constant(
    'transport',
    `${literal(withoutUndefined(descriptor))} as const satisfies HttpTransportDescriptor`,
    `The transport the client speaks (\`${transport.id}\`), as data the runtime interprets.`,
  );
  constant(
    'methodTable',
    `${literal(methodTableOf(ir.methods))} satisfies MethodTable`,
    'What the runtime needs to know of each method: `read` methods may be retried; a write that names its `idempotencyKey` field may be too, once the client has put a key in it.',
  );
  constant(
    'protocolBinding',
    bindingInitializer(context.options.validatorsModule),
    'The protocol as the runtime needs it: the method table, the transport descriptor and where the validators come from. A client made with `new Client(options, { transport })` speaks another descriptor.',
    { type: 'ProtocolBinding', isExported: true },
  );
  constant(
    'CentApiError',
    'RuntimeApiError',
    `The error the server answered a method with (its error object): \`code\` typed as ${numbered ? "the protocol's numbered codes (`ErrorCode`)" : 'a number'}, so \`instanceof\` narrows to it.`,
    { type: `CentApiErrorClass<${codeType}>`, isExported: true },
  );
  alias('CentApiError', `RuntimeApiError<${codeType}>`, 'An instance of `CentApiError`.');
  if (keyed !== undefined) {
    const options =
      keyed.options.length === 0
        ? 'Record<never, never>'
        : batchMethod === undefined
          ? `{ ${keyed.options.map((o) => `${JSON.stringify(o)}?: unknown`).join('; ')} }`
          : `Pick<${batchMethod.params.name}, ${keyed.options.map((o) => JSON.stringify(o)).join(' | ')}>`;
    alias(
      'BatchOptions',
      options,
      `Options of the \`${keyed.method}\` method a batch is sent with, given to \`send()\` beside the call options.`,
    );
    alias(
      'BatchEntry',
      `KeyedBatchEntry<R, ${codeType}>`,
      'One entry of a batch, in the order the commands were added: `{ ok: true, method, result }` or `{ ok: false, method, error }`.',
      ['R'],
    );
  }
  statements.push(clientClass(ir, methods, keyed?.method, codeType));
  if (keyed !== undefined) statements.push(batchClass(methods, keyed.method));
  // One manipulation after the imports: ts-morph re-reads the whole file after each one.
  file.addStatements(statements.map(defer));
}

function checkNames(methods: readonly MethodIR[], batched: boolean): void {
  for (const m of methods) {
    if (
      CLIENT_MEMBERS.has(m.memberName) ||
      (batched && (m.memberName === 'batch' || BATCH_MEMBERS.has(m.memberName)))
    ) {
      throw new EmitterSetupError(
        'client',
        `method "${m.name}" would be the member ${m.memberName}, which the client runtime owns`,
      );
    }
  }
}

function bindingInitializer(validatorsModule: string | undefined): string {
  if (validatorsModule === undefined) return '{ methods: methodTable, transport }';
  const module = JSON.stringify(validatorsModule);
  return `{ methods: methodTable, transport, validators: { module: ${module}, load: async () => (await import(${module})).validate } }`;
}

/** The runtime's classes and types: from its package entry, or from its own modules in a folder. */
function runtimeImports(options: ClientOptions, batched: boolean): OptionalKind<ImportDeclarationStructure>[] {
  const dir = options.runtimeDir?.replace(/\/+$/, '');
  const type = (name: string) => ({ name, isTypeOnly: true });
  if (dir === undefined) {
    const types = [
      ...(batched ? ['Append', 'BatchRunner'] : []),
      'CallOptions',
      'CentApiErrorClass',
      'EnvelopeClientOptions',
      'HttpTransportDescriptor',
      ...(batched ? ['KeyedBatchEntry'] : []),
      'MethodTable',
      ...(batched ? ['OpenEntries'] : []),
      'ProtocolBinding',
    ];
    const values = [
      ...(batched ? ['BatchCore'] : []),
      { name: 'CentApiErrorBase', alias: 'RuntimeApiError' },
      'EnvelopeClientCore',
    ];
    return [{ moduleSpecifier: options.runtime ?? DEFAULT_RUNTIME, namedImports: [...values, ...types.map(type)] }];
  }
  return [
    ...(batched
      ? [{ moduleSpecifier: `${dir}/batch-core.js`, namedImports: ['BatchCore', type('Append'), type('OpenEntries')] }]
      : []),
    {
      moduleSpecifier: `${dir}/envelope-client-core.js`,
      namedImports: ['EnvelopeClientCore', type('EnvelopeClientOptions'), type('ProtocolBinding')],
    },
    {
      moduleSpecifier: `${dir}/envelope/errors.js`,
      namedImports: [{ name: 'CentApiError', alias: 'RuntimeApiError' }, type('CentApiErrorClass')],
    },
    ...(batched
      ? [{ moduleSpecifier: `${dir}/envelope/reply.js`, isTypeOnly: true, namedImports: ['KeyedBatchEntry'] }]
      : []),
    { moduleSpecifier: `${dir}/transport-descriptor.js`, isTypeOnly: true, namedImports: ['HttpTransportDescriptor'] },
    {
      moduleSpecifier: `${dir}/types.js`,
      isTypeOnly: true,
      namedImports: [...(batched ? ['BatchRunner'] : []), 'CallOptions', 'MethodTable'],
    },
  ];
}
