import type { MethodIR, ProtocolIR } from '../ir/types.js';
import { mergePatch } from '../ir/merge-patch.js';
import type { ProbePlan } from './probe-plan.js';

/** One method to call, or why it is not called. */
export type Probe =
  | { readonly method: string; readonly params: unknown; readonly skip?: undefined }
  | { readonly method: string; readonly skip: string };

/** What `{channel}` and `{user}` stand for in the plan. */
export interface ProbeTargets {
  readonly channel: string;
  readonly user: string;
}

/**
 * A probe per method, in protocol order. Params start from the schema: the method's first
 * params example, else an object of its required fields' first examples. The plan's `params`
 * (a JSON merge patch) then points them at the contract channel and made-up user. A `write`
 * method the plan does not mention is skipped: the runner never guesses what is safe to change.
 */
export function buildProbes(ir: ProtocolIR, plan: ProbePlan, targets: ProbeTargets, transportMethods: readonly string[]): Probe[] {
  return ir.methods.map((method): Probe => {
    const entry = plan.probes[method.name];
    if (entry?.skip !== undefined) return { method: method.name, skip: entry.skip };
    if (!transportMethods.includes(method.name)) return { method: method.name, skip: 'the transport does not carry this method' };
    if (entry === undefined && method.effect === 'write') return { method: method.name, skip: 'a write method with no entry in the probe plan: not called, to change nothing' };
    const base = schemaParams(method);
    const params = entry?.params === undefined ? base : mergePatch(base, entry.params);
    return { method: method.name, params: substitute(params, targets) };
  });
}

function schemaParams(method: MethodIR): unknown {
  if (method.params.examples.length > 0) return structuredClone(method.params.examples[0]);
  const required = method.fields.filter((f) => f.required);
  return Object.fromEntries(required.map((f) => [f.name, structuredClone(f.examples[0] ?? null)]));
}

function substitute(value: unknown, targets: ProbeTargets): unknown {
  if (value === '{channel}') return targets.channel;
  if (value === '{user}') return targets.user;
  if (Array.isArray(value)) return value.map((v) => substitute(v, targets));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, targets)]));
  return value;
}
