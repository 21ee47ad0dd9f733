/**
 * Runs once before every vitest run. Suites that need the real Centrifugo v6.9.1 or headless
 * Chromium skip themselves when it is not installed; this says so in one line, so a skip is
 * never silent — and in CI (`CI=true`), where `.ci/run` installs both, a missing one fails the
 * run instead (the decision: missing-needs.ts).
 */
import { browserAvailable } from './browser.js';
import { realCentrifugo } from './centrifugo-v6.js';
import { reportMissingNeeds } from './missing-needs.js';

export default function setup(): void {
  const needs = [
    ['the real Centrifugo', realCentrifugo],
    ['a browser', browserAvailable],
  ] as const;
  for (const line of reportMissingNeeds(needs, process.env['CI'] === 'true')) process.stdout.write(`${line}\n`);
}
