import path from 'node:path';
import type { ProtocolConfig } from './config-types.js';

/**
 * The layout `centkit generate --schema DIR --out DIR` uses for one protocol when no config is
 * given: every emitter, into the package folders of a centkit checkout (`packages/*`), the API
 * reference into `docs/api`. A config file says the same thing explicitly (see generator/README.md).
 */
export function defaultProtocolConfig(schemaDir: string): ProtocolConfig {
  const pkg = (name: string, options?: Record<string, unknown>) => ({
    out: `packages/${name}/src/gen`,
    changelog: `packages/${name}/CHANGELOG.md`,
    ...(options === undefined ? {} : { options }),
  });
  return {
    name: path.basename(schemaDir),
    schema: schemaDir,
    snapshot: 'docs/api/protocol.gen.json',
    emitters: {
      types: pkg('validators'),
      validators: pkg('validators', { runtime: '../runtime/create-validator.js' }),
      'protocol-table': pkg('validators'),
      client: pkg('client', { typesModule: '@centkit/validators', runtimeDir: '../runtime' }),
      fixtures: pkg('mock', { typesModule: '@centkit/validators' }),
      'cli-help': pkg('cli', { helpDataModule: '../help/help-data.js' }),
      docs: { out: 'docs/api', options: { changeGuide: '../protocol-change.md' } },
    },
  };
}
