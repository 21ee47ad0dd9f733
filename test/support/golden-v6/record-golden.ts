/**
 * Records golden transcripts of the real Centrifugo v6.9.1 into a folder (the fixtures are in
 * test/fixtures/centrifugo-v6/; `node scripts/record-golden-v6.js` runs this). Prints the line
 * count per group and every line where the server disagreed with the spec's predictions.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { recordApi } from './record-api.js';
import { recordClientProtocol } from './record-client-protocol.js';
import { recordConnections } from './record-connections.js';
import { recordStartup } from './record-startup.js';
import type { Recording } from './recording.js';
import { countByGroup, formatLines, GOLDEN_FILES, type GoldenFileKind } from './transcript.js';

export const RECORDERS: Record<GoldenFileKind, () => Promise<Pick<Recording, 'lines' | 'disagreements'>>> = {
  api: recordApi,
  connections: recordConnections,
  clientProtocol: recordClientProtocol,
  startup: recordStartup,
};

export async function recordGolden(
  kinds: readonly GoldenFileKind[],
  dir: string,
  log: (line: string) => void,
): Promise<void> {
  for (const kind of kinds) {
    const { lines, disagreements } = await RECORDERS[kind]();
    writeFileSync(path.join(dir, GOLDEN_FILES[kind]), formatLines(lines));
    const groups = [...countByGroup(lines)].map(([g, n]) => `${g} ${n}`).join(', ');
    log(`${GOLDEN_FILES[kind]}: ${lines.length} lines (${groups})`);
    for (const d of disagreements) log(`  disagrees with the spec: ${d}`);
  }
}
