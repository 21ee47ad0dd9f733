import type { NamedSchema, ProtocolIR, TransportIR } from '../../ir/types.js';
import { cell, code, jsonBlock, table } from './markdown.js';
import { errorSignal } from './method-page.js';
import { propertiesTable, type TypeLink } from './schema-text.js';

const link: TypeLink = () => 'types.md';

/** The index: the protocol, every method, the envelopes, the error catalogue, the transports. */
export function indexPage(ir: ProtocolIR, changeGuide: string | undefined): string[] {
  const guide =
    changeGuide === undefined
      ? ''
      : `; how a change to it flows through every package is in [${changeGuide.slice(changeGuide.lastIndexOf('/') + 1)}](${changeGuide})`;
  return [
    `# ${ir.title}: API reference`,
    '',
    `Protocol ${code(ir.name)}, server version ${ir.version}. ${ir.description}`,
    '',
    `Generated from the protocol definition${guide}. Shared types are in [types.md](types.md).`,
    '',
    '## Methods',
    '',
    ...table(
      ['method', 'effect', 'since', 'description'],
      ir.methods.map((m) => [`[${code(m.name)}](methods/${m.name}.md)`, m.effect, m.since, cell(m.description)]),
    ),
    '',
    '## Envelopes',
    '',
    ...envelope('Command', ir.envelopes.command),
    ...envelope('Reply', ir.envelopes.reply),
    '## Errors',
    '',
    ...table(
      ['error', 'kind', 'message or status', 'advice', 'since', 'description'],
      ir.errors.map((e) => [
        code(e.id),
        e.kind,
        errorSignal(e),
        e.advice === undefined ? '' : `${code(e.advice)} (${e.adviceMethods.join(', ')})`,
        e.since ?? '',
        cell(e.description),
      ]),
    ),
    '',
    '## Transports',
    '',
    ...table(
      ['transport', 'kind', 'endpoint', 'batch', 'auth', 'methods', 'description'],
      ir.transports.map((t) => [
        `${code(t.id)}${t.isDefault ? ' (default)' : ''}`,
        t.kind,
        cell(endpoint(t)),
        cell(batching(t)),
        cell(authText(t)),
        t.methods.length === ir.methods.length ? 'all' : t.methods.map(code).join(', '),
        cell(t.description),
      ]),
    ),
  ];
}

function envelope(label: string, schema: NamedSchema): string[] {
  return [
    `### ${label} (${code(schema.name)})`,
    '',
    schema.description ?? '',
    '',
    ...propertiesTable(schema.typed, link),
    '',
    ...(schema.examples.length === 0 ? [] : ['Example:', '', ...jsonBlock(schema.examples[0]), '']),
    '',
  ];
}

function endpoint(t: TransportIR): string {
  if (t.http !== undefined)
    return `${t.http.method} ${t.http.path}, ${t.http.body} body${t.http.dataField === undefined ? '' : ` (field ${t.http.dataField})`}`;
  if (t.queue !== undefined)
    return `${t.queue.push} to ${t.queue.system} ${[...t.queue.keys, ...(t.queue.shardKey === undefined ? [] : [t.queue.shardKey])].join(', ')}`;
  return '';
}

function batching(t: TransportIR): string {
  if (t.batch === undefined) return 'no';
  return t.batch.item === 'array' ? 'yes' : `yes, method ${code(t.batch.method)}`;
}

function authText(t: TransportIR): string {
  const auth = t.auth;
  if (auth === undefined) return 'none';
  const optional = auth.optional ? ' (the server may skip the check)' : '';
  if (auth.scheme === 'hmac')
    return `${auth.algorithm} ${auth.encoding} in ${auth.header !== undefined ? `header ${auth.header}` : `field ${auth.field ?? '?'}`}${optional}`;
  const places = [
    `header ${auth.header}${auth.prefix === undefined ? '' : ` (${JSON.stringify(auth.prefix)} first)`}`,
    ...auth.alternatives.map((a) =>
      a.in === 'query'
        ? `query ${a.query}`
        : `header ${a.header}${a.prefix === undefined ? '' : ` (${JSON.stringify(a.prefix)} first)`}`,
    ),
  ];
  return `API key in ${places.join(' or ')}${optional}`;
}
