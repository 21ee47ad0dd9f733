/**
 * A connected client's clocks (centrifuge client.go): the server pings with `{}` every
 * `client.ping_interval` (the first one at a random moment in its second half), expects the
 * `{}` answer within `client.pong_timeout` (else close 3012 "no pong"); a connection whose
 * token expires is closed with 3005 `client.expired_close_delay` after its expiry unless a
 * refresh (client command or server API) moved the expiry on.
 */
import { DISCONNECT } from './codes.js';
import type { ClientSession, Wire } from './session.js';

const PING = '{}';

export function startKeepalive(s: ClientSession): void {
  const cfg = s.node.config.client;
  const pingMs = Number(cfg.pingInterval / 1_000_000n);
  if (pingMs > 0 && !s.framePingPong)
    s.timers.set('ping', pingMs / 2 + Math.random() * (pingMs / 2), () =>
      ping(s, pingMs, Number(cfg.pongTimeout / 1_000_000n)),
    );
  scheduleExpiry(s);
}

function ping(s: ClientSession, pingMs: number, pongMs: number): void {
  if (s.isClosed) return;
  s.write(PING);
  s.pingOutstanding = true;
  if (pongMs > 0) {
    s.timers.set('pong', pongMs, () => {
      if (s.pingOutstanding) s.disconnect(DISCONNECT.noPong);
    });
  }
  s.timers.set('ping', pingMs, () => ping(s, pingMs, pongMs));
}

/**
 * `?cf_ws_frame_ping_pong=true` (handler_websocket.go): from the upgrade on, a websocket ping
 * frame every ping interval; reads must see a pong within ping interval + pong timeout at first,
 * and within the pong timeout of each ping; else the connection drops without a close frame.
 */
export function startFramePings(s: ClientSession, wire: Wire): void {
  const { pingMs, pongMs } = frameTimes(s);
  s.timers.set('frame-deadline', pingMs + pongMs, () => s.frameDeadlineMissed());
  const tick = () => {
    if (s.isClosed) return;
    wire.ping();
    s.timers.set('frame-deadline', pongMs, () => s.frameDeadlineMissed());
    s.timers.set('frame-ping', pingMs, tick);
  };
  s.timers.set('frame-ping', pingMs, tick);
}

export function framePongWaitMs(s: ClientSession): number {
  const { pingMs, pongMs } = frameTimes(s);
  return pingMs + pongMs;
}

function frameTimes(s: ClientSession): { readonly pingMs: number; readonly pongMs: number } {
  const cfg = s.node.config.client;
  const pingMs = Number(cfg.pingInterval / 1_000_000n);
  const pongMs = Number(cfg.pongTimeout / 1_000_000n);
  return { pingMs: pingMs > 0 ? pingMs : 25_000, pongMs: pongMs > 0 ? pongMs : 10_000 };
}

/** (Re)arms the expiry check for the connection's current `expireAt`. */
export function scheduleExpiry(s: ClientSession): void {
  const c = s.connection;
  if (c === undefined || c.expireAt <= 0) return s.timers.clear('expiry');
  const now = Math.floor(s.node.clock.now() / 1000);
  s.timers.set('expiry', (c.expireAt - now) * 1000 + s.ctx.config.expiredCloseDelayMs, () => {
    const at = c.expireAt;
    if (at <= 0 || s.isClosed) return;
    if (at > Math.floor(s.node.clock.now() / 1000)) return scheduleExpiry(s);
    s.disconnect(DISCONNECT.expired);
  });
}
