import { jsonTypes } from '../../ir/build-ir.js';
import type { JsonSchema, MethodIR } from '../../ir/types.js';

/** One method as the CLI help shows it (the shape of `HelpData['methods'][number]`). */
export interface MethodHelpData {
  readonly name: string;
  readonly description: string;
  readonly since: string;
  readonly effect: 'read' | 'write';
  readonly fields: readonly FieldHelpData[];
  /** Example params: the schema's own `examples`, else one made of the required fields' examples. */
  readonly examples: readonly unknown[];
}

export interface FieldHelpData {
  readonly name: string;
  /** For humans: `string`, `any`, `string[]`, `Message`, `string | null`. */
  readonly type: string;
  readonly required: boolean;
  readonly description: string;
  readonly since: string;
}

export function methodHelp(method: MethodIR): MethodHelpData {
  const properties = (method.params.typed['properties'] ?? {}) as Record<string, JsonSchema>;
  return {
    name: method.name,
    description: method.description,
    since: method.since,
    effect: method.effect,
    fields: method.fields.map((f) => ({
      name: f.name,
      type: typeLabel(properties[f.name] ?? {}),
      required: f.required,
      description: f.description ?? '',
      since: f.since ?? method.since,
    })),
    examples: exampleParams(method),
  };
}

/** `jsonTypes`, with the item type spelled out for arrays (`string[]`). */
function typeLabel(schema: JsonSchema): string {
  return jsonTypes(schema)
    .map((type) => {
      const items = schema['items'];
      if (type !== 'array' || items === null || typeof items !== 'object' || Array.isArray(items)) return type;
      const itemTypes = jsonTypes(items as JsonSchema);
      return itemTypes.length === 1 ? `${itemTypes[0]}[]` : `(${itemTypes.join(' | ')})[]`;
    })
    .join(' | ');
}

function exampleParams(method: MethodIR): unknown[] {
  if (method.params.examples.length > 0) return structuredClone([...method.params.examples]);
  const required = method.fields.filter((f) => f.required);
  if (required.some((f) => f.examples.length === 0)) return [];
  return [Object.fromEntries(required.map((f) => [f.name, structuredClone(f.examples[0])]))];
}
