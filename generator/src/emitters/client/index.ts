import type { ClassDeclaration, ImportDeclarationStructure, OptionalKind } from 'ts-morph';
import { Scope, VariableDeclarationKind } from '../../emit/ts-morph.js';
import type { EmitContext, Emitter } from '../../emit/emitter.js';
import { docs, literal, printSourceFile } from '../../emit/ts-file.js';
import type { MethodIR, ProtocolIR } from '../../ir/types.js';
import { PROTOCOL_FILE } from '../protocol-table/index.js';
import { TYPES_FILE } from '../types/index.js';

/** The file this emitter writes in its output folder. */
export const CLIENT_FILE = 'client.gen.ts';

export interface ClientOptions {
  /** The module exporting `MethodTypes` and every params and result type (default: the protocol-table and types outputs). */
  readonly typesModule?: string;
  /** The module exporting the client runtime (default `@centkit/client`). */
  readonly runtime?: string;
  /** Instead of `runtime`: the folder of the runtime's own modules, relative to the output. */
  readonly runtimeDir?: string;
}

const DEFAULT_RUNTIME = '@centkit/client';

/**
 * The typed surface of `@centkit/client`: a `Client` with one method per protocol method and
 * a `Batch` builder whose `send()` resolves to a tuple with one typed entry per command. The
 * behaviour lives in the hand-written runtime (`ClientCore`, `BatchCore`); this is glue.
 */
export const clientEmitter: Emitter<ClientOptions> = {
  name: 'client',
  dependsOn: ['protocol-table', 'types'],
  emit(ir: ProtocolIR, context: EmitContext<ClientOptions>) {
    const content = printSourceFile(CLIENT_FILE, ir.source, (file) => {
      file.addImportDeclarations([...typeImports(ir, context), ...runtimeImports(context.options)]);
      file.addVariableStatement({
        declarationKind: VariableDeclarationKind.Const,
        docs: docs('What the runtime needs to know of each method: `read` methods may be retried.'),
        declarations: [{
          name: 'methodTable',
          initializer: `${literal(Object.fromEntries(ir.methods.map((m) => [m.name, { effect: m.effect }])))} satisfies MethodTable`,
        }],
      });
      addClient(file.addClass({
        isExported: true,
        name: 'Client',
        extends: 'ClientCore<MethodTypes>',
        docs: docs(
          `Client for the ${ir.title} (protocol ${ir.name}, server version ${ir.version}).`,
          'Each method sends one signed command and resolves to the reply body, or rejects with a typed `CentError`. Use `batch()` to send several commands in one request.',
        ),
      }), ir);
      addBatch(file.addClass({
        isExported: true,
        name: 'Batch',
        // A new batch is open (an array of any method's entry), so one built in a loop types without
        // annotations; each method call appends to a tuple (`Append`).
        typeParameters: [{ name: 'T', constraint: 'readonly BatchEntry<unknown>[]', default: 'OpenEntries<BatchEntry<MethodTypes[keyof MethodTypes]["result"]>>' }],
        extends: 'BatchCore<T>',
        docs: docs(
          'A typed batch: each method appends one command, and `send()` resolves to one entry per command, in order, each `{ ok: true, body }` or `{ ok: false, error, advice? }`.',
          'The server runs the commands in order and a soft error in one never hides the others. A hard error (HTTP 400) rejects the whole `send()`; the commands before the bad one have already run, and the server does not say which one failed.',
        ),
      }), ir);
    });
    return [{ path: CLIENT_FILE, content }];
  },
};

/** `MethodTypes` and the params and result types: from one module, or from the generated files beside it. */
function typeImports(ir: ProtocolIR, { options, importOf }: EmitContext<ClientOptions>): OptionalKind<ImportDeclarationStructure>[] {
  const names = ir.methods.flatMap((m) => [m.params.name, m.result.name]).sort();
  if (options.typesModule !== undefined) return [{ moduleSpecifier: options.typesModule, isTypeOnly: true, namedImports: ['MethodTypes', ...names] }];
  return [
    { moduleSpecifier: importOf('protocol-table', PROTOCOL_FILE), isTypeOnly: true, namedImports: ['MethodTypes'] },
    { moduleSpecifier: importOf('types', TYPES_FILE), isTypeOnly: true, namedImports: names },
  ];
}

/** The runtime's classes and types: from its package entry, or from its own modules in a folder. */
function runtimeImports(options: ClientOptions): OptionalKind<ImportDeclarationStructure>[] {
  const dir = options.runtimeDir?.replace(/\/+$/, '');
  if (dir === undefined) {
    const types = ['Append', 'BatchEntry', 'CallOptions', 'ClientOptions', 'CommandRunner', 'MethodTable', 'OpenEntries'].map((name) => ({ name, isTypeOnly: true }));
    return [{ moduleSpecifier: options.runtime ?? DEFAULT_RUNTIME, namedImports: ['BatchCore', 'ClientCore', ...types] }];
  }
  return [
    { moduleSpecifier: `${dir}/batch-core.js`, namedImports: ['BatchCore', { name: 'Append', isTypeOnly: true }, { name: 'OpenEntries', isTypeOnly: true }] },
    { moduleSpecifier: `${dir}/client-core.js`, namedImports: ['ClientCore'] },
    { moduleSpecifier: `${dir}/options.js`, isTypeOnly: true, namedImports: ['ClientOptions'] },
    { moduleSpecifier: `${dir}/types.js`, isTypeOnly: true, namedImports: ['BatchEntry', 'CallOptions', 'CommandRunner', 'MethodTable'] },
  ];
}

function addClient(cls: ClassDeclaration, ir: ProtocolIR): void {
  cls.addConstructor({
    parameters: [{ name: 'options', type: 'ClientOptions' }],
    statements: ['super(options, methodTable);'],
  });
  // Batched: ts-morph re-reads the file after each manipulation (one by one is quadratic).
  cls.addMethods(ir.methods.map((method) => ({
    name: method.memberName,
    docs: methodDocs(method, 'client'),
    parameters: [
      { name: 'params', type: method.params.name, ...(isOptional(method) ? { initializer: '{}' } : {}) },
      { name: 'options', type: 'CallOptions', hasQuestionToken: true },
    ],
    returnType: `Promise<${method.result.name}>`,
    statements: [`return this.call(${JSON.stringify(method.name)}, params, options);`],
  })));
  cls.addMethod({
    name: 'batch',
    docs: docs('Starts a typed batch of commands sent in one request (split by `maxBatchSize`).'),
    returnType: 'Batch',
    statements: ['return new Batch((commands, options) => this.runCommands(commands, options));'],
  });
}

function addBatch(cls: ClassDeclaration, ir: ProtocolIR): void {
  cls.addConstructor({
    parameters: [{ name: 'run', type: 'CommandRunner' }],
    statements: ['super(run);'],
  });
  cls.addMethods(ir.methods.map((method) => {
    const next = `Batch<Append<T, BatchEntry<${method.result.name}>>>`;
    return {
      name: method.memberName,
      docs: methodDocs(method, 'batch'),
      parameters: [{ name: 'params', type: method.params.name, ...(isOptional(method) ? { initializer: '{}' } : {}) }],
      returnType: next,
      statements: [`return this.push(${JSON.stringify(method.name)}, params) as ${next};`],
    };
  }));
  cls.getConstructors()[0]?.setScope(Scope.Public);
}

function methodDocs(method: MethodIR, kind: 'client' | 'batch'): { description: string }[] {
  const fields = method.fields.map((f) => `- \`${f.name}\`${f.required ? '' : ' (optional)'}: ${firstSentence(f.description ?? f.types.join(' | '))}${f.since !== undefined && f.since !== method.since ? ` Since ${f.since}.` : ''}`);
  const example = method.params.examples[0];
  return docs(
    kind === 'client' ? method.description : `Adds a \`${method.name}\` command: ${lowerFirst(method.description)}`,
    fields.length > 0 ? `Params:\n${fields.join('\n')}` : undefined,
    `@since ${method.since}`,
    example === undefined || kind === 'batch' ? undefined : `@example\nawait client.${method.memberName}(${JSON.stringify(example)});`,
  );
}

/** A method whose params have no required field can be called without them. */
function isOptional(method: MethodIR): boolean {
  return !method.fields.some((f) => f.required);
}

function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/s.exec(text);
  return (match?.[1] ?? text).replace(/\s+/g, ' ');
}

function lowerFirst(text: string): string {
  return text.length === 0 ? text : text[0]!.toLowerCase() + text.slice(1);
}
