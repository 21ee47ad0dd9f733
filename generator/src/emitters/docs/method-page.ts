import type { ErrorIR, MethodIR, ProtocolIR } from '../../ir/types.js';
import { cell, code, jsonBlock, table } from './markdown.js';
import { propertiesTable, typeText, valueText, type TypeLink } from './schema-text.js';

/** Method pages live in `methods/`; shared types in `types.md` beside the index. */
const link: TypeLink = () => '../types.md';

/** One method: what it does, since when, params, result, errors, examples, transports. */
export function methodPage(ir: ProtocolIR, method: MethodIR): string[] {
  const properties = (method.params.typed['properties'] ?? {}) as Record<string, Record<string, unknown>>;
  const params = method.fields.map((f) => [
    code(f.name),
    typeText(properties[f.name], link),
    requiredText(f.required, f.requiredOnWire),
    f.since ?? method.since,
    cell(f.description),
  ]);
  const transports = ir.transports.filter((t) => method.transports.includes(t.id));
  return [
    `# ${code(method.name)}`,
    '',
    method.description,
    '',
    `- **Since:** ${method.since}`,
    `- **Effect:** ${method.effect === 'read' ? 'read: changes nothing on the server, safe to retry' : 'write: changes server state; a retry may apply it twice'}`,
    `- **Transports:** ${transports.map((t) => `[${code(t.id)}](../README.md#transports)`).join(', ')}`,
    '',
    '## Params',
    '',
    method.params.description ?? '',
    '',
    ...(params.length === 0 ? ['No fields.'] : table(['name', 'type', 'required', 'since', 'description'], params)),
    '',
    '## Result',
    '',
    method.result.description ?? '',
    '',
    `Type: ${typeText(method.result.typed, link)}`,
    '',
    ...propertiesTable(method.result.typed, link),
    '',
    '## Errors',
    '',
    ...errorsSection(method),
    '',
    '## Examples',
    '',
    ...examples('Params', method.params.examples),
    ...examples('Result', method.result.examples),
  ];
}

/** `yes`, `no`, or the typed view's demand with what the server itself enforces. */
function requiredText(typed: boolean, wire: boolean): string {
  if (typed === wire) return typed ? 'yes' : 'no';
  return typed ? 'yes (the server accepts it absent)' : 'no (the server requires it)';
}

function errorsSection(method: MethodIR): string[] {
  if (method.errors.length === 0) return ['None listed.'];
  return table(
    ['error', 'kind', 'message or status', 'advice', 'description'],
    method.errors.map((e) => [
      code(e.id),
      e.kind === 'soft' ? 'soft: this reply only' : e.kind === 'hard' ? 'hard: the whole request fails' : 'unused',
      errorSignal(e),
      e.advice !== undefined && e.adviceMethods.includes(method.name) ? code(e.advice) : '',
      cell(e.description),
    ]),
  );
}

export function errorSignal(e: ErrorIR): string {
  if (e.status !== undefined)
    return `HTTP ${e.status}${e.body === undefined || e.body === '' ? '' : ` ${valueText(e.body)}`}`;
  return e.message === undefined ? '' : valueText(e.message);
}

function examples(label: string, values: readonly unknown[]): string[] {
  if (values.length === 0) return [`${label}: no example in the schema.`, ''];
  return values.flatMap((v, i) => [
    `${label}${values.length > 1 ? ` (${i + 1} of ${values.length})` : ''}:`,
    '',
    ...jsonBlock(v),
    '',
  ]);
}
