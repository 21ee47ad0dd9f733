import { EmitterSetupError, type EmitContext, type Emitter } from '../../emit/emitter.js';
import { headerLines } from '../../emit/header.js';
import type { ProtocolIR, TransportIR } from '../../ir/types.js';
import { operationOf } from './operation.js';
import { toSchema2020 } from './schema-2020.js';
import { securityOf } from './security.js';

/** The file this emitter writes in its output folder. */
export const OPENAPI_FILE = 'openapi.gen.json';

export interface OpenApiOptions {
  /** The transport id (default: the default HTTP transport whose request shape is `params`). */
  readonly transport?: string;
  /** Server URLs for `servers`. */
  readonly servers?: readonly string[];
}

/**
 * An OpenAPI 3.1 document of one HTTP transport whose request is the method's params (one
 * operation per method, at the descriptor's path with the method filled in), from the IR:
 * every named schema (wire view) under `components/schemas`, the API-key auth as security
 * schemes. Deterministic JSON: keys in a fixed order, protocol order for paths.
 */
export const openapiEmitter: Emitter<OpenApiOptions> = {
  name: 'openapi',
  dependsOn: [],
  emit(ir: ProtocolIR, { options }: EmitContext<OpenApiOptions>) {
    const transport = pickTransport(ir, options.transport);
    const http = transport.http!;
    const security = securityOf(transport.auth);
    const carried = ir.methods.filter((m) => transport.methods.includes(m.name));
    const document = {
      'x-generated': headerLines(ir.source).join(' '),
      openapi: '3.1.0',
      info: {
        title: ir.title,
        version: ir.version,
        description: `${ir.description}\n\nTransport \`${transport.id}\`: ${transport.description}`,
      },
      ...(options.servers === undefined || options.servers.length === 0
        ? {}
        : { servers: options.servers.map((url) => ({ url })) }),
      ...(security === undefined ? {} : { security: security.requirement }),
      paths: Object.fromEntries(
        carried.map((m) => [
          http.path.replaceAll('{method}', m.name),
          { [http.method.toLowerCase()]: operationOf(ir, transport, m) },
        ]),
      ),
      components: {
        schemas: Object.fromEntries(ir.schemas.map((s) => [s.name, toSchema2020(s.wire)])),
        ...(security === undefined ? {} : { securitySchemes: security.schemes }),
      },
    };
    return [{ path: OPENAPI_FILE, content: `${JSON.stringify(document, null, 2)}\n` }];
  },
};

function pickTransport(ir: ProtocolIR, id: string | undefined): TransportIR {
  const fitting = ir.transports.filter((t) => t.http !== undefined && t.request.shape === 'params');
  const chosen = id === undefined ? (fitting.find((t) => t.isDefault) ?? fitting[0]) : fitting.find((t) => t.id === id);
  if (chosen !== undefined) return chosen;
  const which =
    id === undefined
      ? 'no HTTP transport whose request shape is "params"'
      : `no HTTP transport "${id}" whose request shape is "params"`;
  throw new EmitterSetupError(
    'openapi',
    `the protocol ${ir.name} has ${which} (fitting: ${fitting.map((t) => t.id).join(', ') || 'none'})`,
  );
}
