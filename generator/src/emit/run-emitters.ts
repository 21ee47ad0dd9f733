import type { ProtocolIR } from '../ir/types.js';
import type { Emitter, GeneratedFile } from './emitter.js';

/**
 * Runs emitters in dependency order (ties broken by name) and gathers their files sorted by
 * path. Two emitters writing the same path is a bug in the emitter set, reported as such.
 */
export async function runEmitters(ir: ProtocolIR, emitters: readonly Emitter[]): Promise<GeneratedFile[]> {
  const files = new Map<string, { file: GeneratedFile; by: string }>();
  for (const emitter of orderEmitters(emitters)) {
    for (const file of await emitter.emit(ir)) {
      const previous = files.get(file.path);
      if (previous !== undefined) throw new Error(`emitters "${previous.by}" and "${emitter.name}" both write ${file.path}`);
      files.set(file.path, { file, by: emitter.name });
    }
  }
  return [...files.values()].map((f) => f.file).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function orderEmitters(emitters: readonly Emitter[]): Emitter[] {
  const byName = new Map(emitters.map((e) => [e.name, e]));
  const ordered: Emitter[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (emitter: Emitter, trail: string[]) => {
    if (state.get(emitter.name) === 'done') return;
    if (state.get(emitter.name) === 'visiting') throw new Error(`emitter dependency cycle: ${[...trail, emitter.name].join(' -> ')}`);
    state.set(emitter.name, 'visiting');
    for (const dep of [...emitter.dependsOn].sort()) {
      const target = byName.get(dep);
      if (target === undefined) throw new Error(`emitter "${emitter.name}" depends on unknown emitter "${dep}"`);
      visit(target, [...trail, emitter.name]);
    }
    state.set(emitter.name, 'done');
    ordered.push(emitter);
  };
  [...emitters].sort((a, b) => (a.name < b.name ? -1 : 1)).forEach((e) => visit(e, []));
  return ordered;
}
