/**
 * The golden transcripts are what the real Centrifugo v6.9.1 does today: re-recording the server
 * API part (every HTTP case that needs no websocket client) and the start-up failures against
 * fresh real servers gives the committed files, byte for byte after masking. The websocket files
 * are recorded by the same code (`node scripts/record-golden-v6.js`), but their timing makes a
 * test of them flaky on a shared machine, so they are not re-checked here.
 */
import { afterAll, expect, it } from 'vitest';
import { describeWithCentrifugo } from './support/centrifugo-v6.js';
import { recordApi } from './support/golden-v6/record-api.js';
import { recordStartup } from './support/golden-v6/record-startup.js';
import { formatLines, readGolden, type GoldenFileKind, type GoldenLine } from './support/golden-v6/transcript.js';

const report: string[] = [];
afterAll(() => {
  if (report.length > 0) console.log(report.join('\n'));
});

/** Line by line, so a failure names the case instead of printing two files. */
function compare(kind: GoldenFileKind, fresh: readonly GoldenLine[]): void {
  const committed = readGolden(kind);
  expect(fresh.map((l) => l.name)).toEqual(committed.map((l) => l.name));
  const changed = fresh.filter((line, i) => JSON.stringify(line) !== JSON.stringify(committed[i]));
  expect(changed.map((l) => `${l.name}: ${JSON.stringify(l).slice(0, 400)}`)).toEqual([]);
  expect(formatLines(fresh)).toBe(formatLines(committed));
  report.push(`golden v6 ${kind}: ${fresh.length} lines re-recorded, identical after masking`);
}

describeWithCentrifugo('golden transcripts of the real Centrifugo v6.9.1', () => {
  it('re-recording the server API gives the committed file', async () => {
    const recording = await recordApi();
    expect(recording.lines.length).toBeGreaterThanOrEqual(250);
    compare('api', recording.lines);
  }, 120_000);

  it('re-recording the start-up failures gives the committed file', async () => {
    const recording = await recordStartup();
    expect(recording.lines.filter((l) => l.startup?.exit.code === 1).length).toBeGreaterThanOrEqual(20);
    compare('startup', recording.lines);
  }, 120_000);
});
