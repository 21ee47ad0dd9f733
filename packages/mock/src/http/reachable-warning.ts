/**
 * Both mocks listen on 127.0.0.1 unless told otherwise; on any other address they say so once,
 * since other hosts may then reach a server that has no real security. Every 127.x.y.z address
 * (and `localhost`, `::1`) is loopback, so stays quiet.
 */
import type { MockLogger } from '../logger.js';

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function warnIfReachable(logger: MockLogger, host: string, port: number): void {
  if (!isLoopback(host))
    logger.warn(`listening on ${host}:${port}, which other hosts may reach (the default is 127.0.0.1)`);
}
