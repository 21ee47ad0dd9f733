import type { JsonSchema } from '../../ir/types.js';
import { anchor, cell, code, table } from './markdown.js';

/** Where a named type is documented, relative to the page that links to it. */
export type TypeLink = (name: string) => string;

/**
 * A schema's type for a reader: `string`, `string \| null`, a link to a named type,
 * `array of …`, `map of …`, or its enum values. One line, for a table cell.
 */
export function typeText(schema: JsonSchema | undefined, link: TypeLink, depth = 0): string {
  if (schema === undefined || depth > 4) return 'any';
  const ref = schema['$ref'];
  if (typeof ref === 'string') {
    const name = ref.slice(ref.lastIndexOf('/') + 1);
    return `[${name}](${link(name)}#${anchor(name)})`;
  }
  if (Array.isArray(schema['enum'])) return schema['enum'].map(valueText).join(' \\| ');
  if ('const' in schema) return valueText(schema['const']);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches)) return branches.map((b) => typeText(b as JsonSchema, link, depth + 1)).join(' \\| ');
  }
  const type = schema['type'];
  const types = typeof type === 'string' ? [type] : Array.isArray(type) ? type.map(String) : ['any'];
  return types
    .map((t) => {
      const items = schema['items'];
      if (t === 'array' && items !== null && typeof items === 'object' && !Array.isArray(items))
        return `array of ${typeText(items as JsonSchema, link, depth + 1)}`;
      const values = schema['additionalProperties'];
      if (t === 'object' && schema['properties'] === undefined && values !== null && typeof values === 'object')
        return `map of ${typeText(values as JsonSchema, link, depth + 1)}`;
      return t;
    })
    .join(' \\| ');
}

/** A JSON value as inline code, pipes escaped for a table cell. */
export function valueText(value: unknown): string {
  return code(JSON.stringify(value) ?? 'undefined').replace(/\|/g, '\\|');
}

/** The properties of an object schema as a table (name, type, required, description), or nothing. */
export function propertiesTable(schema: JsonSchema, link: TypeLink): string[] {
  const properties = schema['properties'];
  if (properties === null || typeof properties !== 'object' || Object.keys(properties).length === 0) return [];
  const required = new Set(Array.isArray(schema['required']) ? schema['required'].map(String) : []);
  return table(
    ['field', 'type', 'required', 'description'],
    Object.entries(properties as Record<string, JsonSchema>).map(([name, p]) => [
      code(name),
      typeText(p, link),
      required.has(name) ? 'yes' : 'no',
      cell(typeof p['description'] === 'string' ? p['description'] : ''),
    ]),
  );
}
