/**
 * `centkit generate` for a user's own protocol of the v6 kind (issue 13 §3), outside the
 * repository: the mini-v6 fixture — the method in the path, an API key header, envelope replies
 * with numbered errors, a keyed native batch — generated with the installed bin by every emitter
 * that applies to a package of one's own (mock-glue and cli-help write glue for the internals of
 * @centkit/mock and @centkit/cli, so they do not), typechecked there with strict tsc, run, and
 * with the real Centrifugo, called.
 */
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_KEY,
  describeWithCentrifugo,
  startCentrifugo,
  type RealCentrifugo,
} from '../../test/support/centrifugo-v6.js';
import { createUserApp, expectSelfContained, ok, run, type UserApp } from './support/user-app.js';
import { fixture } from './support/workspace.js';

const SLOW = 120_000;

const CONFIG = {
  protocols: [
    {
      schema: 'schema/mini',
      emitters: {
        types: { out: 'src/gen' },
        validators: { out: 'src/gen' },
        'protocol-table': { out: 'src/gen' },
        client: { out: 'src/gen', options: { validatorsModule: '../validate.js' } },
        fixtures: { out: 'src/gen' },
        docs: { out: 'docs/api' },
        openapi: { out: 'docs/api', options: { servers: ['http://localhost:8000'] } },
      },
    },
  ],
};

/** The user's own `validate(method, kind, value)` over the generated table, for `validateReplies`. */
const VALIDATE = `import type { ValidationResult } from '@centkit/validators';
import { methodValidators } from './gen/validators.gen.js';

export function validate(method: string, kind: 'params' | 'result', value: unknown): ValidationResult<unknown> {
  if (!Object.hasOwn(methodValidators, method)) throw new RangeError(\`unknown method \${method}\`);
  return methodValidators[method as keyof typeof methodValidators][kind](value);
}
`;

/** The user's code: typed calls, errors and batches; `@ts-expect-error` lines prove the types refuse misuse. */
const INDEX = `import { Client, CentApiError, type BatchEntry } from './gen/client.gen.js';
import { fixtures } from './gen/fixtures.gen.js';
import { methodNames, transports, type ErrorCode } from './gen/protocol.gen.js';
import type { HistoryResult, PublishResult } from './gen/types.gen.js';
import { validateHistoryParams } from './gen/validators.gen.js';
import { validate } from './validate.js';

export async function run(url: string, apiKey: string): Promise<unknown[]> {
  const client = new Client({ url, apiKey, retry: true, validateReplies: true });
  try {
    const channel = 'hist:user-app';
    const published: PublishResult = await client.publish({ channel, data: { n: 1 } });
    const history: HistoryResult = await client.history({ channel, limit: 10 });
    const { nodes } = await client.info();
    const [first, second] = await client.batch().publish({ channel, data: 2 }).history({ channel: 'nope:x' }).send({ parallel: true });
    const offset: number | undefined = first.ok ? first.result.offset : undefined;
    const batchCode: ErrorCode | undefined = second.ok ? undefined : second.error.code;
    let loop = client.batch();
    for (const c of ['a', 'b']) loop = loop.publish({ channel: c, data: 3 });
    const entries: readonly BatchEntry<unknown>[] = await loop.send();
    let code: ErrorCode | undefined;
    try {
      await client.history({ channel: 'nope:x' });
    } catch (error) {
      if (error instanceof CentApiError) code = error.code;
    }
    // @ts-expect-error: publish needs data
    if (url === '') await client.publish({ channel });
    // @ts-expect-error: no such method in this protocol
    if (url === '') await client.presence({ channel });
    // @ts-expect-error: 999 is not one of the protocol's error codes
    if (code === 999) return [];
    return [published.offset === history.offset, history.publications.length, nodes.length > 0, offset, batchCode, entries.length, code];
  } finally {
    await client.close();
  }
}

const [url, apiKey] = process.argv.slice(2);
if (url !== undefined && apiKey !== undefined) console.log(JSON.stringify(await run(url, apiKey)));
else {
  const fixturesValid = methodNames.every((m) => fixtures[m].params.every((p) => validate(m, 'params', p).ok) && fixtures[m].results.every((r) => validate(m, 'result', r).ok));
  console.log(methodNames.join(','), transports[0]?.http.path, validateHistoryParams({ channel: 'a' }).ok, validateHistoryParams({}).ok, fixturesValid);
}
`;

describe("a user's own v6-style protocol, generated into a package outside the repository", () => {
  let user: UserApp;

  beforeAll(async () => {
    user = await createUserApp('v6-app');
    await cp(fixture('mini-v6'), path.join(user.dir, 'schema/mini'), { recursive: true });
    await writeFile(path.join(user.dir, 'centkit.config.json'), JSON.stringify(CONFIG, null, 2));
  }, SLOW);
  afterAll(() => user?.dispose());

  it(
    'generates with the installed centkit: code, fixtures, docs and an OpenAPI document, importing nothing outside the package',
    async () => {
      expect(ok(user.centkit(['generate']))).toMatch(/^centkit: generated from schema\/mini\n/);
      const gen = path.join(user.dir, 'src/gen');
      expect(await readdir(gen)).toHaveLength(6);
      expect(
        await expectSelfContained(gen, path.join(user.dir, 'src'), /^(node:|ajv\/|@centkit\/(client\/v6|validators)$)/),
      ).toEqual([
        'ajv-standalone.gen.js',
        'client.gen.ts',
        'fixtures.gen.ts',
        'protocol.gen.ts',
        'types.gen.ts',
        'validators.gen.ts',
      ]);
      const docs = path.join(user.dir, 'docs/api');
      expect((await readdir(path.join(docs, 'methods'))).sort()).toEqual([
        'batch.md',
        'history.md',
        'info.md',
        'publish.md',
      ]);
      const openapi = JSON.parse(await readFile(path.join(docs, 'openapi.gen.json'), 'utf8')) as {
        openapi: string;
        paths: Record<string, unknown>;
      };
      expect(openapi.openapi).toMatch(/^3\.1\./);
      expect(Object.keys(openapi.paths).sort()).toEqual(['/api/batch', '/api/history', '/api/info', '/api/publish']);
    },
    SLOW,
  );

  it(
    'typechecks there with strict tsc (wrong use refused), and runs: validators, fixtures valid',
    async () => {
      await writeFile(path.join(user.dir, 'src/validate.ts'), VALIDATE);
      await writeFile(path.join(user.dir, 'src/index.ts'), INDEX);
      expect(await user.typecheck()).toBe('');
      expect(ok(run(process.execPath, ['dist/index.js'], user.dir))).toBe(
        'publish,history,info,batch /api/{method} true false true\n',
      );
    },
    SLOW,
  );

  describeWithCentrifugo('against the real Centrifugo v6.9.1', () => {
    let server: RealCentrifugo;
    beforeAll(async () => {
      server = await startCentrifugo();
    });
    afterAll(() => server?.stop());

    it(
      'the compiled client calls it: typed results, a batch with a numbered error, the API error, replies validated',
      () => {
        const [same, publications, nodes, offset, batchCode, entries, code] = JSON.parse(
          ok(run(process.execPath, ['dist/index.js', server.url, API_KEY], user.dir)),
        ) as unknown[];
        expect({ same, publications, nodes, batchCode, entries, code }).toEqual({
          same: true,
          publications: 1,
          nodes: true,
          batchCode: 102,
          entries: 2,
          code: 102,
        });
        expect(offset).toBe(2);
      },
      SLOW,
    );
  });
});
