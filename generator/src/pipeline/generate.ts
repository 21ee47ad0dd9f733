import path from 'node:path';
import { planChangelog, type PendingChangelogs } from '../changelog/plan-changelog.js';
import { defaultProtocolConfig } from '../config/default-layout.js';
import type { ProtocolJob } from '../config/protocol-job.js';
import { resolveConfig } from '../config/resolve-config.js';
import type { GeneratedFile } from '../emit/emitter.js';
import { runEmitters } from '../emit/run-emitters.js';
import { emitters as registry } from '../emitters/index.js';
import { buildIR } from '../ir/build-ir.js';
import { loadSchemaSet } from '../load/load-schema-set.js';
import { SchemaSetError } from '../validate/problem.js';
import { validateSchemaSet } from '../validate/validate-schema-set.js';
import { applyPlan } from '../write/apply-plan.js';
import { planWrite, type WritePlan } from '../write/plan-write.js';

/** One protocol with the default layout (`centkit generate --schema DIR --out DIR`). */
export interface GenerateOptions {
  /** The protocol definition directory. */
  readonly schemaDir: string;
  /** The root generated paths are relative to (the repository). */
  readonly outDir: string;
  /** Write nothing; report what is stale. */
  readonly check?: boolean;
}

/** Every protocol of a config, in one run. */
export interface GenerateAllOptions {
  /** The root every configured path is relative to (the config file's folder). */
  readonly root: string;
  readonly protocols: readonly ProtocolJob[];
  /**
   * Output folders of configured protocols left out of this run (`--protocol`): generated files
   * in them are theirs, never stale for the protocols that run, even inside one of their folders.
   */
  readonly othersOwn?: readonly string[];
  readonly check?: boolean;
}

/** Milliseconds spent in each stage. */
export interface StageTimings {
  readonly load: number;
  readonly validate: number;
  readonly ir: number;
  readonly emit: number;
}

export interface ProtocolReport {
  readonly name: string;
  /** The schema folder as generated headers name it. */
  readonly source: string;
  readonly timings: StageTimings;
}

export interface GenerateReport {
  /** The schema folders, comma-separated, as generated headers name them. */
  readonly source: string;
  readonly protocols: readonly ProtocolReport[];
  readonly plan: WritePlan;
  /** With `check`: whether every generated file is up to date. */
  readonly upToDate: boolean;
  /** Milliseconds spent in each stage, over every protocol. */
  readonly timings: StageTimings & { readonly write: number };
}

/** `generate` for one protocol with the default layout: every emitter, into a centkit checkout's folders. */
export function generate(options: GenerateOptions): Promise<GenerateReport> {
  const jobs = resolveConfig(
    { protocols: [defaultProtocolConfig(path.resolve(options.schemaDir))] },
    options.outDir,
    registry,
    '(default layout)',
  );
  return generateAll({
    root: options.outDir,
    protocols: jobs,
    ...(options.check === undefined ? {} : { check: options.check }),
  });
}

/**
 * The whole generator, top to bottom, for each protocol: load → validate → IR → emitters
 * (+ changelog); then one write (or check) for all of them. Throws `SchemaSetError` with every
 * problem of the first broken protocol; nothing is written in that case.
 */
export async function generateAll(options: GenerateAllOptions): Promise<GenerateReport> {
  const pending: PendingChangelogs = new Map();
  const files: GeneratedFile[] = [];
  const owner = new Map<string, string>();
  const protocols: ProtocolReport[] = [];
  for (const job of options.protocols) {
    const { report, emitted } = await generateProtocol(options.root, job, pending);
    for (const file of emitted) {
      const other = owner.get(file.path);
      if (other !== undefined)
        throw new Error(
          `protocols "${other}" and "${job.name}" both write ${file.path}; give their emitters different "out" folders`,
        );
      owner.set(file.path, job.name);
      files.push(file);
    }
    protocols.push(report);
  }
  files.push(...[...pending].map(([file, content]) => ({ path: file, content })));

  const clock = stopwatch();
  const owned = options.protocols.flatMap((job) => job.emitters.map((r) => r.out));
  const plan = await planWrite(
    options.root,
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    owned,
    options.othersOwn,
  );
  const upToDate = plan.write.length === 0 && plan.remove.length === 0;
  if (options.check !== true) await applyPlan(options.root, plan);
  const write = clock();

  const sum = (stage: keyof StageTimings) => protocols.reduce((total, p) => total + p.timings[stage], 0);
  return {
    source: protocols.map((p) => p.source).join(', '),
    protocols,
    plan,
    upToDate,
    timings: { load: sum('load'), validate: sum('validate'), ir: sum('ir'), emit: sum('emit'), write },
  };
}

async function generateProtocol(
  root: string,
  job: ProtocolJob,
  pending: PendingChangelogs,
): Promise<{ report: ProtocolReport; emitted: GeneratedFile[] }> {
  const clock = stopwatch();
  const source = sourceName(job.schemaDir, root);
  const set = await loadSchemaSet(job.schemaDir, source);
  const load = clock();

  const problems = validateSchemaSet(set);
  if (problems.length > 0) throw new SchemaSetError(problems, job.schemaDir);
  const validate = clock();

  const ir = buildIR(set);
  const irTime = clock();

  const emitted = await runEmitters(ir, job.emitters);
  // The protocol snapshot, and a CHANGELOG entry for each package whose generated code changes with the protocol.
  const snapshot = await planChangelog(root, job, set, ir, emitted, pending);
  const emit = clock();
  return {
    report: { name: job.name, source, timings: { load, validate, ir: irTime, emit } },
    emitted: [...emitted.map(({ path: p, content }) => ({ path: p, content })), ...snapshot],
  };
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
