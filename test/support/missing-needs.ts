/**
 * What the global setup decides about a missing dependency of the tests (the real Centrifugo, a
 * browser): outside CI, one line naming what is skipped and why; in CI (`CI=true`), where
 * `.ci/run` installs everything, a failed run. Plain functions, so both branches are tested.
 */
import { CENTRIFUGO_VERSION } from '../../scripts/centrifugo.js';

/** Whether a dependency of some suites is here; `reason` says why not. */
export interface Need {
  readonly available: boolean;
  readonly reason: string | undefined;
}

/** A dependency is missing in CI: the run fails. */
export class MissingNeedError extends Error {
  override name = 'MissingNeedError';
  readonly code = 'MISSING_NEED';
  readonly what: string;

  constructor(what: string, reason: string) {
    super(`CI needs ${what}: ${reason}`);
    this.what = what;
  }
}

/**
 * The real Centrifugo's status: installed, or not installed with Go here to install it (the
 * line names the Go found), or not installed and no Go to install it with.
 */
export function centrifugoNeed(probe: { installed: boolean; path: string; goVersion: string | undefined }): Need {
  if (probe.installed) return { available: true, reason: undefined };
  const missing = `the real Centrifugo v${CENTRIFUGO_VERSION} is not installed at ${probe.path}`;
  return {
    available: false,
    reason:
      probe.goVersion === undefined
        ? `${missing}, and Go, which builds it, is missing (\`go version\` does not run): install Go, then run node scripts/centrifugo.js`
        : `${missing}; Go is here (${probe.goVersion}): run node scripts/centrifugo.js to install it`,
  };
}

/**
 * The lines to print for the missing needs, one each (none when all are here); in CI, throws
 * `MissingNeedError` for the first missing one instead.
 */
export function reportMissingNeeds(needs: readonly (readonly [what: string, need: Need])[], ci: boolean): string[] {
  const lines: string[] = [];
  for (const [what, need] of needs) {
    if (need.available) continue;
    const reason = need.reason ?? 'no reason given';
    if (ci) throw new MissingNeedError(what, reason);
    lines.push(`skipped: every suite that runs against ${what} — ${reason}`);
  }
  return lines;
}
