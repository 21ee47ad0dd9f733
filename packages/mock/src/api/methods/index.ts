/**
 * Method name → behaviour. Typed over the protocol's `MethodName`, so a method added to the
 * protocol table without a handler here does not compile.
 */
import type { MethodName } from '../../protocol.js';
import type { MethodHandler } from '../types.js';
import { broadcast } from './broadcast.js';
import { channels } from './channels.js';
import { disconnect } from './disconnect.js';
import { history } from './history.js';
import { node, stats } from './node-info.js';
import { presence } from './presence.js';
import { publish } from './publish.js';
import { unsubscribe } from './unsubscribe.js';

export const handlers: { readonly [M in MethodName]: MethodHandler } = {
  publish,
  broadcast,
  unsubscribe,
  disconnect,
  presence,
  history,
  channels,
  stats,
  node,
};
