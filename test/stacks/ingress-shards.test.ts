import { App } from 'cdktf';
import { BaseDefinition } from '../../src/definitions/base-definition';
import { baseProblems } from '../../src/definitions/validate-base';
import { loadBase } from '../../src/definitions/tiers';
import { BaseStack } from '../../src/stacks/base-stack';
import { stackSpec } from '../../src/stacks/catalog';
import { demoEnv } from '../helpers/demo-env';
import { readStackJson, synthToTemp } from '../helpers/terraform-harness';
import { resourcesOf, TerraformJson } from '../helpers/stack-json';

const base = (tier: 'stage' | 'prod') => readStackJson(synthToTemp([stackSpec('base', tier)])[0]);
const outputValue = (json: TerraformJson, name: string) => (json.output as Record<string, { value: unknown }>)[name].value;

describe.each([
  ['stage', 5],
  ['prod', 2],
] as const)('the %s base ingress', (tier, shards) => {
  const json = base(tier);
  const vpc = loadBase(tier).vpcName;

  it(`has ${shards} load balancers: shard 1 named as before shards existed, shard n <vpc>-<n>`, () => {
    const lbs = resourcesOf(json, 'aws_lb');
    expect(Object.keys(lbs).sort()).toEqual(['ingress_load_balancer', ...Array.from({ length: shards - 1 }, (_, i) => `ingress_${i + 2}_load_balancer`)].sort());
    expect(lbs.ingress_load_balancer.name).toBe(vpc);
    if (shards > 1) expect(lbs.ingress_2_load_balancer.name).toBe(`${vpc}-2`);
    // Every shard is a full HTTPS ingress: its own HTTPS and HTTP listeners.
    expect(Object.keys(resourcesOf(json, 'aws_lb_listener'))).toHaveLength(2 * shards);
  });

  it('points *.<domain> at shard 1 only', () => {
    const records = Object.entries(resourcesOf(json, 'aws_route53_record')).filter(([, r]) => String(r.name).startsWith('*.'));
    expect(records.map(([name]) => name)).toEqual(['ingress_wildcard_record']);
  });

  it('publishes every shard in order, and shard 1 under the outputs envs read before shards existed', () => {
    expect(outputValue(json, 'ingress_shards')).toBe(shards);
    const listeners = outputValue(json, 'https_listener_arns') as string[];
    expect(listeners).toHaveLength(shards);
    expect(listeners[0]).toBe(outputValue(json, 'https_listener_arn'));
    expect(listeners[shards - 1]).toBe(`\${aws_lb_listener.ingress_${shards}_https_listener.arn}`);
    expect((outputValue(json, 'load_balancer_security_group_ids') as string[])[0]).toBe(outputValue(json, 'load_balancer_security_group_id'));
  });
});

describe('a base without ingress settings', () => {
  it('has one load balancer, shard 1, with the wildcard record', () => {
    const def: BaseDefinition = { ...loadBase('stage'), ingress: undefined, database: undefined };
    const stack = new BaseStack(new App({ skipValidation: true }), 'base', { definition: def, backend: { kind: 'local', path: 'terraform.tfstate' } });
    expect(stack.shards).toEqual([stack.ingress]);
    expect(stack.ingress.wildcardRecord).toBeDefined();
  });

  it.each([0, 1.5, 31])('refuses ingress.shards %p', (shards) => {
    expect(baseProblems({ ...loadBase('stage'), ingress: { shards } })).toContainEqual({ path: 'ingress.shards', message: expect.stringMatching(/must be a whole number from 1 to 30/) });
  });
});

describe('an env on shard 2', () => {
  const json = readStackJson(synthToTemp([demoEnv('stage', { shard: 2 }).spec])[0]);

  it('puts its listener rules on shard 2 and admits shard 2 load balancer group', () => {
    const rules = Object.values(resourcesOf(json, 'aws_lb_listener_rule'));
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(rule.listener_arn).toBe('${element(data.terraform_remote_state.base_state.outputs.https_listener_arns, 1)}');
    const fromLb = resourcesOf(json, 'aws_vpc_security_group_ingress_rule').web_network_from_load_balancer;
    expect(fromLb.referenced_security_group_id).toBe('${element(data.terraform_remote_state.base_state.outputs.load_balancer_security_group_ids, 1)}');
  });

  it('gets a DNS record per host, an alias of shard 2, and records its shard as an output', () => {
    const records = resourcesOf(json, 'aws_route53_record');
    expect(Object.keys(records).sort()).toEqual(['dns_api_host', 'dns_env_host', 'dns_web_host']);
    expect(records.dns_env_host.name).toBe('demo-feature-login-28bb00.stage.branchenv.example.com');
    expect([records.dns_env_host.alias].flat()[0]).toEqual(
      expect.objectContaining({ name: '${element(data.terraform_remote_state.base_state.outputs.load_balancer_dns_names, 1)}' }),
    );
    expect(outputValue(json, 'shard')).toBe(2);
  });

  it('leaves an env on shard 1 as it was: no DNS records, the singular outputs', () => {
    const one = readStackJson(synthToTemp([demoEnv('stage').spec])[0]);
    expect(one.resource?.aws_route53_record).toBeUndefined();
    for (const rule of Object.values(resourcesOf(one, 'aws_lb_listener_rule'))) expect(rule.listener_arn).toBe('${data.terraform_remote_state.base_state.outputs.https_listener_arn}');
    expect(outputValue(one, 'shard')).toBe(1);
  });
});
