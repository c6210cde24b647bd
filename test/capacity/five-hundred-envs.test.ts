import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BASE_USE_OF_SHARD_ONE } from '../../src/capacity/choose-shard';
import { envNeeds } from '../../src/capacity/env-needs';
import { AWS_LIMITS } from '../../src/capacity/aws-limits';
import { placeEnv, shardUse } from '../../src/capacity/place-env';
import { repositoryAddress } from '../../src/env/image-reference';
import { planServices } from '../../src/env/plan-services';
import { envSpec, LoadedEnv, loadEnv } from '../../src/env/prepare-env';
import { synthesize } from '../../src/synth/synthesize';

// 500 stage demo envs placed one after the other on a base with enough shards, each synthesized
// with its shard: no load balancer passes a limit, and every env's rules and DNS records point at
// its own shard (shard 1 through the wildcard record, as before shards existed).
const COUNT = 500;
const SHARDS = 26;

interface StackJson {
  resource: { aws_lb_listener_rule: Record<string, { listener_arn: string }>; aws_route53_record?: Record<string, { name: string; alias: { name: string; zone_id: string } }> };
  output: { shard: { value: number }; urls: { value: string[] } };
}

const outputRef = (name: string, shard: number) =>
  shard === 1 ? `\${data.terraform_remote_state.base_state.outputs.${name}}` : `\${element(data.terraform_remote_state.base_state.outputs.${name}s, ${shard - 1})}`;

it(`places ${COUNT} demo envs within every load balancer limit, and each env's hosts reach its own shard`, () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-500-envs-'));
  const placed: { shard: number; ingress: { listenerRules: number; targetGroups: number } }[] = [];
  const now = new Date('2026-11-22T12:00:00Z');
  for (let i = 0; i < COUNT; i++) {
    const loaded = loadEnv({ tier: 'stage', set: 'demo', selector: { kind: 'branch', branch: `feature/load-${i}` } });
    const env: LoadedEnv = { ...loaded, base: { ...loaded.base, ingress: { shards: SHARDS } } };
    const registry = env.set.registry ?? env.base.registry;
    const images = Object.fromEntries(env.set.services.map((s) => [s.name, 'fixed' in s.image ? s.image.fixed : `${repositoryAddress(registry, s.image.repository)}:t1`]));
    const needs = envNeeds(planServices({ base: env.base, set: env.set, env: env.name, images }));
    const shard = placeEnv({ use: shardUse(SHARDS, placed), needs, shardOneReserved: BASE_USE_OF_SHARD_ONE, baseFile: 'stage/base.ts' });
    placed.push({ shard, ingress: { listenerRules: needs.listenerRules, targetGroups: needs.targetGroups } });

    const [stack] = synthesize([envSpec(env, { images, commit: 'c', createdBy: 't', now, local: false, shard }).spec], out);
    const json = JSON.parse(fs.readFileSync(stack.file, 'utf8')) as StackJson;
    expect(json.output.shard.value).toBe(shard);
    for (const rule of Object.values(json.resource.aws_lb_listener_rule)) expect(rule.listener_arn).toBe(outputRef('https_listener_arn', shard));
    const records = Object.values(json.resource.aws_route53_record ?? {});
    const hosts = json.output.urls.value.map((url) => url.replace('https://', '')).sort();
    if (shard === 1) {
      expect(records).toEqual([]); // the base's *.<domain> record points at shard 1
    } else {
      expect(records.map((r) => r.name).sort()).toEqual(hosts);
      for (const record of records) expect(record.alias).toMatchObject({ name: outputRef('load_balancer_dns_name', shard), zone_id: outputRef('load_balancer_zone_id', shard) });
    }
    fs.rmSync(stack.dir, { recursive: true, force: true });
  }
  for (const use of shardUse(SHARDS, placed)) {
    const base = use.shard === 1 ? BASE_USE_OF_SHARD_ONE : { rules: 0, targetGroups: 0 };
    expect(use.listenerRules + base.rules).toBeLessThanOrEqual(AWS_LIMITS.rulesPerLoadBalancer.value);
    expect(use.targetGroups + base.targetGroups).toBeLessThanOrEqual(AWS_LIMITS.targetGroupsPerLoadBalancer.value);
  }
  expect(new Set(placed.map((p) => p.shard)).size).toBe(SHARDS);
}, 120_000);
