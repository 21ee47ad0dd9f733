/**
 * The node's 74 metrics (names and order as Centrifugo 1.8.0 emits them, Go sorts map keys).
 * `node` shows live values; `stats` shows the snapshot taken at the last
 * `node_metrics_interval` boundary, so during the first interval every value is 0.
 */
const PERCENTILES = ['50%ile', '90%ile', '99%ile', '99.99%ile', 'max', 'mean', 'min'] as const;

function timer(prefix: string): string[] {
  return [`${prefix}_count`, ...PERCENTILES.map((p) => `${prefix}_microseconds_${p}`)];
}

export const METRIC_NAMES: readonly string[] = [
  ...timer('client_api_15'),
  ...timer('client_api_1'),
  'client_api_num_requests',
  'client_bytes_in',
  'client_bytes_out',
  'client_num_connect',
  'client_num_msg_published',
  'client_num_msg_queued',
  'client_num_msg_sent',
  'client_num_subscribe',
  ...timer('http_api_15'),
  ...timer('http_api_1'),
  'http_api_num_requests',
  'http_raw_ws_num_requests',
  'http_sockjs_num_requests',
  'node_cpu_usage',
  'node_memory_heap_alloc',
  'node_memory_heap_sys',
  'node_memory_stack_inuse',
  'node_memory_sys',
  'node_num_add_client_conn',
  'node_num_add_client_sub',
  'node_num_add_presence',
  'node_num_admin_msg_published',
  'node_num_admin_msg_received',
  'node_num_channels',
  'node_num_client_msg_published',
  'node_num_client_msg_received',
  'node_num_clients',
  'node_num_control_msg_published',
  'node_num_control_msg_received',
  'node_num_goroutine',
  'node_num_history',
  'node_num_join_msg_published',
  'node_num_join_msg_received',
  'node_num_last_message_id',
  'node_num_leave_msg_published',
  'node_num_leave_msg_received',
  'node_num_presence',
  'node_num_remove_client_conn',
  'node_num_remove_client_sub',
  'node_num_remove_presence',
  'node_num_unique_clients',
  'node_rusage_stime',
  'node_rusage_utime',
  'node_uptime_seconds',
].sort();

export type MetricName = string;

/** Values the node computes from its state at the moment of reading. */
export interface LiveGauges {
  readonly clients: number;
  readonly uniqueClients: number;
  readonly channels: number;
  readonly uptimeSeconds: number;
}

export class Metrics {
  // A Map of cells: one lookup per inc (a dictionary-mode object made every inc a megamorphic
  // keyed load and store; a Map of numbers needs a get and a set).
  private readonly counters = new Map<string, { value: number }>();
  private snapshotValues: Readonly<Record<string, number>> | undefined;
  private snapshotIndex = 0;

  inc(name: MetricName, by = 1): void {
    const cell = this.counters.get(name);
    if (cell === undefined) this.counters.set(name, { value: by });
    else cell.value += by;
  }

  get(name: MetricName): number {
    return this.counters.get(name)?.value ?? 0;
  }

  live(gauges: LiveGauges): Record<string, number> {
    const out: Record<string, number> = {};
    for (const name of METRIC_NAMES) out[name] = this.counters.get(name)?.value ?? 0;
    const requests = out['http_api_num_requests'] ?? 0;
    out['http_api_1_count'] = requests;
    out['http_api_15_count'] = requests;
    out['node_num_clients'] = gauges.clients;
    out['node_num_unique_clients'] = gauges.uniqueClients;
    out['node_num_channels'] = gauges.channels;
    out['node_uptime_seconds'] = gauges.uptimeSeconds;
    out['node_num_goroutine'] = 1;
    const mem = process.memoryUsage();
    out['node_memory_heap_alloc'] = mem.heapUsed;
    out['node_memory_heap_sys'] = mem.heapTotal;
    out['node_memory_sys'] = mem.rss;
    return out;
  }

  /** The snapshot for `stats`: refreshed once per elapsed interval, all zeros before the first. */
  snapshot(elapsedMs: number, intervalSeconds: number, gauges: LiveGauges): Readonly<Record<string, number>> {
    const index = Math.floor(elapsedMs / (intervalSeconds * 1000));
    if (index > this.snapshotIndex || this.snapshotValues === undefined) {
      if (index > this.snapshotIndex) this.snapshotValues = this.live(gauges);
      else this.snapshotValues = Object.fromEntries(METRIC_NAMES.map((n) => [n, 0]));
      this.snapshotIndex = index;
    }
    return this.snapshotValues;
  }

  reset(): void {
    this.counters.clear();
  }
}
