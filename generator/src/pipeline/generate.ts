import path from 'node:path';
import { planChangelog } from '../changelog/plan-changelog.js';
import type { Emitter } from '../emit/emitter.js';
import { runEmitters } from '../emit/run-emitters.js';
import { emitters as defaultEmitters } from '../emitters/index.js';
import { buildIR } from '../ir/build-ir.js';
import { loadSchemaSet } from '../load/load-schema-set.js';
import { SchemaSetError } from '../validate/problem.js';
import { validateSchemaSet } from '../validate/validate-schema-set.js';
import { applyPlan } from '../write/apply-plan.js';
import { planWrite, type WritePlan } from '../write/plan-write.js';

export interface GenerateOptions {
  /** The protocol definition directory. */
  readonly schemaDir: string;
  /** The root generated paths are relative to (the repository). */
  readonly outDir: string;
  /** Write nothing; report what is stale. */
  readonly check?: boolean;
  readonly emitters?: readonly Emitter[];
}

export interface GenerateReport {
  readonly source: string;
  readonly plan: WritePlan;
  /** With `check`: whether every generated file is up to date. */
  readonly upToDate: boolean;
  /** Milliseconds spent in each stage. */
  readonly timings: { readonly load: number; readonly validate: number; readonly ir: number; readonly emit: number; readonly write: number };
}

/**
 * The whole generator, top to bottom: load → validate → IR → emitters (+ changelog) → write (or check).
 * Throws `SchemaSetError` with every problem when the schema set is broken; nothing is
 * written in that case.
 */
export async function generate(options: GenerateOptions): Promise<GenerateReport> {
  const clock = stopwatch();
  const source = sourceName(options.schemaDir, options.outDir);
  const set = await loadSchemaSet(options.schemaDir, source);
  const load = clock();

  const problems = validateSchemaSet(set);
  if (problems.length > 0) throw new SchemaSetError(problems);
  const validate = clock();

  const ir = buildIR(set);
  const irTime = clock();

  const emitters = options.emitters ?? defaultEmitters;
  const emitted = await runEmitters(ir, emitters);
  // The protocol snapshot, and a CHANGELOG entry for each package whose generated code changes with the protocol.
  const files = [...emitted, ...(await planChangelog(options.outDir, set, ir, emitted))];
  const emit = clock();

  const plan = await planWrite(options.outDir, files, emitters.flatMap((e) => e.owns));
  const upToDate = plan.write.length === 0 && plan.remove.length === 0;
  if (options.check !== true) await applyPlan(options.outDir, plan);
  const write = clock();

  return { source, plan, upToDate, timings: { load, validate, ir: irTime, emit, write } };
}

/**
 * How generated headers name the schema: its path from the output root when it lies inside
 * it (`schema/centrifugo-v1`), else just its folder name, so the bytes never depend on where
 * a checkout or a temporary directory happens to be.
 */
function sourceName(schemaDir: string, outDir: string): string {
  const relative = path.relative(outDir, schemaDir);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return path.basename(schemaDir);
  return relative.split(path.sep).join('/');
}

function stopwatch(): () => number {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const elapsed = now - last;
    last = now;
    return elapsed;
  };
}
