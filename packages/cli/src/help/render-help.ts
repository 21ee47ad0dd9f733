/**
 * `cent --help` and `cent help METHOD`, rendered from the generated help data. Text is wrapped
 * to 80 columns; examples are shell-quoted so they can be pasted as they are.
 */
import type { FieldHelp, HelpData, MethodHelp } from './help-data.js';

const WIDTH = 80;

export function renderGeneralHelp(data: HelpData): string {
  const nameWidth = Math.max(...data.methods.map((m) => m.name.length)) + 2;
  const methods = data.methods.map((m) =>
    wrap(
      firstSentence(m.description),
      WIDTH - nameWidth - 2,
      ' '.repeat(nameWidth + 2),
      `  ${m.name.padEnd(nameWidth)}`,
    ),
  );
  return (
    [
      wrap(
        `cent: send commands to the ${data.protocol.title} (${data.protocol.name}, server ${data.protocol.version}).`,
        WIDTH,
        '',
        '',
      ),
      '',
      'Usage:',
      '  cent [SECTION] METHOD [--params JSON] [options]',
      '  cent [SECTION] --batch FILE [options]',
      '  cent help [METHOD]',
      '',
      ...wrapLines([
        'SECTION names a section of ~/.centrc (INI: address, secret, timeout; [DEFAULT] is inherited). Without SECTION, the server comes from --address/--secret or CENT_ADDRESS/CENT_SECRET (flags win over the environment, which wins over the file).',
        'Params are --params JSON, or JSON on stdin when stdin is not a terminal; {} when neither.',
      ]),
      '',
      'Methods:',
      ...methods,
      '',
      'Options:',
      ...options([
        ['--params JSON', "the method's params, a JSON object; - reads them from stdin"],
        [
          '--batch FILE',
          'send the commands of a JSON lines file ({"method":...,"params":{...}} per line, - for stdin) as one request',
        ],
        ['--config FILE', 'config file (default ~/.centrc)'],
        ['--address URL', 'server address, e.g. http://localhost:8000 (env CENT_ADDRESS)'],
        ['--secret SECRET', "the server's secret (env CENT_SECRET, which keeps it out of the process list)"],
        ['--timeout SECONDS', 'give up after this long (env CENT_TIMEOUT; default 2)'],
        [
          '--encoding form|json',
          'request body: form (default, as cent 1.1.0; Centrifugo reads at most 10 MiB of it) or json (no such limit)',
        ],
        ['--raw', "print the server's reply body exactly as received"],
        ['--no-validate', 'send params and methods the schema does not know'],
        ['-v, --verbose', 'print where the settings came from, the request URL and its timing to stderr'],
        ['-h, --help', "this help; with METHOD, the method's params and an example"],
        ['--version', 'print the version'],
      ]),
      '',
      ...wrapLines([
        'Output: one JSON reply per command ({"method","error","body"}), pretty on a terminal, one line each when piped.',
        "Exit codes: 0 ok, 1 a command's reply carried an error, 2 usage, 3 config, 4 params, 5 connection, 6 auth (HTTP 401), 7 other HTTP status, 8 timeout, 9 malformed or oversized reply.",
        "Run cent help METHOD for a method's params and an example.",
      ]),
    ].join('\n') + '\n'
  );
}

export function renderMethodHelp(method: MethodHelp): string {
  const example = method.examples[0];
  return (
    [
      wrap(`cent ${method.name}: ${method.description}`, WIDTH, '', ''),
      '',
      `Since Centrifugo ${method.since}; ${method.effect === 'read' ? 'reads only, changes nothing on the server' : 'changes state on the server'}.`,
      '',
      'Usage:',
      `  cent [SECTION] ${method.name}${method.fields.length === 0 ? '' : ' --params JSON'}`,
      '',
      ...(method.fields.length === 0
        ? ['Params: none ({}).']
        : ['Params (a JSON object):', ...method.fields.flatMap((f) => fieldLines(f, method.since))]),
      ...(example === undefined
        ? []
        : [
            '',
            'Example:',
            `  cent ${method.name}${isEmptyObject(example) ? '' : ` --params ${shellQuote(JSON.stringify(example))}`}`,
          ]),
    ].join('\n') + '\n'
  );
}

function fieldLines(field: FieldHelp, methodSince: string): string[] {
  const facts = [
    field.type,
    field.required ? 'required' : 'optional',
    ...(field.since === methodSince ? [] : [`since ${field.since}`]),
  ];
  const head = `  ${field.name} (${facts.join(', ')})`;
  return field.description === '' ? [head] : [head, wrap(field.description, WIDTH - 6, '      ', '      ')];
}

function options(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  return rows.map(([flag, text]) => wrap(text, WIDTH - width - 2, ' '.repeat(width + 2), `  ${flag.padEnd(width)}`));
}

function wrapLines(paragraphs: readonly string[]): string[] {
  return paragraphs.map((p) => wrap(p, WIDTH, '', ''));
}

/** Words of `text` in lines of at most `width` characters: the first after `first`, the others after `indent`. */
function wrap(text: string, width: number, indent: string, first: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.map((l, i) => `${i === 0 ? first : indent}${l}`).join('\n');
}

function isEmptyObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;
}

function firstSentence(text: string): string {
  return (/^(.+?[.!?])(\s|$)/s.exec(text)?.[1] ?? text).replace(/\s+/g, ' ');
}

/** A single-quoted shell word. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}
