import type { ErrorIR, MethodIR, ProtocolIR, TransportIR } from '../../ir/types.js';
import { COMPONENTS } from './schema-2020.js';

/** One response while it is assembled: errors sharing a status share it. */
interface ResponseDraft {
  readonly descriptions: string[];
  readonly content: Record<string, { schema: object }>;
}

/**
 * The operation of one method: its params as the JSON request body (wire view), the reply
 * envelope holding its result or the error object as the 200 answer (the bare result for a
 * batch method that answers bare), each error the method may answer in transport error mode
 * under its status, and the whole-request (hard) errors under theirs.
 */
export function operationOf(ir: ProtocolIR, transport: TransportIR, method: MethodIR): object {
  const ref = (name: string) => ({ $ref: `${COMPONENTS}${name}` });
  const responses = new Map<string, ResponseDraft>();
  const add = (status: string, description: string, type: string, schema: object) => {
    const draft = responses.get(status) ?? { descriptions: [], content: {} };
    draft.descriptions.push(description);
    draft.content[type] ??= { schema };
    responses.set(status, draft);
  };
  add('200', successText(transport, method), 'application/json', replySchema(transport, method, ref));
  const mode = transport.error?.transportMode;
  if (mode !== undefined && transport.error !== undefined) {
    for (const e of method.errors.filter((x) => x.transportStatus !== undefined)) {
      add(
        String(e.transportStatus),
        `In transport error mode: ${errorText(e)}`,
        'application/json',
        ref(transport.error.type),
      );
    }
  }
  for (const e of hardErrors(ir, method))
    add(
      String(e.status),
      errorText(e),
      'text/plain',
      e.body === undefined || e.body === '' ? { type: 'string', maxLength: 0 } : { const: e.body },
    );
  return {
    operationId: method.memberName,
    summary: firstSentence(method.description),
    description: method.description,
    ...(mode === undefined
      ? {}
      : {
          parameters: [
            {
              name: mode.header,
              in: 'header',
              required: false,
              description: `${JSON.stringify(mode.value)} answers a failed method with its HTTP status and the bare error object.`,
              schema: { const: mode.value },
            },
          ],
        }),
    requestBody: { required: true, content: { 'application/json': { schema: ref(method.params.name) } } },
    responses: Object.fromEntries(
      [...responses]
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([status, draft]) => [status, { description: draft.descriptions.join(' '), content: draft.content }]),
    ),
    'x-since': method.since,
    'x-effect': method.effect,
  };
}

function replySchema(transport: TransportIR, method: MethodIR, ref: (name: string) => object): object {
  const reply = transport.reply;
  const bare =
    transport.batch?.item === 'keyed' && transport.batch.reply === 'bare' && transport.batch.method === method.name;
  if (bare || reply.shape !== 'envelope') return ref(method.result.name);
  const error = transport.error === undefined ? {} : ref(transport.error.type);
  return {
    type: 'object',
    oneOf: [
      {
        required: [reply.result],
        properties: { [reply.result]: ref(method.result.name) },
        additionalProperties: false,
      },
      { required: [reply.error], properties: { [reply.error]: error }, additionalProperties: false },
    ],
  };
}

function successText(transport: TransportIR, method: MethodIR): string {
  const reply = transport.reply;
  if (
    reply.shape !== 'envelope' ||
    (transport.batch?.item === 'keyed' && transport.batch.reply === 'bare' && transport.batch.method === method.name)
  )
    return 'The result.';
  return `The result in \`${reply.result}\`, or the error in \`${reply.error}\`.`;
}

/** Hard errors this method lists, and those no method lists (they concern every request). */
function hardErrors(ir: ProtocolIR, method: MethodIR): ErrorIR[] {
  const listed = new Set(ir.methods.flatMap((m) => m.errors.map((e) => e.id)));
  return ir.errors.filter(
    (e) => e.kind === 'hard' && e.status !== undefined && (method.errors.includes(e) || !listed.has(e.id)),
  );
}

function errorText(e: ErrorIR): string {
  const code = e.code === undefined ? '' : ` ${e.code}`;
  return `${e.id}${code}${e.message === undefined ? '' : ` (${JSON.stringify(e.message)})`}: ${e.description}`;
}

function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/s.exec(text);
  return (match?.[1] ?? text).replace(/\s+/g, ' ');
}
