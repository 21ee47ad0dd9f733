/**
 * A quarantined speed-up, justified by `npm run bench -- generator` (at 1000 methods the
 * fixtures emitter spent some 2 s compiling every typed view again): the ajv instance the
 * validators emitter compiled the standalone code with is kept for the rest of the run, so the
 * fixtures emitter, which runs after it, checks its values with those same compiled functions.
 * Keyed by the run's IR and released with it. `test/config.test.ts` checks the fixtures are the
 * same bytes with and without the validators emitter in the run.
 */
import type { Ajv } from 'ajv';
import type { ProtocolIR } from '../../ir/types.js';

const compiled = new WeakMap<ProtocolIR, Ajv>();

/** Keeps the instance the standalone validators of `ir` were compiled with. */
export function keepCompiled(ir: ProtocolIR, ajv: Ajv): void {
  compiled.set(ir, ajv);
}

/** The instance kept for `ir`, if the validators emitter ran before in this run. */
export function compiledFor(ir: ProtocolIR): Ajv | undefined {
  return compiled.get(ir);
}
