/**
 * A quarantined speed-up, justified by `npm run bench -- generator` (each shipped protocol,
 * cold): each type is compiled by json-schema-to-typescript against the definitions it reaches,
 * which it copies, dereferences, normalises and parses again for every type that reaches them,
 * only to print a reference to each by its name (the types file declares each type once, when
 * it is the one compiled). Here each object type the compiled type reaches goes in as an empty
 * object type of the same title, description and deprecation, which prints as the same name.
 *
 * What json-schema-to-typescript does with a reference besides printing its name depends on two
 * things only, both kept: whether the target is an object type (an interface, never declared
 * again; any other named type met through a union, intersection, tuple or array is declared
 * again in full, so those are passed whole), and, in a union or intersection holding a named
 * member, the shape of the others (an unnamed member printed like it is dropped), so a type with
 * a union or intersection that mixes references and inline members is compiled against the
 * definitions themselves. `test/reference-stubs.test.ts` checks that the types file is the same
 * bytes with and without the stubs on the shipped, test and synthetic protocols and made-up types.
 */
import type { JsonSchema } from '../../ir/types.js';
import { SCHEMA_MAP_KEYWORDS, SUBSCHEMA_KEYWORDS } from '../../validate/keywords.js';

/** Keywords an object type may have and still print as nothing but an interface. */
const INTERFACE_KEYWORDS = new Set([
  'type',
  'title',
  'description',
  'deprecated',
  'properties',
  'required',
  'additionalProperties',
  'minProperties',
  'maxProperties',
  'examples',
  'default',
  '$comment',
]);

/** `definitions` (prepared for json-schema-to-typescript) with each object type but `root` replaced by a stub. */
export function referenceStubs(
  root: string,
  definitions: Readonly<Record<string, JsonSchema>>,
): Record<string, JsonSchema> {
  const self = definitions[root];
  if (self === undefined || mixesReferences(self)) return { ...definitions };
  return Object.fromEntries(
    Object.entries(definitions).map(([name, schema]) => [
      name,
      name === root || !isInterface(schema) ? schema : stub(schema),
    ]),
  );
}

function isInterface(schema: JsonSchema): boolean {
  return (
    schema['type'] === 'object' && Object.keys(schema).every((k) => INTERFACE_KEYWORDS.has(k) || k.startsWith('x-'))
  );
}

function stub(schema: JsonSchema): JsonSchema {
  const { title, description, deprecated } = schema;
  return {
    type: 'object',
    ...(title === undefined ? {} : { title }),
    ...(description === undefined ? {} : { description }),
    ...(deprecated === undefined ? {} : { deprecated }),
  };
}

/** Whether some `anyOf`/`oneOf`/`allOf` of the schema holds both a `$ref` and a member that is not one. */
function mixesReferences(schema: unknown): boolean {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return false;
  for (const [key, value] of Object.entries(schema)) {
    if ((key === 'anyOf' || key === 'oneOf' || key === 'allOf') && Array.isArray(value)) {
      const refs = value.filter((m) => typeof (m as { $ref?: unknown } | null)?.$ref === 'string').length;
      if (refs > 0 && refs < value.length) return true;
    }
    if (SCHEMA_MAP_KEYWORDS.has(key) && value !== null && typeof value === 'object') {
      if (Object.values(value).some(mixesReferences)) return true;
    } else if (SUBSCHEMA_KEYWORDS.has(key)) {
      if (Array.isArray(value) ? value.some(mixesReferences) : mixesReferences(value)) return true;
    }
  }
  return false;
}
