/**
 * Monitoring configuration as code: Prometheus' configuration, Grafana's provisioning and
 * dashboard, the Cloud Map discovery script and the host's start-up script, all rendered from the
 * Handlebars templates in src/templates/monitoring. Pure: the same definition gives the same files.
 */
import { ENVOY_PORTS } from '../definitions/reserved';
import { renderTemplate } from '../templates/render-template';

export interface MonitoringRenderInput {
  readonly tier: string;
  readonly region: string;
  readonly vpcName: string;
  /** ECS cluster whose tasks' Envoy sidecars are scraped. */
  readonly clusterName: string;
  /** Host name Grafana answers at: `grafana.<domain>`. */
  readonly grafanaHost: string;
  /** Secrets Manager secret holding Grafana's admin password (filled at first boot). */
  readonly grafanaSecretName: string;
  readonly retentionDays: number;
  /** @default 15 */
  readonly scrapeIntervalSeconds?: number;
  /** @default 30 */
  readonly discoveryIntervalSeconds?: number;
  /** Device name of the data volume as attached. */
  readonly dataDevice: string;
  readonly prometheusImage: string;
  readonly grafanaImage: string;
  /**
   * Folder of Prometheus' file discovery targets on the host.
   * @default '/etc/branchenv/targets'
   */
  readonly targetsDir?: string;
  /**
   * Folder of the files that hand secrets to containers (Grafana's admin password), root only.
   * @default '/etc/branchenv/secrets'
   */
  readonly secretsDir?: string;
}

/** Where each rendered file lands on the host. */
export const HOST_PATHS = {
  'prometheus.yml': '/etc/branchenv/prometheus.yml',
  'grafana/provisioning/datasources/prometheus.yml': '/etc/branchenv/grafana/provisioning/datasources/prometheus.yml',
  'grafana/provisioning/dashboards/branchenv.yml': '/etc/branchenv/grafana/provisioning/dashboards/branchenv.yml',
  'grafana/dashboards/envoy.json': '/etc/branchenv/grafana/dashboards/envoy.json',
  'discover-envoy-targets.sh': '/usr/local/bin/discover-envoy-targets.sh',
} as const;

export type MonitoringFile = keyof typeof HOST_PATHS | 'start-up.sh';

const TARGETS_DIR = '/etc/branchenv/targets';
const SECRETS_DIR = '/etc/branchenv/secrets';

function render(name: string, context: object): string {
  return renderTemplate(`monitoring/${name}`, context);
}

/** Every file, by its name in `env render monitoring --out <dir>`. */
export function renderMonitoring(input: MonitoringRenderInput): Record<MonitoringFile, string> {
  const context = {
    ...input,
    scrapeIntervalSeconds: input.scrapeIntervalSeconds ?? 15,
    discoveryIntervalSeconds: input.discoveryIntervalSeconds ?? 30,
    targetsDir: input.targetsDir ?? TARGETS_DIR,
    secretsDir: input.secretsDir ?? SECRETS_DIR,
    metricsPort: ENVOY_PORTS.metrics,
    quantiles: [
      { refId: 'A', label: '50', value: '0.5' },
      { refId: 'B', label: '95', value: '0.95' },
      { refId: 'C', label: '99', value: '0.99' },
    ],
  };
  const files = {
    'prometheus.yml': render('prometheus.yml.hbs', context),
    'grafana/provisioning/datasources/prometheus.yml': render('grafana-datasources.yml.hbs', context),
    'grafana/provisioning/dashboards/branchenv.yml': render('grafana-dashboards.yml.hbs', context),
    'grafana/dashboards/envoy.json': render('envoy-dashboard.json.hbs', context),
    'discover-envoy-targets.sh': render('discover-envoy-targets.sh.hbs', context),
  };
  const startUp = render('start-up.sh.hbs', {
    ...context,
    files: (Object.keys(HOST_PATHS) as (keyof typeof HOST_PATHS)[]).map((name) => ({ path: HOST_PATHS[name], content: files[name].trimEnd() })),
  });
  return { ...files, 'start-up.sh': startUp };
}
