/**
 * The OpenAPI 3.1 document of the Centrifugo v6 HTTP API (docs/api/v6/openapi.gen.json), emitted
 * from schema/centrifugo-v6, passes a real OpenAPI validator and says what the real server does:
 * one POST operation per method, the API key scheme, and each error's transport-mode status.
 */
import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { errorCatalogue, methodNames } from '@centkit/validators/v6';

type Operation = { operationId?: string; responses: Record<string, unknown>; requestBody?: unknown };
const doc = JSON.parse(readFileSync(new URL('../docs/api/v6/openapi.gen.json', import.meta.url), 'utf8')) as {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes?: Record<string, { type: string; in?: string; name?: string }> };
};

describe('docs/api/v6/openapi.gen.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(doc as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toMatch(/^3\.1\./);
  });

  it('has one POST /api/<method> operation per method', () => {
    expect(Object.keys(doc.paths).sort()).toEqual(methodNames.map((m) => `/api/${m}`).sort());
    for (const path of Object.keys(doc.paths)) expect(Object.keys(doc.paths[path] ?? {})).toContain('post');
  });

  it('declares the X-API-Key scheme and the transport-mode statuses of the catalogue', () => {
    expect(Object.values(doc.components.securitySchemes ?? {})).toContainEqual(
      expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }),
    );
    const statuses = new Set(Object.values(doc.paths).flatMap((item) => Object.keys(item['post']?.responses ?? {})));
    for (const e of errorCatalogue)
      if ('transportStatus' in e && e.code !== 113) expect(statuses).toContain(String(e.transportStatus));
  });
});
