import type { ProtocolIR } from '../ir/types.js';

/** A file an emitter produces; `path` is relative to the emitter's output folder, `/`-separated. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

/** An emitter's options as the config gives them (checked against the config's JSON schema). */
export type EmitterOptions = { readonly [name: string]: unknown };

/**
 * What an emitter is told by the run: where it writes and its options. It never decides an
 * output path itself; the config (or the default layout) does.
 */
export interface EmitContext<O extends object = object> {
  /** This emitter's output folder, relative to the output root, `/`-separated (e.g. `packages/client/src/gen`). */
  readonly out: string;
  readonly options: O;
  /**
   * The module specifier, from this emitter's folder, of a file another emitter of the same
   * protocol writes (`./types.gen.js`, `../../validators/src/gen/protocol.gen.js`). The other
   * emitter must be among `dependsOn`.
   */
  importOf(emitter: string, file: string): string;
  /** Whether `emitter` is configured for this protocol too (it runs in the same run). */
  runsWith(emitter: string): boolean;
}

/**
 * One output of the generator. Emitters are alike: a name, the emitters whose files they import
 * (so they run after them and must be configured with them), and a pure `emit` returning files
 * relative to the folder it is told to write to. The folder it writes to is also the folder it
 * owns: a file there that carries the generated header but that no emitter writes any more is
 * stale and is removed.
 */
export interface Emitter<O extends object = object> {
  readonly name: string;
  readonly dependsOn: readonly string[];
  /** Emitters it runs after when they are configured too, without needing them (default none). */
  readonly runsAfter?: readonly string[];
  /**
   * Its `emit` is started before the other emitters' and awaited in its place (default false): it
   * hands work to another thread, which does it while they print. It must not need their state.
   */
  readonly startsFirst?: boolean;
  emit(ir: ProtocolIR, context: EmitContext<O>): Promise<readonly GeneratedFile[]> | readonly GeneratedFile[];
}

/**
 * An emitter cannot do what the config asks of it (it imports the output of an emitter that is
 * not configured, the protocol has no transport it can describe): a problem of the config or the
 * schema, reported as such, not a bug.
 */
export class EmitterSetupError extends Error {
  override readonly name = 'EmitterSetupError';
  readonly code = 'emitter-setup';
  constructor(
    readonly emitter: string,
    message: string,
  ) {
    super(`emitter "${emitter}": ${message}`);
  }
}
