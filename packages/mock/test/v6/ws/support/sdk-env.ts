/**
 * What an SDK scenario runs with, against any server (the mock or the real v6.9.1): the real
 * `centrifuge` SDK in Node over `ws`, connection and subscription tokens signed with the test
 * secret, the server API through the generated v6 client, and one event log that every client and
 * subscription writes its events to, in the order they happen. Values that differ from server to
 * server (client ids, epochs) are masked by order of first appearance, so two runs compare equal.
 */
import { Centrifuge, type Subscription, type SubscriptionOptions, type Options } from 'centrifuge';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { API_KEY, TOKEN_SECRET } from '../../../../../../test/support/centrifugo-v6.js';
import { Client } from '@centkit/client/v6';

const WAIT_MS = 5000;

export class EventLog {
  readonly lines: string[] = [];
  private readonly names = new Map<string, string>();
  private waiters: (() => void)[] = [];

  /** Masks client ids and epochs (stable names by first appearance). */
  private mask(text: string): string {
    const name = (value: string, kind: string) => {
      let n = this.names.get(value);
      if (n === undefined)
        this.names.set(
          value,
          (n = `<${kind}:${[...this.names.values()].filter((v) => v.startsWith(`<${kind}:`)).length + 1}>`),
        );
      return n;
    };
    return text
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => name(id, 'client'))
      .replace(/"epoch":"([A-Za-z]{8})"/g, (_, e: string) => `"epoch":"${name(e, 'epoch')}"`);
  }

  add(who: string, event: string, fields: object = {}): void {
    this.lines.push(this.mask(`${who} ${event} ${JSON.stringify(fields)}`));
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }

  /** Waits until `n` lines match (a substring), or fails after a few seconds. */
  async waitFor(text: string, n = 1): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    while (this.lines.filter((l) => l.includes(text)).length < n) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${n}× "${text}" in the log:\n${this.lines.join('\n')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}

export interface TokenClaims {
  readonly sub: string;
  readonly [claim: string]: unknown;
}

export class SdkEnv {
  readonly log = new EventLog();
  readonly api: Client;
  private readonly clients: Centrifuge[] = [];

  constructor(
    readonly url: string,
    readonly wsUrl: string,
  ) {
    this.api = new Client({ url, apiKey: API_KEY });
  }

  /** An HS256 token with the test secret; `expiresIn` seconds sets `exp`. */
  async token(claims: TokenClaims, expiresIn?: number): Promise<string> {
    let jwt = new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' });
    if (expiresIn !== undefined) jwt = jwt.setExpirationTime(Math.floor(Date.now() / 1000) + expiresIn);
    return jwt.sign(new TextEncoder().encode(TOKEN_SECRET));
  }

  /** A client named `who` whose events go to the log; not connected yet. */
  client(who: string, options: Partial<Options> = {}): Centrifuge {
    const c = new Centrifuge(this.wsUrl, {
      websocket: WebSocket,
      minReconnectDelay: 300,
      maxReconnectDelay: 600,
      ...options,
    });
    c.on('connected', (ctx) =>
      this.log.add(who, 'connected', { client: ctx.client, transport: ctx.transport, data: ctx.data }),
    );
    c.on('connecting', (ctx) => this.log.add(who, 'connecting', { code: ctx.code, reason: ctx.reason }));
    c.on('disconnected', (ctx) => this.log.add(who, 'disconnected', { code: ctx.code, reason: ctx.reason }));
    c.on('error', (ctx) =>
      this.log.add(who, 'error', { type: ctx.type, code: ctx.error.code, message: ctx.error.message }),
    );
    c.on('subscribed', (ctx) => this.log.add(who, 'server-subscribed', { ...ctx }));
    c.on('unsubscribed', (ctx) => this.log.add(who, 'server-unsubscribed', { ...ctx }));
    c.on('publication', (ctx) => this.log.add(who, 'server-publication', { ...ctx }));
    c.on('join', (ctx) => this.log.add(who, 'server-join', { ...ctx }));
    c.on('leave', (ctx) => this.log.add(who, 'server-leave', { ...ctx }));
    this.clients.push(c);
    return c;
  }

  /** A subscription of client `who` whose events go to the log; not subscribed yet. */
  subscription(c: Centrifuge, who: string, channel: string, options: Partial<SubscriptionOptions> = {}): Subscription {
    const s = c.newSubscription(channel, options);
    const tag = `${who}/${channel}`;
    s.on('subscribed', (ctx) => this.log.add(tag, 'subscribed', { ...ctx }));
    s.on('unsubscribed', (ctx) => this.log.add(tag, 'unsubscribed', { code: ctx.code, reason: ctx.reason }));
    s.on('publication', (ctx) =>
      this.log.add(tag, 'publication', { data: ctx.data, offset: ctx.offset, tags: ctx.tags, info: ctx.info }),
    );
    s.on('join', (ctx) => this.log.add(tag, 'join', { info: ctx.info }));
    s.on('leave', (ctx) => this.log.add(tag, 'leave', { info: ctx.info }));
    s.on('error', (ctx) =>
      this.log.add(tag, 'error', { type: ctx.type, code: ctx.error.code, message: ctx.error.message }),
    );
    return s;
  }

  close(): void {
    for (const c of this.clients) c.disconnect();
    void this.api.close();
  }
}
