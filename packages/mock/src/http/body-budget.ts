/**
 * The bytes of request bodies one server holds in memory at a time, across all its requests.
 * A per-request cap alone lets sixteen concurrent 60 MiB bodies take a gigabyte; with a shared
 * budget a body that would take the total over it is refused before it is read (the caller
 * answers 503: Go's net/http has no such limit, so this answer is the mock's own).
 */
/** The mocks' default cap on one request body (the real servers have none). */
export const DEFAULT_MAX_JSON_BODY = 64 << 20;
/** The mocks' default cap on the request bodies held at once. */
export const DEFAULT_MAX_BODY_IN_FLIGHT = 128 << 20;

export class BodyBudget {
  private used = 0;

  constructor(readonly limit: number) {}

  /** Takes `bytes` from the budget; false (and nothing taken) when they do not fit. */
  tryReserve(bytes: number): boolean {
    if (this.used + bytes > this.limit) return false;
    this.used += bytes;
    return true;
  }

  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }

  get inUse(): number {
    return this.used;
  }
}
