/**
 * What one v6 server remembers between requests for `admit`: the last request target split, the
 * route it reaches, the API key's bytes. A client sends the same target and key again and again;
 * the answers are never mutated. One per server, made with it (never module state).
 */
import type { ResolvedConfigV6 } from '../config/types.js';
import { routeV6, splitTarget, type RouteV6, type Target } from './route.js';

export class AdmitMemo {
  private lastUrl: string | undefined;
  private lastTarget: Target | undefined;
  private routedTarget: Target | undefined;
  private routedConfig: ResolvedConfigV6 | undefined;
  private lastRoute: RouteV6 = { kind: 'not-found' };
  private lastKey: string | undefined;
  private lastKeyBytes: Buffer = Buffer.alloc(0);

  /** `splitTarget(url)`. */
  target(url: string): Target | undefined {
    if (url !== this.lastUrl) {
      this.lastTarget = splitTarget(url);
      this.lastUrl = url;
    }
    return this.lastTarget;
  }

  /** `routeV6(t, config)`; `t` from `target`, so the same target is the same object. */
  route(t: Target, config: ResolvedConfigV6): RouteV6 {
    if (t !== this.routedTarget || config !== this.routedConfig) {
      this.lastRoute = routeV6(t, config);
      this.routedTarget = t;
      this.routedConfig = config;
    }
    return this.lastRoute;
  }

  /** The key's UTF-8 bytes. */
  keyBytes(key: string): Buffer {
    if (key !== this.lastKey) {
      this.lastKeyBytes = Buffer.from(key, 'utf8');
      this.lastKey = key;
    }
    return this.lastKeyBytes;
  }
}
