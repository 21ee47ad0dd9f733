// @centkit/client/v6/tokens: connection and subscription JWTs for Centrifugo v6 (loads `jose`,
// which neither the 1.x client nor the v6 API client loads).

export { createConnectionToken, createSubscriptionToken } from './sign.js';
export type { TokenAlgorithm, TokenKey } from './sign.js';
export type {
  BoolValue,
  CommonClaims,
  ConnectionTokenClaims,
  SubscribeOptions,
  SubscribeOverride,
  SubscriptionTokenClaims,
} from './claims.js';
