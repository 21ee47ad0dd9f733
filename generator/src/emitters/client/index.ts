import type { EmitContext, Emitter } from '../../emit/emitter.js';
import { printSourceFile, printStatements } from '../../emit/ts-file.js';
import type { ProtocolIR } from '../../ir/types.js';
import { commandsClientStatements } from './commands-client.js';
import type { ClientOptions } from './options.js';
import { buildParamsClient } from './params-client.js';

export type { ClientOptions } from './options.js';

/** The file this emitter writes in its output folder. */
export const CLIENT_FILE = 'client.gen.ts';

/**
 * The typed surface of `@centkit/client`: a `Client` with one method per protocol method and
 * a `Batch` builder whose `send()` resolves to a tuple with one typed entry per command. The
 * behaviour lives in the hand-written runtime; this is glue, shaped by the protocol's default
 * transport: one whose request is the params alone gets the params/envelope client
 * (`params-client.ts`), any other the commands client (`commands-client.ts`).
 */
export const clientEmitter: Emitter<ClientOptions> = {
  name: 'client',
  dependsOn: ['protocol-table', 'types'],
  emit(ir: ProtocolIR, context: EmitContext<ClientOptions>) {
    const transport = ir.transports.find((t) => t.isDefault) ?? ir.transports[0];
    const content =
      transport?.request.shape === 'params'
        ? printSourceFile(CLIENT_FILE, ir.source, (file, defer) =>
            buildParamsClient(file, defer, ir, transport, context),
          )
        : printStatements(CLIENT_FILE, ir.source, commandsClientStatements(ir, context));
    return [{ path: CLIENT_FILE, content }];
  },
};
