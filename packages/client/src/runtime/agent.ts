/** The keep-alive agent a client owns when the caller gives none. */
import http from 'node:http';
import https from 'node:https';

/**
 * Keep-alive, with idle sockets closed after `idleTimeout` ms. Node's agent also honours a
 * server's `Keep-Alive: timeout=N` (closing at N-1 s, or not keeping the socket when N <= 1),
 * but only when this `timeout` is set.
 */
export function createAgent(url: URL, idleTimeout: number): http.Agent {
  const options = { keepAlive: true, timeout: idleTimeout };
  return url.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
}
