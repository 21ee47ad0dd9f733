/** Channel options as Centrifugo 1.x names them (top level and per namespace). */
export interface ChannelOptions {
  readonly watch: boolean;
  readonly publish: boolean;
  readonly anonymous: boolean;
  readonly presence: boolean;
  readonly join_leave: boolean;
  readonly history_size: number;
  readonly history_lifetime: number;
  readonly recover: boolean;
  readonly history_drop_inactive: boolean;
}

export interface NamespaceInput extends Partial<ChannelOptions> {
  readonly name: string;
}

/**
 * A Centrifugo 1.x config file's content (the keys the API honours; others are accepted and
 * ignored, as Centrifugo does).
 */
export interface CentrifugoConfig extends Partial<ChannelOptions> {
  readonly secret?: string;
  readonly insecure_api?: boolean;
  readonly insecure?: boolean;
  readonly name?: string;
  readonly namespaces?: readonly NamespaceInput[];
  readonly node_metrics_interval?: number;
  readonly private_channel_prefix?: string;
  readonly namespace_channel_boundary?: string;
  readonly user_channel_boundary?: string;
  readonly user_channel_separator?: string;
  readonly client_channel_boundary?: string;
  readonly http_prefix?: string;
  readonly redis_prefix?: string;
  readonly redis_api?: boolean;
  readonly redis_api_num_shards?: number;
  readonly redis_url?: string;
  readonly [key: string]: unknown;
}

/** The config after defaults and checks: what the running mock uses. */
export interface ResolvedConfig {
  readonly secret: string;
  readonly insecureApi: boolean;
  /** Client-side insecure mode: here, anonymous fake clients may subscribe anywhere. */
  readonly insecure: boolean;
  /** `name` option; undefined means `<hostname>_<port>`. */
  readonly name: string | undefined;
  readonly channelOptions: ChannelOptions;
  readonly namespaces: ReadonlyMap<string, ChannelOptions>;
  readonly nodeMetricsInterval: number;
  readonly privateChannelPrefix: string;
  readonly namespaceChannelBoundary: string;
  readonly userChannelBoundary: string;
  readonly userChannelSeparator: string;
  readonly clientChannelBoundary: string;
  readonly httpPrefix: string;
  readonly redisPrefix: string;
  readonly redisApi: boolean;
  readonly redisApiNumShards: number;
  readonly redisUrl: string | undefined;
}
