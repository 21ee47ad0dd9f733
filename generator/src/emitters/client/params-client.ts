import type { ImportDeclarationStructure, OptionalKind, SourceFile } from 'ts-morph';
import { EmitterSetupError, type EmitContext } from '../../emit/emitter.js';
import { VariableDeclarationKind } from '../../emit/ts-morph.js';
import { docs, literal } from '../../emit/ts-file.js';
import type { MethodIR, ProtocolIR, TransportIR } from '../../ir/types.js';
import { withoutUndefined } from '../protocol-table/index.js';
import { isOptional, methodDocs, methodTableOf } from './method-docs.js';
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
export function buildParamsClient(file: SourceFile, ir: ProtocolIR, transport: TransportIR, context: EmitContext<ClientOptions>): void {
  const keyed = transport.batch?.item === 'keyed' ? transport.batch : undefined;
  const methods = ir.methods.filter((m) => m.name !== keyed?.method && m.transports.includes(transport.id));
  const batchMethod = keyed === undefined ? undefined : ir.methods.find((m) => m.name === keyed.method);
  checkNames(methods, keyed !== undefined);
  const numbered = ir.errors.some((e) => e.code !== undefined);
  const codeType = numbered ? 'ErrorCode' : 'number';
  const types = [...methods.flatMap((m) => [m.params.name, m.result.name]), ...(batchMethod === undefined ? [] : [batchMethod.params.name])];
  file.addImportDeclarations([...typeImports(context, { table: numbered ? ['ErrorCode'] : [], types }), ...runtimeImports(context.options, keyed !== undefined)]);
  // The runtime reads neither the description nor the list of methods (the method table has them).
  const { description: _description, methods: _methods, ...descriptor } = transport;
  const constant = (name: string, initializer: string, description: string, type?: string) =>
    file.addVariableStatement({
      declarationKind: VariableDeclarationKind.Const,
      docs: docs(description),
      declarations: [{ name, initializer, ...(type === undefined ? {} : { type }) }],
    });
  constant('transport', `${literal(withoutUndefined(descriptor))} as const satisfies HttpTransportDescriptor`, `The transport the client speaks (\`${transport.id}\`), as data the runtime interprets.`);
  constant('methodTable', `${literal(methodTableOf(ir.methods))} satisfies MethodTable`, 'What the runtime needs to know of each method: `read` methods may be retried; a write that names its `idempotencyKey` field may be too, once the client has put a key in it.');
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: docs('The protocol as the runtime needs it: the method table, the transport descriptor and where the validators come from. A client made with `new Client(options, { transport })` speaks another descriptor.'),
    declarations: [{ name: 'protocolBinding', type: 'ProtocolBinding', initializer: bindingInitializer(context.options.validatorsModule) }],
  });
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: docs(`The error the server answered a method with (its error object): \`code\` typed as ${numbered ? 'the protocol\'s numbered codes (`ErrorCode`)' : 'a number'}, so \`instanceof\` narrows to it.`),
    declarations: [{ name: 'CentApiError', type: `CentApiErrorClass<${codeType}>`, initializer: 'RuntimeApiError' }],
  });
  file.addTypeAlias({ isExported: true, name: 'CentApiError', type: `RuntimeApiError<${codeType}>`, docs: docs('An instance of `CentApiError`.') });
  if (keyed !== undefined) {
    const options = keyed.options.length === 0 ? 'Record<never, never>' : batchMethod === undefined ? `{ ${keyed.options.map((o) => `${JSON.stringify(o)}?: unknown`).join('; ')} }` : `Pick<${batchMethod.params.name}, ${keyed.options.map((o) => JSON.stringify(o)).join(' | ')}>`;
    file.addTypeAlias({ isExported: true, name: 'BatchOptions', type: options, docs: docs(`Options of the \`${keyed.method}\` method a batch is sent with, given to \`send()\` beside the call options.`) });
    file.addTypeAlias({
      isExported: true,
      name: 'BatchEntry',
      typeParameters: [{ name: 'R' }],
      type: `KeyedBatchEntry<R, ${codeType}>`,
      docs: docs('One entry of a batch, in the order the commands were added: `{ ok: true, method, result }` or `{ ok: false, method, error }`.'),
    });
  }
  addClient(file, ir, methods, keyed?.method, codeType);
  if (keyed !== undefined) addBatch(file, methods, keyed.method);
}

function checkNames(methods: readonly MethodIR[], batched: boolean): void {
  for (const m of methods) {
    if (CLIENT_MEMBERS.has(m.memberName) || (batched && (m.memberName === 'batch' || BATCH_MEMBERS.has(m.memberName)))) {
      throw new EmitterSetupError('client', `method "${m.name}" would be the member ${m.memberName}, which the client runtime owns`);
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
    const types = [...(batched ? ['Append', 'BatchRunner'] : []), 'CallOptions', 'CentApiErrorClass', 'EnvelopeClientOptions', 'HttpTransportDescriptor', ...(batched ? ['KeyedBatchEntry'] : []), 'MethodTable', ...(batched ? ['OpenEntries'] : []), 'ProtocolBinding'];
    const values = [...(batched ? ['BatchCore'] : []), { name: 'CentApiErrorBase', alias: 'RuntimeApiError' }, 'EnvelopeClientCore'];
    return [{ moduleSpecifier: options.runtime ?? DEFAULT_RUNTIME, namedImports: [...values, ...types.map(type)] }];
  }
  return [
    ...(batched ? [{ moduleSpecifier: `${dir}/batch-core.js`, namedImports: ['BatchCore', type('Append'), type('OpenEntries')] }] : []),
    { moduleSpecifier: `${dir}/envelope-client-core.js`, namedImports: ['EnvelopeClientCore', type('EnvelopeClientOptions'), type('ProtocolBinding')] },
    { moduleSpecifier: `${dir}/envelope/errors.js`, namedImports: [{ name: 'CentApiError', alias: 'RuntimeApiError' }, type('CentApiErrorClass')] },
    ...(batched ? [{ moduleSpecifier: `${dir}/envelope/reply.js`, isTypeOnly: true, namedImports: ['KeyedBatchEntry'] }] : []),
    { moduleSpecifier: `${dir}/transport-descriptor.js`, isTypeOnly: true, namedImports: ['HttpTransportDescriptor'] },
    { moduleSpecifier: `${dir}/types.js`, isTypeOnly: true, namedImports: [...(batched ? ['BatchRunner'] : []), 'CallOptions', 'MethodTable'] },
  ];
}

function addClient(file: SourceFile, ir: ProtocolIR, methods: readonly MethodIR[], batchMethod: string | undefined, codeType: string): void {
  const cls = file.addClass({
    isExported: true,
    name: 'Client',
    extends: `EnvelopeClientCore<MethodTypes, ${codeType}${batchMethod === undefined ? '' : ', BatchOptions'}>`,
    docs: docs(
      `Client for the ${ir.title} (protocol ${ir.name}, server version ${ir.version}).`,
      'Each method sends one request and resolves to the result, or rejects with a typed `CentError` (`CentApiError` when the server answered with its error object).'
        + (batchMethod === undefined ? '' : ` \`batch()\` sends several commands in one request of the protocol's \`${batchMethod}\` method.`),
    ),
  });
  cls.addConstructor({
    docs: docs('`protocol` replaces parts of the generated binding (another transport descriptor, method table or validators).'),
    parameters: [
      { name: 'options', type: 'EnvelopeClientOptions' },
      { name: 'protocol', type: 'Partial<ProtocolBinding>', hasQuestionToken: true },
    ],
    statements: ['super(options, { ...protocolBinding, ...protocol });'],
  });
  // Batched: ts-morph re-reads the file after each manipulation (one by one is quadratic).
  cls.addMethods(methods.map((method) => ({
    name: method.memberName,
    docs: methodDocs(method, 'client'),
    parameters: [
      { name: 'params', type: method.params.name, ...(isOptional(method) ? { initializer: '{}' } : {}) },
      { name: 'options', type: 'CallOptions', hasQuestionToken: true },
    ],
    returnType: `Promise<${method.result.name}>`,
    statements: [`return this.call(${JSON.stringify(method.name)}, params, options);`],
  })));
  if (batchMethod === undefined) return;
  cls.addMethod({
    name: 'batch',
    docs: docs(`Starts a typed batch: its commands go in one request of the \`${batchMethod}\` method, \`send(options)\` resolves to one entry per command, in order.`),
    returnType: 'Batch',
    statements: ['return new Batch((commands, options) => this.runBatch(commands, options));'],
  });
}

function addBatch(file: SourceFile, methods: readonly MethodIR[], batchMethod: string): void {
  const cls = file.addClass({
    isExported: true,
    name: 'Batch',
    // A new batch is open (an array of any method's entry), so one built in a loop types without
    // annotations; each method call appends to a tuple (`Append`).
    typeParameters: [{
      name: 'T',
      constraint: 'readonly BatchEntry<unknown>[]',
      default: `OpenEntries<BatchEntry<MethodTypes[Exclude<keyof MethodTypes, ${JSON.stringify(batchMethod)}>]["result"]>>`,
    }],
    extends: 'BatchCore<T, BatchOptions>',
    docs: docs(
      'A typed batch: each method appends one command, and `send()` resolves to one entry per command, in order, each `{ ok: true, method, result }` or `{ ok: false, method, error }` (a `CentApiError`); a failed command never hides the others.',
      `The batch options (\`BatchOptions\`) go to \`send()\` with the call options. A body the server cannot decode fails the whole \`${batchMethod}\` call. An empty batch sends nothing and resolves to \`[]\`.`,
    ),
  });
  cls.addConstructor({
    parameters: [{ name: 'run', type: 'BatchRunner<BatchEntry<unknown>, BatchOptions>' }],
    statements: ['super(run);'],
  });
  cls.addMethods(methods.map((method) => {
    const next = `Batch<Append<T, BatchEntry<${method.result.name}>>>`;
    return {
      name: method.memberName,
      docs: methodDocs(method, 'batch'),
      parameters: [{ name: 'params', type: method.params.name, ...(isOptional(method) ? { initializer: '{}' } : {}) }],
      returnType: next,
      statements: [`return this.push(${JSON.stringify(method.name)}, params);`],
    };
  }));
}
