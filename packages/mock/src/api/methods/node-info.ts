/**
 * stats and node (`api.go:422-433`, `node.go:293-309`): never read params. NodeInfo is
 * `{uid, version, name, started_at, metrics}`; `stats` shows metric snapshots, `node` live ones.
 */
import { goQuote } from '../../json/go-quote.js';
import { METRIC_NAMES } from '../../state/metrics.js';
import type { MockNode } from '../../state/node.js';
import { reply, type MethodHandler } from '../types.js';

export const VERSION = '1.8.0';

export const stats: MethodHandler = (ctx) => {
  const n = ctx.node;
  const metrics = n.metrics.snapshot(n.clock.now() - n.startedAt, n.config.nodeMetricsInterval, n.gauges());
  return reply(`{"data":{"nodes":[${nodeInfo(n, metrics)}],"metrics_interval":${n.config.nodeMetricsInterval}}}`, []);
};

export const node: MethodHandler = (ctx) =>
  reply(`{"data":${nodeInfo(ctx.node, ctx.node.metrics.live(ctx.node.gauges()))}}`, []);

function nodeInfo(n: MockNode, metrics: Readonly<Record<string, number>>): string {
  const values = METRIC_NAMES.map((k) => `${goQuote(k)}:${Math.trunc(metrics[k] ?? 0)}`).join(',');
  const startedAt = Math.floor(n.startedAt / 1000);
  return `{"uid":${goQuote(n.uid)},"version":"${VERSION}","name":${goQuote(n.name)},"started_at":${startedAt},"metrics":{${values}}}`;
}
