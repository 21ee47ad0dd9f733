/** Centrifugo v6's configuration as the mock uses it: the keys that shape the server API. */

/** The config file's content: Centrifugo v6's own keys (JSON, YAML or TOML). */
export type CentrifugoV6Config = { readonly [key: string]: unknown };

export type PublicationDataFormat = '' | 'json' | 'json_object' | 'binary';
export type SubscriptionType = '' | 'stream' | 'map' | 'map_clients' | 'map_users' | 'shared_poll';
export type MapMode = '' | 'ephemeral' | 'recoverable' | 'persistent';

export interface MapOptions {
  readonly mode: MapMode;
  /** Durations in nanoseconds, as Go keeps them. */
  readonly keyTtl: bigint;
  readonly streamSize: number;
  readonly streamTtl: bigint;
  readonly metaTtl: bigint;
  readonly clientKey: string;
}

export interface SharedPollOptions {
  readonly mode: string;
  readonly publishEnabled: boolean;
  readonly proxyName: string;
}

/** `channel.without_namespace` and each `channel.namespaces[]` item (the options the mock acts on). */
export interface ChannelOptions {
  readonly presence: boolean;
  readonly joinLeave: boolean;
  readonly forcePushJoinLeave: boolean;
  readonly historySize: number;
  readonly historyTtl: bigint;
  readonly historyMetaTtl: bigint;
  readonly forcePositioning: boolean;
  readonly allowPositioning: boolean;
  readonly forceRecovery: boolean;
  readonly allowRecovery: boolean;
  readonly forceRecoveryMode: string;
  readonly autoCacheRecover: boolean;
  readonly allowedDeltaTypes: readonly string[];
  readonly deltaPublish: boolean;
  readonly channelRegex: string;
  readonly publicationDataFormat: string;
  readonly subscriptionType: string;
  readonly map: MapOptions;
  readonly sharedPoll: SharedPollOptions;
  /** The `allow_*` permission flags of the client protocol, by key. */
  readonly allow: Readonly<Record<string, boolean>>;
}

export interface ResolvedConfigV6 {
  readonly httpServer: { readonly address: string; readonly port: number };
  readonly httpApi: {
    readonly key: string;
    readonly insecure: boolean;
    readonly errorMode: string;
    readonly handlerPrefix: string;
  };
  readonly health: { readonly enabled: boolean; readonly handlerPrefix: string };
  readonly client: {
    readonly tokenHmacSecretKey: string;
    readonly allowAnonymousConnectWithoutToken: boolean;
    readonly insecure: boolean;
    readonly channelLimit: number;
    readonly pingInterval: bigint;
    readonly pongTimeout: bigint;
  };
  readonly channel: {
    readonly privatePrefix: string;
    readonly namespaceBoundary: string;
    readonly historyMetaTtl: bigint;
    readonly publicationDataFormat: string;
    readonly withoutNamespace: ChannelOptions;
    /** In config order. */
    readonly namespaces: ReadonlyMap<string, ChannelOptions>;
  };
  readonly node: { readonly name: string };
  readonly sharedPoll: { readonly hmacSecretKey: string };
}

/** What the server logs at start-up (warn level and above), as `startup.jsonl` records it (`time` removed). */
export interface StartupLogRecord {
  readonly level: 'warn' | 'error' | 'fatal';
  readonly message: string;
  readonly [field: string]: string;
}
