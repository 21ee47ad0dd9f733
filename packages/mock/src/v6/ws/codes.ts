/**
 * The client protocol's reply errors and disconnects (centrifuge errors.go, disconnect.go,
 * unsubscribe.go) that the mock sends, with the server's exact texts. Disconnects travel in
 * websocket close frames (code and reason); errors in replies.
 */
export interface ReplyError {
  readonly code: number;
  readonly message: string;
  readonly temporary?: true;
}

export const ERR = {
  internal: { code: 100, message: 'internal server error', temporary: true },
  unknownChannel: { code: 102, message: 'unknown channel' },
  permissionDenied: { code: 103, message: 'permission denied' },
  alreadySubscribed: { code: 105, message: 'already subscribed' },
  limitExceeded: { code: 106, message: 'limit exceeded' },
  badRequest: { code: 107, message: 'bad request' },
  notAvailable: { code: 108, message: 'not available' },
  tokenExpired: { code: 109, message: 'token expired' },
  expired: { code: 110, message: 'expired' },
  unrecoverablePosition: { code: 112, message: 'unrecoverable position' },
} as const satisfies Record<string, ReplyError>;

export interface Disconnect {
  readonly code: number;
  readonly reason: string;
}

export const DISCONNECT = {
  /** The client went away: nothing is sent. */
  connectionClosed: { code: 3000, reason: 'connection closed' },
  /** The server is going away (restart): the SDK reconnects. */
  shutdown: { code: 3001, reason: 'shutdown' },
  serverError: { code: 3004, reason: 'internal server error' },
  expired: { code: 3005, reason: 'connection expired' },
  slow: { code: 3008, reason: 'slow' },
  noPong: { code: 3012, reason: 'no pong' },
  invalidToken: { code: 3500, reason: 'invalid token' },
  badRequest: { code: 3501, reason: 'bad request' },
  stale: { code: 3502, reason: 'stale' },
  forceDisconnect: { code: 3503, reason: 'force disconnect' },
  connectionLimit: { code: 3504, reason: 'connection limit' },
  channelLimit: { code: 3505, reason: 'channel limit' },
  inappropriateProtocol: { code: 3506, reason: 'inappropriate protocol' },
  permissionDenied: { code: 3507, reason: 'permission denied' },
  notAvailable: { code: 3508, reason: 'not available' },
} as const satisfies Record<string, Disconnect>;

export const UNSUBSCRIBE_EXPIRED = { code: 2501, reason: 'subscription expired' } as const;

/** What a command handler ends with: nothing more (the reply was written), an error reply, or a disconnect. */
export type Outcome = undefined | { readonly error: ReplyError } | { readonly disconnect: Disconnect };

export const fail = (error: ReplyError): Outcome => ({ error });
export const drop = (disconnect: Disconnect): Outcome => ({ disconnect });
