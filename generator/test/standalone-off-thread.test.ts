import { spawnSync } from 'node:child_process';
import type { Worker } from 'node:worker_threads';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadProtocol } from '../src/diff/load-protocol.js';
import type { EmitContext } from '../src/emit/emitter.js';
import { validatorsEmitter } from '../src/emitters/validators/index.js';
import {
  EARLY,
  standaloneOffThread,
  startEarlyWorker,
  startStandaloneWorker,
  stopStandaloneWorker,
} from '../src/emitters/validators/off-thread.js';
import type { ProtocolIR } from '../src/ir/types.js';
import { emitAll, speedUpJobs } from './support/speed-up-jobs.js';
import { withAndWithout } from './support/speed-up-switch.js';
import { fixture, repoRoot } from './support/workspace.js';

/** Whether the worker thread compiles (the speed-up) or none runs (the reference), and how many compilations it returned. */
const worker = vi.hoisted(() => ({ on: true, count: 0 }));

vi.mock('../src/emitters/validators/off-thread.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/emitters/validators/off-thread.js')>();
  return {
    ...original,
    standaloneOffThread: (...args: Parameters<typeof original.standaloneOffThread>) => {
      if (!worker.on) return undefined;
      const code = original.standaloneOffThread(...args);
      return code?.then((text) => {
        if (text !== undefined) worker.count += 1;
        return text;
      });
    },
  };
});

const context = (runsWith: (emitter: string) => boolean): EmitContext => ({
  out: 'gen',
  options: {},
  importOf: () => './types.gen.js',
  runsWith,
});

describe("the validators' ajv compilation on a worker thread (a speed-up) against compiling it here (the reference)", () => {
  beforeAll(() => startStandaloneWorker());
  afterAll(() => stopStandaloneWorker());

  it.each(speedUpJobs('standalone-off-thread'))(
    'gives the same bytes on every file generated for %s',
    async (_name, jobs) => {
      const files = () => emitAll(jobs());
      const { fast, plain, count } = await withAndWithout(worker, files);
      // Every protocol here has validators; only one with fixtures keeps them in this thread (below).
      const withFixtures = jobs().some((job) => job.emitters.some((r) => r.emitter.name === 'fixtures'));
      expect(count).toBe(withFixtures ? 0 : jobs().length);
      expect(fast.map((f) => f.path)).toEqual(plain.map((f) => f.path));
      expect(fast.some((f) => f.path.endsWith('ajv-standalone.gen.js'))).toBe(true);
      for (const [i, file] of fast.entries()) expect(file.content, file.path).toBe(plain[i]?.content);
    },
  );

  it('compiles here when the fixtures emitter will check its values with the same functions', async () => {
    const { ir } = await loadProtocol(fixture('kvstore'), repoRoot);
    worker.count = 0;
    await validatorsEmitter.emit(
      ir,
      context((emitter) => emitter === 'fixtures'),
    );
    expect(worker.count).toBe(0);
    await validatorsEmitter.emit(
      ir,
      context(() => false),
    );
    expect(worker.count).toBe(1);
  });

  it('reports the error ajv reports here when the worker cannot compile a schema', async () => {
    const { ir } = await loadProtocol(fixture('kvstore'), repoRoot);
    const first = ir.schemas[0];
    if (first === undefined) throw new Error('kvstore has named schemas');
    // A keyword strict mode refuses, in the typed view of the first schema.
    const broken: ProtocolIR = {
      ...ir,
      schemas: [{ ...first, typed: { ...first.typed, notAKeyword: 1 } }, ...ir.schemas.slice(1)],
    };
    const failure = (run: () => Promise<unknown>) =>
      run().then(
        () => 'no error',
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
    const { fast, plain } = await withAndWithout(worker, () =>
      failure(async () =>
        validatorsEmitter.emit(
          broken,
          context(() => false),
        ),
      ),
    );
    expect(plain).toContain('notAKeyword');
    expect(fast).toBe(plain);
  });

  it('falls back to compiling here when the worker thread is gone', async () => {
    const { ir } = await loadProtocol(fixture('kvstore'), repoRoot);
    await stopStandaloneWorker();
    startStandaloneWorker(path.join(repoRoot, 'generator/test/fixtures/no-such-worker.js'));
    const offThread = standaloneOffThread({ schemas: ir.schemas, refs: {} });
    expect(await offThread).toBeUndefined();
    const [standalone] = await validatorsEmitter.emit(
      ir,
      context(() => false),
    );
    expect(standalone?.content).toContain('export const validate');
    await stopStandaloneWorker();
    startStandaloneWorker();
  });

  it('starts a worker of its own when the one the bin started has stopped already', async () => {
    const { ir } = await loadProtocol(fixture('kvstore'), repoRoot);
    await stopStandaloneWorker();
    // As the bin starts it, on a file that fails: its error is not an uncaught one (vitest would report it).
    startEarlyWorker(path.join(repoRoot, 'generator/test/fixtures/no-such-worker.js'));
    const dead = (globalThis as Record<symbol, unknown>)[EARLY] as Worker;
    await new Promise((resolve) => dead.once('exit', resolve));
    try {
      startStandaloneWorker();
      worker.count = 0;
      await validatorsEmitter.emit(
        ir,
        context(() => false),
      );
      expect(worker.count).toBe(1);
    } finally {
      delete (globalThis as Record<symbol, unknown>)[EARLY];
    }
  });

  it.each(['centrifugo-v1', 'centrifugo-v6'])(
    'lets the bin exit as soon as %s is checked, whether its worker compiled or not',
    (protocol) => {
      const run = spawnSync(
        process.execPath,
        [path.join(repoRoot, 'generator/bin/centkit.js'), 'generate', '--check', '--quiet', '--protocol', protocol],
        { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 },
      );
      expect([run.signal, run.status, run.stderr]).toEqual([null, 0, '']);
    },
  );
});
