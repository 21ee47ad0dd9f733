import { docs } from '../../emit/ts-file.js';
import type { MethodIR } from '../../ir/types.js';

/** A method's JSDoc: its description, its params fields, since when, and an example call (on the client). */
export function methodDocs(method: MethodIR, kind: 'client' | 'batch'): { description: string }[] {
  const fields = method.fields.map(
    (f) =>
      `- \`${f.name}\`${f.required ? '' : ' (optional)'}: ${firstSentence(f.description ?? f.types.join(' | '))}${f.since !== undefined && f.since !== method.since ? ` Since ${f.since}.` : ''}`,
  );
  const example = method.params.examples[0];
  return docs(
    kind === 'client' ? method.description : `Adds a \`${method.name}\` command: ${lowerFirst(method.description)}`,
    fields.length > 0 ? `Params:\n${fields.join('\n')}` : undefined,
    `@since ${method.since}`,
    example === undefined || kind === 'batch'
      ? undefined
      : `@example\nawait client.${method.memberName}(${JSON.stringify(example)});`,
  );
}

/** A method whose params have no required field can be called without them. */
export function isOptional(method: MethodIR): boolean {
  return !method.fields.some((f) => f.required);
}

/** What the runtime needs to know of each method: its effect, and the field of its idempotency key if it has one. */
export function methodTableOf(
  methods: readonly MethodIR[],
): Record<string, { effect: 'read' | 'write'; idempotencyKey?: string }> {
  return Object.fromEntries(
    methods.map((m) => [
      m.name,
      m.idempotencyKey === undefined ? { effect: m.effect } : { effect: m.effect, idempotencyKey: m.idempotencyKey },
    ]),
  );
}

function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/s.exec(text);
  return (match?.[1] ?? text).replace(/\s+/g, ' ');
}

function lowerFirst(text: string): string {
  return text.length === 0 ? text : text[0]!.toLowerCase() + text.slice(1);
}
