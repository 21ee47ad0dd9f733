/**
 * The v6 mock's websocket client protocol (JSON): `WebsocketTransport` takes the requests and
 * upgrades of `/connection/websocket`, speaks the protocol over the engine's connection registry,
 * and gives the controls (connections, drop, push faults).
 */
export { WebsocketTransport } from './transport.js';
export type { WsConnectionInfo } from './transport.js';
export { readWsConfig } from './config.js';
export type { WsConfig } from './config.js';
export type { ActivePushFault, PushFaultSpec } from './push-faults.js';
export { DISCONNECT } from './codes.js';
export type { Disconnect } from './codes.js';
