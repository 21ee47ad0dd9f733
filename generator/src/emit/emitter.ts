import type { ProtocolIR } from '../ir/types.js';

/** A file an emitter produces; `path` is relative to the output root, `/`-separated. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

/**
 * One output of the generator. Emitters are alike: a name, the emitters whose files they
 * import (so they run after them), the folders they own, and a pure `emit`.
 */
export interface Emitter {
  readonly name: string;
  readonly dependsOn: readonly string[];
  /**
   * Folders (relative to the output root) this emitter owns: a file there that carries the
   * generated header but that no emitter writes any more is stale and is removed.
   */
  readonly owns: readonly string[];
  emit(ir: ProtocolIR): Promise<readonly GeneratedFile[]> | readonly GeneratedFile[];
}
