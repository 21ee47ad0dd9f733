import { sampleValues } from '../emitters/fixtures/sample-values.js';
import type { ProtocolIR } from '../ir/types.js';
import { mergePatch } from '../ir/merge-patch.js';
import type { ProbePlan } from './probe-plan.js';

/** One method to call, or why it is not called. */
export type Probe =
  | { readonly method: string; readonly params: unknown; readonly skip?: undefined; readonly expectError?: string }
  | { readonly method: string; readonly skip: string };

/** What `{channel}` and `{user}` stand for in the plan. */
export interface ProbeTargets {
  readonly channel: string;
  readonly user: string;
}

/**
 * A probe per method, in protocol order. Params start from the schema: the method's first
 * params example valid against the typed view, else a value drawn from the typed view with the
 * fixtures' fixed seed (so the same schema always gives the same probes). The plan's `params`
 * (a JSON merge patch) then points them at the contract channel and made-up user. A `write`
 * method the plan does not mention is skipped: the runner never guesses what is safe to change.
 * A probe may expect one of the method's catalogued errors instead of a result (`expectError`).
 */
export async function buildProbes(
  ir: ProtocolIR,
  plan: ProbePlan,
  targets: ProbeTargets,
  transportMethods: readonly string[],
): Promise<Probe[]> {
  const probes: Probe[] = [];
  for (const method of ir.methods) {
    const entry = plan.probes[method.name];
    if (entry?.skip !== undefined) probes.push({ method: method.name, skip: entry.skip });
    else if (!transportMethods.includes(method.name))
      probes.push({ method: method.name, skip: 'the transport does not carry this method' });
    else if (entry === undefined && method.effect === 'write')
      probes.push({
        method: method.name,
        skip: 'a write method with no entry in the probe plan: not called, to change nothing',
      });
    else {
      const [base = {}] = await sampleValues(ir, method.params, 1);
      const params = entry?.params === undefined ? base : mergePatch(base, entry.params);
      const probe = { method: method.name, params: substitute(params, targets) };
      probes.push(entry?.expectError === undefined ? probe : { ...probe, expectError: entry.expectError });
    }
  }
  return probes;
}

function substitute(value: unknown, targets: ProbeTargets): unknown {
  if (value === '{channel}') return targets.channel;
  if (value === '{user}') return targets.user;
  if (Array.isArray(value)) return value.map((v) => substitute(v, targets));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, targets)]));
  return value;
}
