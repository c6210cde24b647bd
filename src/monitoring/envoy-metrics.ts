/**
 * The Prometheus series an Envoy bootstrap makes Envoy emit, as Envoy names them on
 * /stats/prometheus: its default tag extraction turns `http.<stat_prefix>.downstream_rq_2xx` into
 * `envoy_http_downstream_rq_xx{envoy_http_conn_manager_prefix="<stat_prefix>", envoy_response_code_class="2"}`
 * and `cluster.<name>.membership_healthy` into `envoy_cluster_membership_healthy{envoy_cluster_name="<name>"}`;
 * every fixed stats tag (env, service, set) becomes a label of every series.
 */
import { parse } from 'yaml';

export interface EmittedMetric {
  /** Labels the series carry. */
  readonly labels: ReadonlySet<string>;
  /** Allowed values of the labels that name a listener or cluster. */
  readonly values: Readonly<Record<string, ReadonlySet<string>>>;
}

/** Per connection manager (by stat_prefix): what Envoy counts for every HTTP listener. */
const HCM_STATS = ['downstream_rq_total', 'downstream_rq_xx', 'downstream_rq_time_bucket', 'downstream_rq_time_sum', 'downstream_rq_time_count', 'downstream_cx_active', 'downstream_rq_active'];
/** Per cluster: what Envoy counts for every upstream. */
const CLUSTER_STATS = [
  'upstream_rq_total', 'upstream_rq_xx', 'upstream_rq_time_bucket', 'upstream_rq_time_sum', 'upstream_rq_time_count',
  'membership_healthy', 'membership_total', 'upstream_cx_active', 'upstream_cx_connect_fail',
];

interface Bootstrap {
  stats_config?: { stats_tags?: { tag_name: string; fixed_value?: string }[] };
  static_resources?: {
    listeners?: { filter_chains?: { filters?: { typed_config?: { stat_prefix?: string } }[] }[] }[];
    clusters?: { name: string }[];
  };
}

export function emittedMetrics(bootstrapYaml: string): Map<string, EmittedMetric> {
  const bootstrap = parse(bootstrapYaml) as Bootstrap;
  const fixed = (bootstrap.stats_config?.stats_tags ?? []).filter((t) => t.fixed_value !== undefined).map((t) => t.tag_name);
  const prefixes = new Set(
    (bootstrap.static_resources?.listeners ?? []).flatMap((l) => (l.filter_chains ?? []).flatMap((c) => (c.filters ?? []).map((f) => f.typed_config?.stat_prefix))).filter((p): p is string => !!p),
  );
  const clusters = new Set((bootstrap.static_resources?.clusters ?? []).map((c) => c.name));
  const metrics = new Map<string, EmittedMetric>();
  for (const stat of HCM_STATS) {
    const labels = new Set([...fixed, 'envoy_http_conn_manager_prefix', ...(stat.endsWith('_xx') ? ['envoy_response_code_class'] : []), ...(stat.endsWith('_bucket') ? ['le'] : [])]);
    metrics.set(`envoy_http_${stat}`, { labels, values: { envoy_http_conn_manager_prefix: prefixes, envoy_response_code_class: new Set(['1', '2', '3', '4', '5']) } });
  }
  for (const stat of CLUSTER_STATS) {
    const labels = new Set([...fixed, 'envoy_cluster_name', ...(stat.endsWith('_xx') ? ['envoy_response_code_class'] : []), ...(stat.endsWith('_bucket') ? ['le'] : [])]);
    metrics.set(`envoy_cluster_${stat}`, { labels, values: { envoy_cluster_name: clusters, envoy_response_code_class: new Set(['1', '2', '3', '4', '5']) } });
  }
  return metrics;
}
