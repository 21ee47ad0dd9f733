import type { AuthIR } from '../../ir/types.js';

/** OpenAPI security schemes and the requirement (any one of them) for a transport's auth. */
export interface Security {
  readonly schemes: Record<string, object>;
  readonly requirement: Record<string, never[]>[];
}

/**
 * API-key auth as `apiKey` schemes: the main header first, then each alternative place, any one
 * of which satisfies the server (a prefix goes into the description: OpenAPI has no field for
 * it). HMAC signing of a body has no OpenAPI scheme; it is described, not declared.
 */
export function securityOf(auth: AuthIR | undefined): Security | undefined {
  if (auth?.scheme !== 'api-key') return undefined;
  const optional = auth.optional ? ' The server can be set to skip the check.' : '';
  const places = [{ in: 'header' as const, header: auth.header, prefix: auth.prefix }, ...auth.alternatives];
  const schemes: Record<string, object> = {};
  for (const place of places) {
    const name = place.in === 'header' ? place.header : place.query;
    const id = `apiKey${place.in === 'header' ? 'Header' : 'Query'}${name.replace(/[^A-Za-z0-9]/g, '')}`;
    const prefix =
      place.in === 'header' && place.prefix !== undefined
        ? ` The value is ${JSON.stringify(place.prefix)} followed by the key.`
        : '';
    schemes[id] = {
      type: 'apiKey',
      in: place.in,
      name,
      description: `The API key in the ${place.in === 'header' ? 'header' : 'query parameter'} ${name}.${prefix}${optional}`,
    };
  }
  return { schemes, requirement: Object.keys(schemes).map((id) => ({ [id]: [] })) };
}
