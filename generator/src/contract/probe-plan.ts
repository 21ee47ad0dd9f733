import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProtocolIR } from '../ir/types.js';
import { createCheckingAjv, toProblems } from '../validate/ajv-instance.js';
import { SchemaSetError, type Problem } from '../validate/problem.js';

export const PROBE_PLAN_FILE = 'probes.json';

/**
 * How `centkit contract` probes a live server, beside `protocol.json` in the schema directory.
 * It holds what the schema cannot say: which params must name the contract channel or a
 * made-up user so that probes touch nothing else. (How a call is sent and answered is the
 * transport descriptor's business.)
 */
export interface ProbePlan {
  /** Default `--channel`. */
  readonly channel: string;
  /** Made-up users are this prefix plus random hex. */
  readonly userPrefix: string;
  readonly probes: Readonly<
    Record<string, { readonly params?: unknown; readonly skip?: string; readonly expectError?: string }>
  >;
}

const name = { type: 'string', minLength: 1 } as const;

export const probePlanSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['channel', 'probes'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    $comment: { type: 'string' },
    channel: name,
    userPrefix: name,
    probes: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          params: {
            description: 'A JSON merge patch over the schema-derived params; "{channel}" and "{user}" are substituted.',
          },
          skip: { type: 'string', minLength: 1, description: 'Do not probe this method, and why.' },
          expectError: {
            type: 'string',
            minLength: 1,
            description:
              "The id of one of the method's catalogued errors that a success is impossible without (e.g. a method no handler serves): the probe passes when the server answers exactly that error, in the shape of the error type.",
          },
        },
      },
    },
  },
} as const;

/** Reads and checks the plan of a schema directory; every problem is reported at once. */
export async function loadProbePlan(schemaDir: string, ir: ProtocolIR): Promise<ProbePlan> {
  let plan: unknown;
  try {
    plan = JSON.parse(await readFile(path.join(schemaDir, PROBE_PLAN_FILE), 'utf8'));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new SchemaSetError(
      [
        {
          code: missing ? 'file-unreadable' : 'json-invalid',
          message: missing ? 'file not found: the contract runner needs a probe plan' : String(error),
          file: PROBE_PLAN_FILE,
          path: '',
        },
      ],
      ir.source,
    );
  }
  if (plan !== null && typeof plan === 'object' && 'envelope' in plan) {
    throw new SchemaSetError(
      [
        {
          code: 'probes-invalid',
          file: PROBE_PLAN_FILE,
          path: '/envelope',
          message:
            'the field names of commands and replies now come from the transport descriptor (its request and reply in protocol.json); remove "envelope"',
        },
      ],
      ir.source,
    );
  }
  const ajv = createCheckingAjv();
  if (!ajv.validate(probePlanSchema, plan))
    throw new SchemaSetError(toProblems(ajv.errors, PROBE_PLAN_FILE, 'probes-invalid'), ir.source);
  const checked = plan as Omit<ProbePlan, 'userPrefix'> & { userPrefix?: string };
  const methods = new Map(ir.methods.map((m) => [m.name, m]));
  const problems: Problem[] = Object.entries(checked.probes).flatMap(([name, entry]): Problem[] => {
    const method = methods.get(name);
    if (method === undefined)
      return [
        {
          code: 'probes-unknown-method',
          message: `no method "${name}" in the protocol`,
          file: PROBE_PLAN_FILE,
          path: `/probes/${name}`,
        },
      ];
    if (entry.expectError === undefined || method.errors.some((e) => e.id === entry.expectError)) return [];
    const listed = method.errors.map((e) => e.id).join(', ') || 'none';
    return [
      {
        code: 'probes-invalid',
        message: `"${entry.expectError}" is not one of the errors of ${name} (${listed})`,
        file: PROBE_PLAN_FILE,
        path: `/probes/${name}/expectError`,
      },
    ];
  });
  if (problems.length > 0) throw new SchemaSetError(problems, ir.source);
  return { ...checked, userPrefix: checked.userPrefix ?? 'centkit-contract-' };
}
