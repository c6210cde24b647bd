import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { wakeBeforeApply, wakePrioritiesInPlan } from '../../src/sleep/wake-before-apply';
import { FakeSleepAws, startFakeSleepAws } from '../helpers/fake-sleep-aws';

const RULE = (n: string) => `arn:aws:elasticloadbalancing:eu-west-1:111111111111:listener-rule/app/stage-main/1/443/${n}`;
const rule = (name: string, priority: number) => ({ address: `aws_lb_listener_rule.${name}`, type: 'aws_lb_listener_rule', values: { arn: RULE(name), priority } });
const planWith = (resources: { address: string; type: string; values: { arn?: string; priority?: number } }[]) => ({ prior_state: { values: { root_module: { resources } } } });
const asleepPlan = planWith([rule('routes_api_env_host_api', 11), rule('routes_web_env_host', 8), rule('asleep_rule_1', 7), { address: 'aws_ecs_service.web_service', type: 'aws_ecs_service', values: {} }]);

describe('an apply of a sleeping env', () => {
  it('finds the env asleep in the plan prior state and wakes exactly its swapped rules', () => {
    expect(wakePrioritiesInPlan(asleepPlan)).toEqual([
      { arn: RULE('asleep_rule_1'), priority: 11 },
      { arn: RULE('routes_api_env_host_api'), priority: 7 },
    ]);
  });

  it('leaves an awake, new or pre-sleep env alone', () => {
    expect(wakePrioritiesInPlan(planWith([rule('routes_api_env_host_api', 7), rule('routes_web_env_host', 8), rule('asleep_rule_1', 9)]))).toEqual([]);
    expect(wakePrioritiesInPlan({})).toEqual([]);
    expect(wakePrioritiesInPlan(planWith([rule('routes_web_env_host', 8)]))).toEqual([]);
  });

  describe('against the load balancer', () => {
    let aws: FakeSleepAws;
    let restore: () => void;
    let dir: string;
    beforeEach(async () => {
      aws = await startFakeSleepAws({
        targetGroups: {},
        rules: [
          { arn: RULE('routes_api_env_host_api'), priority: 11, hosts: ['a'], forward: 'tg' },
          { arn: RULE('routes_web_env_host'), priority: 8, hosts: ['a'], forward: 'tg' },
          { arn: RULE('asleep_rule_1'), priority: 7, hosts: ['a'], fixedBody: 'This env is asleep.' },
        ],
        scalable: {},
      });
      restore = aws.useEndpoints();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-wake-'));
    });
    afterEach(async () => {
      restore();
      await aws.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('swaps the rules back before Terraform runs, and says so', async () => {
      const file = path.join(dir, 'plan.json');
      fs.writeFileSync(file, JSON.stringify(asleepPlan));
      const said: string[] = [];
      await wakeBeforeApply(file, 'eu-west-1', (line) => said.push(line));
      expect(aws.calls).toEqual(['SetRulePriorities asleep_rule_1=11,routes_api_env_host_api=7']);
      expect(said).toEqual(['the env sleeps: its hosts route to the services again first (the apply starts them)']);
    });

    it('makes no call for an awake env', async () => {
      const file = path.join(dir, 'plan.json');
      fs.writeFileSync(file, JSON.stringify(planWith([rule('routes_web_env_host', 8), rule('asleep_rule_1', 9)])));
      await wakeBeforeApply(file, 'eu-west-1', () => undefined);
      expect(aws.calls).toEqual([]);
    });
  });
});
