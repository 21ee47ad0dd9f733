import path from 'node:path';
import type { EmitterRun } from '../config/protocol-job.js';
import type { ProtocolIR } from '../ir/types.js';
import { EmitterSetupError, type EmitContext, type GeneratedFile } from './emitter.js';

/** A file as the run places it: `path` relative to the output root, and which emitter wrote it. */
export interface PlacedFile extends GeneratedFile {
  readonly emitter: string;
}

/**
 * Runs the configured emitters in dependency order (ties broken by name), each told its output
 * folder and options, and gathers their files (paths now relative to the output root) sorted by
 * path. Two emitters writing the same path is a mistake in the config, reported as such.
 */
export async function runEmitters(ir: ProtocolIR, runs: readonly EmitterRun[]): Promise<PlacedFile[]> {
  const outs = new Map(runs.map((r) => [r.emitter.name, r.out]));
  const ordered = orderEmitters(runs);
  // Every emit is started first (those marked `startsFirst` before the others), then the files
  // are taken in dependency order; a failure meanwhile is not an unhandled rejection.
  const started = new Map<EmitterRun, Promise<readonly GeneratedFile[]>>();
  for (const run of [
    ...ordered.filter((r) => r.emitter.startsFirst),
    ...ordered.filter((r) => !r.emitter.startsFirst),
  ]) {
    const context: EmitContext = {
      out: run.out,
      options: run.options,
      importOf: (emitter, file) => {
        const target = outs.get(emitter);
        if (target === undefined) {
          throw new EmitterSetupError(
            run.emitter.name,
            `imports the output of emitter "${emitter}", which is not configured for this protocol; configure "${emitter}" or give "${run.emitter.name}" a module to import instead (see its options)`,
          );
        }
        return relativeSpecifier(run.out, `${target}/${file}`);
      },
      runsWith: (emitter) => outs.has(emitter),
    };
    let emitted: Promise<readonly GeneratedFile[]>;
    try {
      emitted = Promise.resolve(run.emitter.emit(ir, context));
    } catch (error) {
      emitted = Promise.reject(error as Error);
    }
    emitted.catch(() => undefined);
    started.set(run, emitted);
  }
  const files = new Map<string, PlacedFile>();
  for (const run of ordered) {
    for (const file of await (started.get(run) as Promise<readonly GeneratedFile[]>)) {
      const placed = path.posix.join(run.out, file.path);
      const previous = files.get(placed);
      if (previous !== undefined)
        throw new Error(
          `emitters "${previous.emitter}" and "${run.emitter.name}" both write ${placed}; give them different "out" folders`,
        );
      files.set(placed, { path: placed, content: file.content, emitter: run.emitter.name });
    }
  }
  return [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** `packages/client/src/gen` → `packages/validators/src/gen/types.gen.js` = `../../../validators/src/gen/types.gen.js`. */
export function relativeSpecifier(fromDir: string, toFile: string): string {
  const relative = path.posix.relative(fromDir, toFile.replace(/\.ts$/, '.js'));
  return relative.startsWith('../') ? relative : `./${relative}`;
}

export function orderEmitters(runs: readonly EmitterRun[]): EmitterRun[] {
  const byName = new Map(runs.map((r) => [r.emitter.name, r]));
  const ordered: EmitterRun[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (run: EmitterRun, trail: string[]) => {
    const name = run.emitter.name;
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`emitter dependency cycle: ${[...trail, name].join(' -> ')}`);
    state.set(name, 'visiting');
    for (const dep of [...run.emitter.dependsOn, ...(run.emitter.runsAfter ?? [])].sort()) {
      const target = byName.get(dep);
      if (target !== undefined) visit(target, [...trail, name]);
    }
    state.set(name, 'done');
    ordered.push(run);
  };
  [...runs].sort((a, b) => (a.emitter.name < b.emitter.name ? -1 : 1)).forEach((r) => visit(r, []));
  return ordered;
}
