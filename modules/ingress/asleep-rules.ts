import { Construct } from 'constructs';
import { DataResource, TerraformLocal } from 'cdktf';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';

/** Host values one rule condition may hold (an ALB counts every value; 5 per rule). */
export const HOSTS_PER_ASLEEP_RULE = 5;

export interface AsleepRulesProps {
  /** The shard's HTTPS listener, where the env's forward rules are. */
  readonly listenerArn: string;
  /** Every public host of the env; one rule per 5 hosts. */
  readonly hosts: readonly string[];
  /** Body of the fixed 503 answer (text/plain, at most 1024 characters). */
  readonly message: string;
  /** The env's forward rules: the asleep rules are created after them and replaced whenever they come or go. */
  readonly forwardRules: readonly LbListenerRule[];
}

/** Terraform's address of a resource (`aws_lb_listener_rule.routes_env_host`), for raw expressions. */
const address = (r: LbListenerRule | DataResource) => `${r.terraformResourceType}.${r.friendlyUniqueId}`;

/**
 * The env's "asleep" answer on its shard's listener: a fixed 503 for the env's hosts, in rules that
 * sit after the env's forward rules (priorities are left to AWS: created last, they get the last
 * ones), so they never match while the env is awake. Sleeping swaps their priorities with the env's
 * lowest-numbered rules (see `sleepPriorities`): they then come first. Terraform leaves priorities
 * alone (`ignore_changes`), and replaces these rules whenever a forward rule comes or goes
 * (`rule_set`), so they are last again.
 */
export class AsleepRules extends Construct {
  public readonly rules: readonly LbListenerRule[];
  /** The env's forward rules' ids: when it changes, the asleep rules are replaced. */
  public readonly ruleSet: DataResource;
  private readonly forwardRules: readonly LbListenerRule[];
  private inputs?: { readonly sleep: string; readonly wake: string };

  constructor(scope: Construct, id: string, props: AsleepRulesProps) {
    super(scope, id);
    if (props.hosts.length === 0) throw new Error('an asleep rule needs at least one host');
    if (props.forwardRules.length === 0) throw new Error('an asleep rule needs the env\'s forward rules to sit behind');
    if (props.message.length > 1024) throw new Error(`the asleep message has ${props.message.length} characters; a fixed response takes at most 1024`);
    this.forwardRules = props.forwardRules;
    this.ruleSet = new DataResource(this, 'rule_set', { input: { forward_rules: props.forwardRules.map((r) => r.id) } });
    const rules: LbListenerRule[] = [];
    for (let i = 0; i < props.hosts.length; i += HOSTS_PER_ASLEEP_RULE) {
      const rule = new LbListenerRule(this, `rule_${rules.length + 1}`, {
        listenerArn: props.listenerArn,
        action: [{ type: 'fixed-response', fixedResponse: { contentType: 'text/plain', statusCode: '503', messageBody: props.message } }],
        condition: [{ hostHeader: { values: props.hosts.slice(i, i + HOSTS_PER_ASLEEP_RULE) } }],
        dependsOn: [...props.forwardRules],
        // `env sleep` and the sleep schedule move it; Terraform must not move it back.
        lifecycle: { ignoreChanges: ['priority'] },
      });
      rule.addOverride('lifecycle.replace_triggered_by', [address(this.ruleSet)]);
      rules.push(rule);
    }
    this.rules = rules;
  }

  /**
   * The `SetRulePriorities` inputs (JSON) that put the env to sleep and wake it, as Terraform
   * expressions over the rules' current priorities. Let L be the k lowest priorities among the
   * env's rules (k asleep rules) and H the k highest. Awake, the asleep rules hold H; asleep, they
   * hold L. Either way one input keeps every priority and the other swaps the holders of L and H
   * pairwise (i-th lowest with i-th lowest), so both inputs come out the same whether Terraform
   * reads the env awake or asleep. src/sleep/rule-swap.ts does the same for `env sleep`.
   */
  sleepPriorities(): { readonly sleep: string; readonly wake: string } {
    if (this.inputs) return this.inputs;
    const k = this.rules.length;
    const all = [...this.rules, ...this.forwardRules];
    const n = all.length;
    // Keys `<priority, 5 digits> <rule name>`: sorted by priority, unique even where priorities are not (mocks).
    const key = (r: LbListenerRule) => `format("%05d ${r.friendlyUniqueId}", ${address(r)}.priority)`;
    const byPriority = new TerraformLocal(this, 'by_priority', `\${{ ${all.map((r) => `(${key(r)}) = ${address(r)}.arn`).join(', ')} }}`);
    const map = `local.${byPriority.friendlyUniqueId}`;
    const order = `sort(keys(${map}))`;
    const low = `slice(${order}, 0, ${k})`;
    const high = `slice(${order}, ${n - k}, ${n})`;
    const awake = `length(setsubtract([${this.rules.map(key).join(', ')}], ${high})) == 0`;
    const priority = (p: string) => `tonumber(split(" ", ${p})[0])`;
    // Keyed by rule name: entries in the same order whether the env is read awake or asleep.
    const entry = (p: string, to: string) => `split(" ", ${p})[1] => { arn = ${map}[${p}], priority = ${priority(to)} }`;
    const keep = `{ for p in concat(${low}, ${high}) : ${entry('p', 'p')} }`;
    const swap = `merge({ for i, p in ${low} : ${entry('p', `${high}[i]`)} }, { for i, p in ${high} : ${entry('p', `${low}[i]`)} })`;
    const input = (priorities: string) => `\${jsonencode({ RulePriorities = [for name, e in ${priorities} : { RuleArn = e.arn, Priority = e.priority }] })}`;
    const sleep = new TerraformLocal(this, 'sleep_input', input(`(${awake} ? ${swap} : ${keep})`));
    const wake = new TerraformLocal(this, 'wake_input', input(`(${awake} ? ${keep} : ${swap})`));
    this.inputs = { sleep: `\${local.${sleep.friendlyUniqueId}}`, wake: `\${local.${wake.friendlyUniqueId}}` };
    return this.inputs;
  }
}
