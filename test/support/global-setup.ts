/**
 * Runs once before every vitest run. Suites that need the real Centrifugo v6.9.1 skip themselves
 * when it is not installed; this says so in one line, so a skip is never silent — and in CI
 * (`CI=true`), where `.ci/run` installs it, a missing server fails the run instead.
 */
import { realCentrifugo } from './centrifugo-v6.js';

export default function setup(): void {
  if (realCentrifugo.available) return;
  if (process.env['CI'] === 'true') {
    throw new Error(`CI needs the real server: ${realCentrifugo.reason ?? 'unknown reason'}`);
  }
  process.stdout.write(`skipped: every suite that runs against the real Centrifugo — ${realCentrifugo.reason ?? ''}\n`);
}
