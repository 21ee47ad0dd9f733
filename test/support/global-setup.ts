/**
 * Runs once before every vitest run. Suites that need the real Centrifugo v6.9.1 or headless
 * Chromium skip themselves when it is not installed; this says so in one line, so a skip is
 * never silent — and in CI (`CI=true`), where `.ci/run` installs both, a missing one fails the
 * run instead.
 */
import { browserAvailable } from './browser.js';
import { realCentrifugo } from './centrifugo-v6.js';

export default function setup(): void {
  for (const [what, need] of [
    ['the real Centrifugo', realCentrifugo],
    ['a browser', browserAvailable],
  ] as const) {
    if (need.available) continue;
    if (process.env['CI'] === 'true') throw new Error(`CI needs ${what}: ${need.reason ?? 'unknown reason'}`);
    process.stdout.write(`skipped: every suite that runs against ${what} — ${need.reason ?? ''}\n`);
  }
}
