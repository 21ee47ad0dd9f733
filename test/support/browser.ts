/**
 * Headless Chromium for end-to-end tests: Debian's `chromium` (installed by `.ci/run`) driven by
 * playwright-core, which downloads no browser of its own. Each launch gets a fresh profile
 * directory and the flags that keep the browser quiet and local (no GPU, no QUIC, no first-run,
 * no background networking, component updates or sync). Suites that need it use
 * `describeWithChromium`: without the binary they are skipped, and the global setup says so in
 * one line — or, in CI, fails the run. `sdkBundle()` is the real `centrifuge` SDK's own browser
 * build. playwright-core loads only when used (the global setup imports this file).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { describe } from 'vitest';
import type { Need } from './missing-needs.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const browserAvailable: Need = existsSync(CHROMIUM_PATH)
  ? { available: true, reason: undefined }
  : {
      available: false,
      reason: `Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium; .ci/run does it)`,
    };

export const describeWithChromium = describe.skipIf(!browserAvailable.available);

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** A headless Chromium with a fresh profile (playwright passes it as `--user-data-dir`). */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(path.join(tmpdir(), 'centkit-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_FLAGS],
    timeout: 30_000,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The browser build the `centrifuge` package ships (`dist/centrifuge.js`: one script defining `window.Centrifuge`). */
export function sdkBundle(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve('centrifuge');
  return readFile(path.join(path.dirname(entry), '..', 'dist', 'centrifuge.js'), 'utf8');
}
