/**
 * Routing one decoded command (centrifuge client.go dispatchCommand), in the server's order:
 * before connect only `connect` is accepted (else 3501); a command with id 0 and no `send` is
 * a pong (3501 when no ping is waiting for one); any other command needs an id and a method
 * (else 3501); a `ping` request beside a method is 108; then the method's handler.
 */
import { DISCONNECT, ERR, drop, fail, type Outcome } from './codes.js';
import { methodOf, type Command } from './command.js';
import { connect } from './connect.js';
import { history, presence, presenceStats, publish, refresh, rpc, send, subRefresh, unsubscribe } from './commands.js';
import type { ClientSession } from './session.js';
import { subscribe } from './subscribe.js';

export async function dispatch(s: ClientSession, cmd: Command): Promise<Outcome> {
  const connected = s.connection !== undefined;
  if (!connected && cmd.connect === undefined) return drop(DISCONNECT.badRequest);
  if (cmd.id === 0 && cmd.send === undefined) {
    if (!s.pingOutstanding) return drop(DISCONNECT.badRequest);
    s.pingOutstanding = false;
    return undefined;
  }
  const method = methodOf(cmd);
  if (method === undefined) return drop(DISCONNECT.badRequest);
  if (method !== 'connect' && cmd.ping !== undefined) return fail(ERR.notAvailable);
  switch (method) {
    case 'connect':
      return connect(s, cmd.id, cmd.connect as NonNullable<Command['connect']>);
    case 'subscribe':
      return subscribe(s, cmd.id, cmd.subscribe as NonNullable<Command['subscribe']>);
    case 'unsubscribe':
      return unsubscribe(s, cmd.id, (cmd.unsubscribe as NonNullable<Command['unsubscribe']>).channel);
    case 'publish':
      return publish(s, cmd.id, cmd.publish as NonNullable<Command['publish']>);
    case 'presence':
      return presence(s, cmd.id, (cmd.presence as NonNullable<Command['presence']>).channel);
    case 'presence_stats':
      return presenceStats(s, cmd.id, (cmd.presence_stats as NonNullable<Command['presence_stats']>).channel);
    case 'history':
      return history(s, cmd.id, cmd.history as NonNullable<Command['history']>);
    case 'rpc':
      return rpc();
    case 'send':
      return send();
    case 'refresh':
      return refresh(s, cmd.id, (cmd.refresh as NonNullable<Command['refresh']>).token);
    case 'sub_refresh':
      return subRefresh(s, cmd.id, cmd.sub_refresh as NonNullable<Command['sub_refresh']>);
  }
}
