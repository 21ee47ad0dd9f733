import { randomBytes } from 'node:crypto';
import { loadProtocol } from '../diff/load-protocol.js';
import type { MethodIR, ProtocolIR, TransportIR } from '../ir/types.js';
import { buildProbes, type Probe } from './build-probes.js';
import { createReplyChecker, show, type Mismatch, type ReplyChecker } from './check-reply.js';
import { buildRequest, displayUrl, send, type Credentials, type HttpTarget } from './http-call.js';
import { loadProbePlan } from './probe-plan.js';

export type { Credentials } from './http-call.js';

export interface ContractOptions {
  readonly schemaDir: string;
  readonly cwd: string;
  readonly address: string;
  readonly credentials: Credentials;
  /** Default: the plan's channel. */
  readonly channel?: string;
  /** Default: the plan's user prefix plus 12 random hex digits. */
  readonly user?: string;
  /** Default: the protocol's default HTTP transport. */
  readonly transport?: string;
  readonly timeoutMs?: number;
}

export interface ProbeResult {
  readonly method: string;
  readonly status: 'pass' | 'fail' | 'skip';
  readonly params?: unknown;
  readonly reason?: string;
  /** The catalogued error the probe expected instead of a result (and got, when it passed). */
  readonly expectedError?: string;
  readonly mismatches: readonly Mismatch[];
  readonly ms: number;
}

export interface ContractReport {
  readonly protocol: { readonly name: string; readonly version: string; readonly source: string };
  readonly url: string;
  readonly transport: string;
  readonly channel: string;
  readonly user: string;
  readonly results: readonly ProbeResult[];
}

/** A usage mistake the runner detects (no HTTP transport, an unknown one, missing credentials): printed with the usage. */
export class ContractUsageError extends Error {
  override readonly name = 'ContractUsageError';
}

/**
 * Probes every method of a protocol on a live server, one call per request, in protocol order,
 * sent and read as the transport descriptor says, and checks each reply against the schemas.
 * Never throws for what the server answers: that is in the report.
 */
export async function runContract(options: ContractOptions): Promise<ContractReport> {
  const { ir } = await loadProtocol(options.schemaDir, options.cwd);
  const plan = await loadProbePlan(options.schemaDir, ir);
  const transport = pickTransport(ir, options.transport);
  checkCredentials(transport, options.credentials);
  const channel = options.channel ?? plan.channel;
  const user = options.user ?? `${plan.userPrefix}${randomBytes(6).toString('hex')}`;
  const target: HttpTarget = {
    address: options.address,
    transport,
    credentials: options.credentials,
    timeoutMs: options.timeoutMs ?? 5000,
  };
  const checker = createReplyChecker(ir, transport);
  const results: ProbeResult[] = [];
  for (const probe of await buildProbes(ir, plan, { channel, user }, transport.methods))
    results.push(await runProbe(ir, target, checker, probe));
  return {
    protocol: { name: ir.name, version: ir.version, source: ir.source },
    url: displayUrl(options.address, transport.http?.path ?? ''),
    transport: transport.id,
    channel,
    user,
    results,
  };
}

function pickTransport(ir: ProtocolIR, id: string | undefined): TransportIR {
  const http = ir.transports.filter((t) => t.kind === 'http' && t.http !== undefined && t.reply.shape !== 'none');
  const chosen = id === undefined ? (http.find((t) => t.isDefault) ?? http[0]) : http.find((t) => t.id === id);
  if (chosen !== undefined) return chosen;
  throw new ContractUsageError(
    id === undefined
      ? 'the protocol has no HTTP transport to probe'
      : `no HTTP transport "${id}" (HTTP transports: ${http.map((t) => t.id).join(', ') || 'none'})`,
  );
}

function checkCredentials(transport: TransportIR, credentials: Credentials): void {
  if (credentials.insecure || transport.auth === undefined) return;
  if (transport.auth.scheme === 'hmac' && credentials.secret === undefined) {
    throw new ContractUsageError(
      `transport ${transport.id} is signed (hmac): give --secret S (or env CENTKIT_SECRET), or --insecure for a server that skips the check`,
    );
  }
  if (transport.auth.scheme === 'api-key' && credentials.apiKey === undefined) {
    throw new ContractUsageError(
      `transport ${transport.id} takes an API key: give --api-key K (or env CENTKIT_API_KEY), or --insecure for a server that skips the check`,
    );
  }
}

async function runProbe(ir: ProtocolIR, target: HttpTarget, checker: ReplyChecker, probe: Probe): Promise<ProbeResult> {
  if (probe.skip !== undefined)
    return { method: probe.method, status: 'skip', reason: probe.skip, mismatches: [], ms: 0 };
  const method = ir.methods.find((m) => m.name === probe.method);
  if (method === undefined) throw new Error(`unreachable: probe of unknown method ${probe.method}`);
  const started = performance.now();
  const mismatches = await callAndCheck(ir, target, method, probe.params, checker, probe.expectError);
  const ms = Math.round(performance.now() - started);
  const expected = probe.expectError === undefined ? {} : { expectedError: probe.expectError };
  return {
    method: probe.method,
    status: mismatches.length === 0 ? 'pass' : 'fail',
    params: probe.params,
    ...expected,
    mismatches,
    ms,
  };
}

async function callAndCheck(
  ir: ProtocolIR,
  target: HttpTarget,
  method: MethodIR,
  params: unknown,
  checker: ReplyChecker,
  expectedError: string | undefined,
): Promise<Mismatch[]> {
  const fail = (expected: string, got: string): Mismatch[] => [{ view: 'http', path: '', expected, got }];
  let answer;
  try {
    answer = await send(buildRequest(target, method.name, params), target.timeoutMs);
  } catch (error) {
    return fail(
      'an HTTP answer',
      error instanceof Error ? `${error.name}: ${error.message}${causeOf(error)}` : String(error),
    );
  }
  if (answer.status < 200 || answer.status > 299) {
    const hard =
      ir.errors.find(
        (e) => e.kind === 'hard' && e.status === answer.status && (e.body === undefined || e.body === answer.body),
      ) ?? ir.errors.find((e) => e.kind === 'hard' && e.status === answer.status);
    return fail(
      'HTTP 2xx',
      `HTTP ${answer.status} ${show(answer.body)}${hard === undefined ? '' : ` (the hard error ${hard.id})`}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    return fail('a JSON body', show(answer.body));
  }
  if (target.transport.reply.shape === 'commands' && Array.isArray(parsed)) {
    if (parsed.length !== 1) return fail('one reply for one command', `${parsed.length} replies`);
    return checker(method, parsed[0], expectedError);
  }
  return checker(method, parsed, expectedError);
}

function causeOf(error: Error): string {
  const cause = error.cause as { code?: unknown } | undefined;
  return typeof cause?.code === 'string' ? ` (${cause.code})` : '';
}
