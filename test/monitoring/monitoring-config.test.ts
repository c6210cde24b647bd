import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { TIERS } from '../../src/definitions/base-definition';
import { loadBase } from '../../src/definitions/tiers';
import { planServices } from '../../src/env/plan-services';
import { emittedMetrics } from '../../src/monitoring/envoy-metrics';
import { monitoringRenderInput } from '../../src/monitoring/monitoring-settings';
import { renderMonitoring } from '../../src/monitoring/render-monitoring';
import { demoEnv } from '../helpers/demo-env';
import { runEnvScript } from '../helpers/env-script';


describe.each(TIERS)('the rendered monitoring of %s', (tier) => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), `branchenv-render-${tier}-`));
  const result = runEnvScript(['render', 'monitoring', '--tier', tier, '--out', out]);
  const read = (name: string) => fs.readFileSync(path.join(out, name), 'utf8');

  it('is written by `env render monitoring`', () => {
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n').map((f) => path.relative(out, f)).sort()).toEqual([
      'discover-envoy-targets.sh',
      'grafana/dashboards/envoy.json',
      'grafana/provisioning/dashboards/branchenv.yml',
      'grafana/provisioning/datasources/prometheus.yml',
      'prometheus.yml',
      'start-up.sh',
    ]);
  });

  it('is a Prometheus configuration that promtool accepts', () => {
    const check = spawnSync('promtool', ['check', 'config', path.join(out, 'prometheus.yml')], { encoding: 'utf8' });
    expect(check.stdout + check.stderr).toMatch(/SUCCESS/);
    expect(check.status).toBe(0);
  });

  it('scrapes Envoy from Cloud Map discovery and EC2 instances tagged Prometheus=true on 9100', () => {
    const config = parse(read('prometheus.yml')) as { scrape_configs: Record<string, unknown>[] };
    const job = (name: string) => config.scrape_configs.find((j) => j.job_name === name)!;
    expect(job('envoy')).toEqual(expect.objectContaining({ metrics_path: '/stats/prometheus', honor_labels: true }));
    expect(job('node').ec2_sd_configs).toEqual([
      expect.objectContaining({ port: 9100, filters: expect.arrayContaining([{ name: 'tag:Prometheus', values: ['true'] }]) }),
    ]);
  });

  it('provisions Grafana with the Prometheus data source and the dashboard folder', () => {
    const datasources = parse(read('grafana/provisioning/datasources/prometheus.yml')) as { datasources: Record<string, unknown>[] };
    expect(datasources.datasources).toEqual([expect.objectContaining({ uid: 'prometheus', type: 'prometheus', url: 'http://prometheus:9090', isDefault: true })]);
    const providers = parse(read('grafana/provisioning/dashboards/branchenv.yml')) as { providers: { options: { path: string } }[] };
    expect(providers.providers[0].options.path).toBe('/var/lib/grafana/dashboards');
  });

  it('has a dashboard with set, env and service variables and a row repeated per env', () => {
    const dashboard = JSON.parse(read('grafana/dashboards/envoy.json')) as { templating: { list: { name: string }[] }; panels: { type: string; repeat?: string; title: string }[] };
    expect(dashboard.templating.list.map((v) => v.name)).toEqual(['set', 'env', 'service']);
    expect(dashboard.panels[0]).toEqual(expect.objectContaining({ type: 'row', repeat: 'env' }));
    expect(dashboard.panels.map((p) => p.title)).toEqual(
      expect.arrayContaining(['Requests per second', 'Errors: 4xx and 5xx per second', 'Latency p50 / p95 / p99', 'Healthy upstream hosts (called services)']),
    );
  });

  it('keeps Grafana`s password out of everything rendered: it is generated into Secrets Manager at boot', () => {
    const startUp = read('start-up.sh');
    expect(startUp).toContain(`aws secretsmanager get-random-password`);
    expect(startUp).toContain(`GF_AUTH_ANONYMOUS_ENABLED=false`);
    expect(startUp).not.toMatch(/GF_SECURITY_ADMIN_PASSWORD=[^"$]/);
    expect(execFileSync('bash', ['-n', path.join(out, 'start-up.sh')]).toString()).toBe('');
  });
});

/** Metric names and label matchers of a PromQL expression. */
function selectors(expr: string): { metric: string; matchers: [string, string][] }[] {
  return [...expr.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\{([^}]*)\}/g)].map((m) => ({
    metric: m[1],
    matchers: [...m[2].matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"([^"]*)"/g)].map((x) => [x[1], x[3]] as [string, string]),
  }));
}

describe('the dashboard against the Envoy bootstrap', () => {
  const env = demoEnv('stage');
  const planned = planServices({ base: env.base, set: env.set, env: env.identity.name, images: env.images });
  const web = planned.find((p) => p.definition.name === 'web')!;
  const emitted = emittedMetrics(web.envoyBootstrap);
  const dashboard = JSON.parse(renderMonitoring(monitoringRenderInput(loadBase('stage')))['grafana/dashboards/envoy.json']) as {
    panels: { targets?: { expr: string }[] }[];
    templating: { list: { query: { query: string } }[] };
  };
  const exprs = [...dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr)), ...dashboard.templating.list.map((v) => v.query.query)];

  it('queries only metrics Envoy emits for this bootstrap, with labels those metrics carry', () => {
    const used = exprs.flatMap(selectors);
    expect(used.length).toBeGreaterThan(10);
    for (const { metric, matchers } of used) {
      const known = emitted.get(metric);
      expect({ metric, known: known !== undefined }).toEqual({ metric, known: true });
      for (const [label, value] of matchers) {
        expect({ metric, label, carried: known!.labels.has(label) }).toEqual({ metric, label, carried: true });
        const allowed = known!.values[label];
        if (allowed && !value.includes('|') && !value.startsWith('$')) expect(allowed.has(value)).toBe(true);
      }
    }
  });

  it('filters by the env, service and set labels that the bootstrap fixes on every stat', () => {
    const labels = new Set(exprs.flatMap(selectors).flatMap((s) => s.matchers.map(([l]) => l)));
    for (const tag of ['env', 'service', 'set']) expect(labels.has(tag)).toBe(true);
    expect(emitted.get('envoy_http_downstream_rq_total')!.labels).toEqual(new Set(['env', 'service', 'set', 'envoy_http_conn_manager_prefix']));
  });
});

describe('discovery of Envoy targets', () => {
  // The discovery script with a stand-in `aws` that answers like ECS for the cluster's running tasks.
  function discover(tasks: [group: string, ip: string][]): unknown {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-discover-'));
    const script = renderMonitoring({ ...monitoringRenderInput(loadBase('stage')), targetsDir: dir })['discover-envoy-targets.sh'];
    fs.writeFileSync(path.join(dir, 'discover.sh'), script, { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'tasks.tsv'), tasks.map(([group, ip]) => `${group}\t${ip}\n`).join(''));
    const fakeAws = [
      '#!/bin/bash',
      'case "$2" in',
      `  list-tasks) printf '${tasks.map((_, i) => `arn:task/${i}\t`).join('')}\n' ;;`,
      `  describe-tasks) cat ${path.join(dir, 'tasks.tsv')} ;;`,
      'esac',
    ].join('\n');
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.writeFileSync(path.join(dir, 'bin', 'aws'), fakeAws, { mode: 0o755 });
    execFileSync('bash', [path.join(dir, 'discover.sh')], { env: { ...process.env, PATH: `${path.join(dir, 'bin')}:${process.env.PATH}` } });
    return JSON.parse(fs.readFileSync(path.join(dir, 'envoy.json'), 'utf8'));
  }

  it('scrapes a new env`s sidecars, labelled service, set and env from the ECS service name', () => {
    expect(
      discover([
        ['service:demo-feature-x--web', '10.20.2.7'],
        ['service:demo-feature-x--web', '10.20.1.5'],
        ['service:demo-feature-login-28bb00--api', '10.20.3.9'],
      ]),
    ).toEqual([
      { targets: ['10.20.3.9:9902'], labels: { service: 'api', set: 'demo', env: 'feature-login-28bb00' } },
      { targets: ['10.20.1.5:9902', '10.20.2.7:9902'], labels: { service: 'web', set: 'demo', env: 'feature-x' } },
    ]);
  });

  it('stops scraping a dropped env, and ignores tasks that are not branch env services', () => {
    expect(discover([['service:demo-other--api', '10.20.3.9'], ['family:some-batch-job', '10.20.4.4']])).toEqual([
      { targets: ['10.20.3.9:9902'], labels: { service: 'api', set: 'demo', env: 'other' } },
    ]);
    expect(discover([])).toEqual([]);
  });
});
