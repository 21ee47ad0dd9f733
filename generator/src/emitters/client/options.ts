/** The client emitter's options (the config's `emitters.client.options`). */
export interface ClientOptions {
  /** The module exporting `MethodTypes`, every params and result type and, for numbered errors, `ErrorCode` (default: the protocol-table and types outputs). */
  readonly typesModule?: string;
  /** The module exporting the client runtime (default: `@centkit/client`, or `@centkit/client/v6` for a params/envelope transport). */
  readonly runtime?: string;
  /** Instead of `runtime`: the folder of the runtime's own modules, relative to the output. */
  readonly runtimeDir?: string;
  /**
   * The module exporting the protocol's `validate(method, kind, value)`, which a params/envelope
   * client imports on first use for `validateReplies`/`validateParams: true` (default: none, and
   * those options then need your own function).
   */
  readonly validatorsModule?: string;
}
