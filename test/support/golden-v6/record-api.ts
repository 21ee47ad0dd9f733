/**
 * The server-API transcripts (test/fixtures/centrifugo-v6/server-api.jsonl): every HTTP case of
 * spec §7.1–§7.6 and §7.8–§7.11 that needs no websocket client, on fresh servers, in an order
 * that keeps the recording independent of timing (info first while it has no uptime, then once
 * it has one).
 */
import { recordAuth } from './cases/auth.js';
import { recordBatch } from './cases/batch.js';
import { recordBroadcast } from './cases/broadcast.js';
import { recordHistory } from './cases/history.js';
import { recordLegacy } from './cases/legacy.js';
import { recordMap } from './cases/map.js';
import { recordPublish } from './cases/publish.js';
import { recordInfo, recordInfoAtStart, recordQueries } from './cases/queries.js';
import { recordRouting } from './cases/routing.js';
import { recordTransportMode } from './cases/transport-mode.js';
import { Recording } from './recording.js';

export async function recordApi(): Promise<Recording> {
  const r = new Recording();
  try {
    await recordInfoAtStart(r);
    await recordRouting(r);
    await recordAuth(r);
    await recordPublish(r);
    await recordBroadcast(r);
    await recordHistory(r);
    await recordQueries(r);
    await recordBatch(r);
    await recordTransportMode(r);
    await recordMap(r);
    await recordInfo(r);
    await recordLegacy(r);
  } finally {
    await r.close();
  }
  return r;
}
