import { App, Testing } from 'cdktf';
import { loadBase } from '../../src/definitions/tiers';
import { validateServiceSet } from '../../src/definitions/validate-service-set';
import { envSpec } from '../../src/env/prepare-env';
import { BranchStack } from '../../src/stacks/branch-stack';
import { SET_RULE_PRIORITIES_TARGET } from '../../modules/ingress/asleep-schedule';
import { demoEnv } from '../helpers/demo-env';
import { service, set } from '../helpers/set-builders';
import { ResourceBody, resourcesOf, TerraformJson } from '../helpers/stack-json';
import { readStackJson, synthToTemp } from '../helpers/terraform-harness';

const synth = (spec: ReturnType<typeof demoEnv>['spec']) => readStackJson(synthToTemp([spec])[0]);
const stage = demoEnv('stage');
const json = synth(stage.spec);
const protectedJson = synth(envSpec(stage, { images: stage.images, commit: 'abc1234', createdBy: 'jest', now: new Date('2026-11-22T00:00:00Z'), local: false, scheduledSleep: false }).spec);
const prodJson = synth(demoEnv('prod').spec);

const SLEEP = 'cron(0 20 ? * MON-FRI *)';
const WAKE = 'cron(0 7 ? * MON-FRI *)';
const rules = (j: TerraformJson) => resourcesOf(j, 'aws_lb_listener_rule');
const forwardNames = (j: TerraformJson) => Object.keys(rules(j)).filter((name) => name.startsWith('routes_'));
const localsOf = (j: TerraformJson) => (j as unknown as { locals: Record<string, string> }).locals;
const hostsOf = (rule: ResourceBody) => ((rule.condition as ResourceBody[])[0].host_header as { values: string[] }).values;

describe('a stage env with the base sleep hours (Europe/Berlin, MON-FRI, 07:00-20:00)', () => {
  it('gives every service a scalable target: its autoscaling bounds, else min = max = desired', () => {
    const targets = resourcesOf(json, 'aws_appautoscaling_target');
    expect(Object.keys(targets).sort()).toEqual(['api_scaling_target', 'web_scaling_target', 'worker_scaling_target']);
    expect(targets.api_scaling_target).toMatchObject({ min_capacity: 1, max_capacity: 3 });
    expect(targets.web_scaling_target).toMatchObject({ min_capacity: 1, max_capacity: 1, resource_id: expect.stringContaining('${aws_ecs_service.web_service.name}') });
  });

  it('scales every service to 0 at sleep time and back to its bounds at wake time, in the base time zone', () => {
    const actions = resourcesOf(json, 'aws_appautoscaling_scheduled_action');
    expect(Object.keys(actions).sort()).toEqual(['api_schedule_sleep', 'api_schedule_wake', 'web_schedule_sleep', 'web_schedule_wake', 'worker_schedule_sleep', 'worker_schedule_wake']);
    for (const name of ['api', 'web', 'worker']) {
      const sleep = actions[`${name}_schedule_sleep`];
      const wake = actions[`${name}_schedule_wake`];
      expect(sleep).toMatchObject({ schedule: SLEEP, timezone: 'Europe/Berlin', scalable_target_action: { min_capacity: '0', max_capacity: '0' } });
      expect(sleep.resource_id).toBe(`\${aws_appautoscaling_target.${name}_scaling_target.resource_id}`);
      expect(wake).toMatchObject({ schedule: WAKE, timezone: 'Europe/Berlin', depends_on: [`aws_appautoscaling_scheduled_action.${name}_schedule_sleep`] });
    }
    expect(actions.api_schedule_wake.scalable_target_action).toEqual({ min_capacity: '1', max_capacity: '3' });
    expect(actions.web_schedule_wake.scalable_target_action).toEqual({ min_capacity: '1', max_capacity: '1' });
  });

  it('has an asleep rule for every host after the forward rules, replaced when they come or go', () => {
    const asleep = rules(json).asleep_rule_1;
    expect(Object.keys(rules(json)).filter((name) => name.startsWith('asleep_'))).toEqual(['asleep_rule_1']);
    expect(asleep.action).toEqual([
      { type: 'fixed-response', fixed_response: { status_code: '503', content_type: 'text/plain', message_body: expect.stringMatching(/^This env is asleep\..*\nWake it: scripts\/env wake feature-login-28bb00 --set demo\n$/s) } },
    ]);
    const forwardHosts = new Set(forwardNames(json).flatMap((name) => hostsOf(rules(json)[name])));
    expect(hostsOf(asleep).sort()).toEqual([...forwardHosts].sort());
    expect((asleep.depends_on as string[]).sort()).toEqual(forwardNames(json).map((name) => `aws_lb_listener_rule.${name}`).sort());
    expect(asleep.lifecycle).toEqual({ ignore_changes: ['priority'], replace_triggered_by: ['terraform_data.asleep_rule_set'] });
    const ruleSet = resourcesOf(json, 'terraform_data').asleep_rule_set.input as { forward_rules: string[] };
    expect(ruleSet.forward_rules.sort()).toEqual(forwardNames(json).map((name) => `\${aws_lb_listener_rule.${name}.id}`).sort());
  });

  it('leaves every rule priority to the swaps: Terraform ignores it', () => {
    for (const rule of Object.values(rules(json))) {
      expect(rule.priority).toBeUndefined();
      expect((rule.lifecycle as { ignore_changes: string[] }).ignore_changes).toEqual(['priority']);
    }
  });

  it('swaps the asleep rule in and out on the same schedule, through the scheduler universal target', () => {
    const schedules = resourcesOf(json, 'aws_scheduler_schedule');
    expect(schedules.asleep_schedule_sleep).toMatchObject({
      name: 'stage-demo-feature-login-28bb00-sleep',
      schedule_expression: SLEEP,
      schedule_expression_timezone: 'Europe/Berlin',
      flexible_time_window: { mode: 'OFF' },
      target: { arn: SET_RULE_PRIORITIES_TARGET, role_arn: '${aws_iam_role.asleep_schedule_role.arn}', input: '${local.asleep_sleep_input}' },
    });
    expect(schedules.asleep_schedule_wake).toMatchObject({ schedule_expression: WAKE, target: { input: '${local.asleep_wake_input}' } });
    const locals = localsOf(json);
    expect(locals.asleep_sleep_input).toMatch(/^\$\{jsonencode\(\{ RulePriorities = /);
    for (const name of [...forwardNames(json), 'asleep_rule_1']) expect(locals.asleep_by_priority).toContain(`aws_lb_listener_rule.${name}.priority`);
  });

  it('lets the schedules set the priorities of the env rules and nothing else', () => {
    const role = resourcesOf(json, 'aws_iam_role').asleep_schedule_role;
    expect(JSON.parse(String(role.assume_role_policy)).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': stage.base.accountId } } },
    ]);
    const policy = JSON.parse(String(resourcesOf(json, 'aws_iam_role_policy').asleep_schedule_policy.policy)) as { Statement: { Action: string[]; Resource: string[] }[] };
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0].Action).toEqual(['elasticloadbalancing:SetRulePriorities']);
    expect(policy.Statement[0].Resource.sort()).toEqual(['asleep_rule_1', ...forwardNames(json)].map((name) => `\${aws_lb_listener_rule.${name}.arn}`).sort());
  });
});

describe('a protected stage env', () => {
  it('has no sleep schedule: no scheduled actions, no scheduler schedules or role', () => {
    expect(protectedJson.resource?.aws_appautoscaling_scheduled_action).toBeUndefined();
    expect(protectedJson.resource?.aws_scheduler_schedule).toBeUndefined();
    expect(Object.keys(resourcesOf(protectedJson, 'aws_iam_role')).filter((name) => name.startsWith('asleep'))).toEqual([]);
  });

  it('can still be put to sleep by hand: scalable targets and the asleep rule, whose answer names no hours', () => {
    expect(Object.keys(resourcesOf(protectedJson, 'aws_appautoscaling_target'))).toHaveLength(3);
    const body = String(((rules(protectedJson).asleep_rule_1.action as ResourceBody[])[0].fixed_response as ResourceBody).message_body);
    expect(body).toBe('This env is asleep.\nWake it: scripts/env wake feature-login-28bb00 --set demo\n');
  });
});

describe('a prod env (prod never sleeps)', () => {
  it('has no asleep rule, no schedules and a scalable target only where it autoscales', () => {
    expect(forwardNames(prodJson)).toHaveLength(Object.keys(rules(prodJson)).length);
    expect(prodJson.resource?.aws_appautoscaling_scheduled_action).toBeUndefined();
    expect(prodJson.resource?.aws_scheduler_schedule).toBeUndefined();
    const autoscaled = demoEnv('prod').set.services.filter((s) => s.autoscaling).map((s) => `${s.name}_scaling_target`);
    expect(Object.keys(resourcesOf(prodJson, 'aws_appautoscaling_target')).sort()).toEqual(autoscaled.sort());
  });
});

describe('an env with more hosts than one rule condition takes', () => {
  it('splits its hosts over asleep rules of at most 5 values each', () => {
    const base = loadBase('stage');
    const prefixes = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];
    const def = validateServiceSet(set([service('api', { routes: prefixes.map((hostPrefix) => ({ hostPrefix })) })]), 'test', { base, env: 'many-hosts' });
    const app = new App({ skipValidation: true });
    const identity = { name: 'many-hosts', branch: 'many-hosts', commit: 'abc1234', createdBy: 'jest', expiresOn: '2026-11-29' };
    const stack = new BranchStack(app, 'env', { base, set: def, identity, images: { api: 'nginx:1.27' } });
    const synthesized = JSON.parse(Testing.synth(stack)) as TerraformJson;
    const asleep = Object.entries(resourcesOf(synthesized, 'aws_lb_listener_rule')).filter(([name]) => name.startsWith('asleep_'));
    expect(asleep.map(([name]) => name)).toEqual(['asleep_rule_1', 'asleep_rule_2']);
    expect(asleep.map(([, rule]) => hostsOf(rule).length)).toEqual([5, 1]);
    expect(localsOf(synthesized).asleep_sleep_input).toContain('slice(sort(keys(local.asleep_by_priority)), 6, 8)');
  });
});
