import type { ClassDeclarationStructure, MethodDeclarationStructure, OptionalKind } from 'ts-morph';
import { StructureKind } from '../../emit/ts-morph.js';
import { docs } from '../../emit/ts-file.js';
import type { MethodIR, ProtocolIR } from '../../ir/types.js';
import { isOptional, methodDocs } from './method-docs.js';

/** The `Client` of a params transport: one method per protocol method, and `batch()` when the transport batches. */
export function clientClass(
  ir: ProtocolIR,
  methods: readonly MethodIR[],
  batchMethod: string | undefined,
  codeType: string,
): ClassDeclarationStructure {
  const calls: OptionalKind<MethodDeclarationStructure>[] = methods.map((method) => ({
    name: method.memberName,
    docs: methodDocs(method, 'client'),
    parameters: [
      { name: 'params', type: method.params.name, ...(isOptional(method) ? { initializer: '{}' } : {}) },
      { name: 'options', type: 'CallOptions', hasQuestionToken: true },
    ],
    returnType: `Promise<${method.result.name}>`,
    statements: [`return this.call(${JSON.stringify(method.name)}, params, options);`],
  }));
  const batch: OptionalKind<MethodDeclarationStructure>[] =
    batchMethod === undefined
      ? []
      : [
          {
            name: 'batch',
            docs: docs(
              `Starts a typed batch: its commands go in one request of the \`${batchMethod}\` method, \`send(options)\` resolves to one entry per command, in order.`,
            ),
            returnType: 'Batch',
            statements: ['return new Batch((commands, options) => this.runBatch(commands, options));'],
          },
        ];
  return {
    kind: StructureKind.Class,
    isExported: true,
    name: 'Client',
    extends: `EnvelopeClientCore<MethodTypes, ${codeType}${batchMethod === undefined ? '' : ', BatchOptions'}>`,
    docs: docs(
      `Client for the ${ir.title} (protocol ${ir.name}, server version ${ir.version}).`,
      'Each method sends one request and resolves to the result, or rejects with a typed `CentError` (`CentApiError` when the server answered with its error object).' +
        (batchMethod === undefined
          ? ''
          : ` \`batch()\` sends several commands in one request of the protocol's \`${batchMethod}\` method.`),
    ),
    ctors: [
      {
        docs: docs(
          '`protocol` replaces parts of the generated binding (another transport descriptor, method table or validators).',
        ),
        parameters: [
          { name: 'options', type: 'EnvelopeClientOptions' },
          { name: 'protocol', type: 'Partial<ProtocolBinding>', hasQuestionToken: true },
        ],
        statements: ['super(options, { ...protocolBinding, ...protocol });'],
      },
    ],
    methods: [...calls, ...batch],
  };
}

/** The typed `Batch` of a keyed batch: each method appends one command and one entry type. */
export function batchClass(methods: readonly MethodIR[], batchMethod: string): ClassDeclarationStructure {
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
        default: `OpenEntries<BatchEntry<MethodTypes[Exclude<keyof MethodTypes, ${JSON.stringify(batchMethod)}>]["result"]>>`,
      },
    ],
    extends: 'BatchCore<T, BatchOptions>',
    docs: docs(
      'A typed batch: each method appends one command, and `send()` resolves to one entry per command, in order, each `{ ok: true, method, result }` or `{ ok: false, method, error }` (a `CentApiError`); a failed command never hides the others.',
      `The batch options (\`BatchOptions\`) go to \`send()\` with the call options. A body the server cannot decode fails the whole \`${batchMethod}\` call. An empty batch sends nothing and resolves to \`[]\`.`,
    ),
    ctors: [
      {
        parameters: [{ name: 'run', type: 'BatchRunner<BatchEntry<unknown>, BatchOptions>' }],
        statements: ['super(run);'],
      },
    ],
    methods: methods.map((method) => ({
      name: method.memberName,
      docs: methodDocs(method, 'batch'),
      parameters: [{ name: 'params', type: method.params.name, ...(isOptional(method) ? { initializer: '{}' } : {}) }],
      returnType: `Batch<Append<T, BatchEntry<${method.result.name}>>>`,
      statements: [`return this.push(${JSON.stringify(method.name)}, params);`],
    })),
  };
}
