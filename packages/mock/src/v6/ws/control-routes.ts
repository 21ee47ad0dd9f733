/**
 * The websocket controls over the control API (`/_mock/ws/…`), beside the shared routes:
 * list connections, disconnect one with a code, push faults, a connection token for a user.
 */
import type { ControlRoute } from '../../control/control-target.js';
import { MockUsageError } from '../../errors.js';
import type { ActivePushFault, PushFaultSpec } from './push-faults.js';
import type { ConnectionTokenClaims } from './sign-token.js';
import type { WsConnectionInfo } from './transport.js';

/** What the mock offers for websocket connections, in code. */
export interface WsControls {
  wsConnections(): WsConnectionInfo[];
  dropConnection(client: string, code?: number, reason?: string): boolean;
  injectPushFault(spec: PushFaultSpec): ActivePushFault;
  removePushFault(id: number): boolean;
  clearPushFaults(): void;
  pushFaults(): ActivePushFault[];
  connectionToken(user: string, claims?: ConnectionTokenClaims): Promise<string>;
}

const object = (v: unknown, what: string): Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new MockUsageError('invalid_body', `the body is ${what}`);
  return v as Record<string, unknown>;
};

export function wsControlRoutes(ws: WsControls): ControlRoute[] {
  return [
    {
      method: 'GET',
      path: /^\/ws\/connections$/,
      describe: 'GET /_mock/ws/connections: the websocket connections',
      handle: () => ({ connections: ws.wsConnections() }),
    },
    {
      method: 'POST',
      path: /^\/ws\/connections\/([^/]+)\/disconnect$/,
      describe:
        'POST /_mock/ws/connections/<client id>/disconnect {code?, reason?}: close one (default 3503 force disconnect)',
      handle: async (m, body) => {
        const b = object((await body()) ?? {}, '{"code"?: 3000-4999, "reason"?: string}');
        const client = decodeURIComponent(m[1] as string);
        if (
          !ws.dropConnection(
            client,
            (b['code'] as number | undefined) ?? 3503,
            (b['reason'] as string | undefined) ?? 'force disconnect',
          )
        )
          throw new MockUsageError('unknown_connection', `no websocket connection ${JSON.stringify(client)}`);
        return { disconnected: client };
      },
    },
    {
      method: 'GET',
      path: /^\/ws\/faults$/,
      describe: 'GET /_mock/ws/faults: the push faults',
      handle: () => ({ faults: ws.pushFaults() }),
    },
    {
      method: 'POST',
      path: /^\/ws\/faults$/,
      status: 201,
      describe: 'POST /_mock/ws/faults {type: delay|drop, ms?, channel?, client?, times?}: delay or drop pushes',
      handle: async (_m, body) => ws.injectPushFault((await body()) as PushFaultSpec),
    },
    {
      method: 'DELETE',
      path: /^\/ws\/faults$/,
      describe: 'DELETE /_mock/ws/faults: remove every push fault',
      handle: () => {
        ws.clearPushFaults();
        return { ok: true };
      },
    },
    {
      method: 'DELETE',
      path: /^\/ws\/faults\/(\d+)$/,
      describe: 'DELETE /_mock/ws/faults/<id>: remove one push fault',
      handle: (m) => {
        if (!ws.removePushFault(Number(m[1])))
          throw new MockUsageError('unknown_fault', `no push fault ${m[1] as string}`);
        return { removed: true };
      },
    },
    {
      method: 'POST',
      path: /^\/ws\/token$/,
      describe:
        'POST /_mock/ws/token {user, expiresIn?, ...claims}: a connection token signed with client.token.hmac_secret_key',
      handle: async (_m, body) => {
        const { user, ...claims } = object(await body(), '{"user": string, ...claims}');
        return { token: await ws.connectionToken(user as string, claims) };
      },
    },
  ];
}
