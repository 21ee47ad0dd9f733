/**
 * A quarantined speed-up a test turns off through its mocked module (which reads `on`), counting
 * what it did while on: how a differential test runs the same work with the speed-up and with
 * the plain reference.
 */
export interface SpeedUpSwitch {
  on: boolean;
  count: number;
}

/** `run()` with the speed-up on, then off; what it counted while on. The switch is left on. */
export async function withAndWithout<T>(
  speedUp: SpeedUpSwitch,
  run: () => Promise<T>,
): Promise<{ fast: T; plain: T; count: number }> {
  speedUp.on = true;
  speedUp.count = 0;
  const fast = await run();
  const count = speedUp.count;
  speedUp.on = false;
  try {
    return { fast, plain: await run(), count };
  } finally {
    speedUp.on = true;
  }
}
