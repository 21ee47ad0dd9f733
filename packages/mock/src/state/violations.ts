/**
 * Contract violations: requests the real Centrifugo would refuse (HTTP 400/401, or a queue
 * item it would drop), recorded in strict mode so that app tests fail with a clear reason.
 */
import { MockContractError } from '../errors.js';
import type { ValidationIssue } from '../protocol.js';
import type { Transport } from './recorded-command.js';

/**
 * Why the real server refuses: the sign, its config, the data or a command (1.x), the params
 * (both); for the v6 API also the route (404), the HTTP method (405) and the API key (401).
 */
export type ViolationKind = 'sign' | 'config' | 'data' | 'command' | 'params' | 'route' | 'method' | 'auth';

export interface ContractViolation {
  readonly requestId: number;
  readonly transport: Transport;
  /** What the real server answers (400 or 401; for v6 also 404, 405); 0 for a dropped queue item. */
  readonly status: number;
  readonly kind: ViolationKind;
  readonly method?: string;
  /** The command's position in the batch. */
  readonly index?: number;
  /** JSON pointer into the request's `data` (e.g. `/0/params/channel`); '' for the request itself. */
  readonly path: string;
  readonly message: string;
  /** What the wire validators say about the command's params (empty until they are generated). */
  readonly schemaIssues: readonly ValidationIssue[];
}

export const MAX_VIOLATIONS = 1000;

export class ViolationLog {
  private readonly items: ContractViolation[] = [];

  add(v: ContractViolation): void {
    if (this.items.length < MAX_VIOLATIONS) this.items.push(v);
  }

  list(): readonly ContractViolation[] {
    return [...this.items];
  }

  clear(): void {
    this.items.length = 0;
  }

  assertNone(): void {
    if (this.items.length === 0) return;
    const lines = this.items.slice(0, 20).map(formatViolation);
    const more = this.items.length > 20 ? `\n  ... and ${this.items.length - 20} more` : '';
    throw new MockContractError(
      `${this.items.length} request(s) would be refused by the real Centrifugo:\n  ${lines.join('\n  ')}${more}`,
      [...this.items],
    );
  }
}

export function formatViolation(v: ContractViolation): string {
  const where = v.path === '' ? '(request)' : v.path;
  const what = v.method === undefined ? '' : ` ${v.method}`;
  const schema = v.schemaIssues.length
    ? ` [schema: ${v.schemaIssues.map((i) => `${i.path || '(root)'} ${i.message}`).join('; ')}]`
    : '';
  const status = v.status === 0 ? 'dropped' : `HTTP ${v.status}`;
  return `request #${v.requestId} (${v.transport}, ${status})${what} ${where}: ${v.message}${schema}`;
}
