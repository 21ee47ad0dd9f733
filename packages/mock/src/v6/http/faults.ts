/** Request-level faults (latency, a forced status, a dropped connection) on a v6 request, as on a 1.x one. */
import type { ApiRequest, ApiResponse } from '../../http/exchange.js';
import { sendError } from '../../http/responses.js';
import type { CommandTarget, FaultRegistry } from '../../state/faults.js';

/** Applies the faults matching `targets`; true when the answer was replaced (status or drop). */
export async function applyFaults(
  faults: FaultRegistry,
  req: ApiRequest,
  res: ApiResponse,
  targets: readonly CommandTarget[],
): Promise<boolean> {
  const f = faults.takeRequestFaults(targets);
  if (f === undefined) return false;
  if (f.latencyMs > 0) await new Promise((r) => setTimeout(r, f.latencyMs));
  if (f.drop) {
    req.socket.destroy();
    return true;
  }
  if (f.status) {
    sendError(res, f.status.status, f.status.body);
    return true;
  }
  return false;
}
