import type { Emitter, EmitterOptions } from '../emit/emitter.js';

/** One emitter as a run uses it: where it writes, its options, and the changelog its output feeds. */
export interface EmitterRun {
  readonly emitter: Emitter;
  /** Output folder relative to the output root, `/`-separated, no trailing slash. */
  readonly out: string;
  readonly options: EmitterOptions;
  /** CHANGELOG.md (relative to the root) that gets an entry when this output changes with the protocol. */
  readonly changelog: string | undefined;
}

/** One protocol to generate: a config entry resolved against the output root. */
export interface ProtocolJob {
  /** How messages and `--protocol` name it. */
  readonly name: string;
  /** Absolute path of the protocol definition folder. */
  readonly schemaDir: string;
  /** Snapshot file relative to the root; undefined: no snapshot, no changelog. */
  readonly snapshot: string | undefined;
  readonly emitters: readonly EmitterRun[];
}
