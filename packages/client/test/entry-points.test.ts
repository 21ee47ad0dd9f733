/**
 * Each entry point loads only its own protocol's code: `@centkit/client` (1.x, the commands
 * codec) none of the v6 envelope codec, `@centkit/client/v6` none of the 1.x codec, and neither
 * loads `jose`, which only `@centkit/client/v6/tokens` needs. Checked on the import graph esbuild
 * follows from each entry's source.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src/', import.meta.url));

async function modulesOf(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [`${src}${entry}`],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    external: ['@centkit/validators', 'ioredis'],
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

describe('entry points', () => {
  it('@centkit/client loads the commands codec, not the envelope codec nor jose', async () => {
    const modules = await modulesOf('index.ts');
    expect(modules.some((m) => m.includes('runtime/commands/'))).toBe(true);
    expect(
      modules.filter((m) => m.includes('runtime/envelope') || m.includes('/v6/') || m.includes('node_modules/jose')),
    ).toEqual([]);
  });

  it('@centkit/client/v6 loads the envelope codec, not the commands codec nor jose', async () => {
    const modules = await modulesOf('v6/index.ts');
    expect(modules.some((m) => m.includes('runtime/envelope/codec'))).toBe(true);
    expect(
      modules.filter(
        (m) => m.includes('runtime/commands/') || m.includes('runtime/client-core') || m.includes('node_modules/jose'),
      ),
    ).toEqual([]);
  });

  it('@centkit/client/v6 reaches its validators (ajv, the schemas) only through the dynamic import validateReplies makes', async () => {
    const result = await build({
      entryPoints: [`${src}v6/index.ts`],
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'node',
      external: ['@centkit/validators'],
      logLevel: 'silent',
    });
    const imports = Object.values(result.metafile.inputs).flatMap((input) =>
      input.imports.filter((i) => i.path.startsWith('@centkit/validators')),
    );
    expect(imports).toEqual([{ path: '@centkit/validators/v6', kind: 'dynamic-import', external: true }]);
  });

  it('@centkit/client/v6/tokens is where jose is loaded', async () => {
    const modules = await modulesOf('v6/tokens/index.ts');
    expect(modules.some((m) => m.includes('node_modules/jose'))).toBe(true);
    expect(modules.filter((m) => m.includes('runtime/commands/') || m.includes('runtime/envelope'))).toEqual([]);
  });
});
