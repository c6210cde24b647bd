import { POLICY_EXCEPTIONS_FIELD, POLICY_EXCEPTIONS_KEY } from '../../modules/common/policy-exception';
import { Tier } from '../definitions/base-definition';
import { TerraformJson } from '../synth/terraform-json';
import { PolicyRule, RuleResult } from './rule';
import { ALL_RULES } from './rules';

/** A non-compliant result, with the exception that excuses it if one is declared. */
export interface PolicyFinding extends RuleResult {
  readonly ruleId: string;
  readonly title: string;
  /** The reason declared beside the resource, when the finding is a deliberate exception. */
  readonly exceptionReason?: string;
}

export interface PolicyReport {
  /** Violations nobody declared: these fail the check. */
  readonly violations: PolicyFinding[];
  /** Violations declared in code with a reason. */
  readonly excepted: PolicyFinding[];
  /** Number of (rule, resource) pairs checked. */
  readonly checked: number;
}

function declaredExceptions(json: TerraformJson, address: string): Record<string, string> {
  const dot = address.indexOf('.');
  const body = json.resource?.[address.slice(0, dot)]?.[address.slice(dot + 1)];
  const comment = body?.[POLICY_EXCEPTIONS_KEY] as Record<string, unknown> | undefined;
  return (comment?.[POLICY_EXCEPTIONS_FIELD] as Record<string, string> | undefined) ?? {};
}

/** Runs the rules over one synthesized stack. */
export function runPolicyPack(json: TerraformJson, tier: Tier, rules: readonly PolicyRule[] = ALL_RULES): PolicyReport {
  const violations: PolicyFinding[] = [];
  const excepted: PolicyFinding[] = [];
  let checked = 0;
  for (const rule of rules) {
    const ids = [rule.id, ...(rule.alsoMirrors ?? [])];
    for (const result of rule.check({ json, tier })) {
      checked += 1;
      if (result.status === 'compliant') continue;
      const exceptions = declaredExceptions(json, result.address);
      const reason = ids.map((id) => exceptions[id]).find((r) => r !== undefined);
      const finding: PolicyFinding = { ...result, ruleId: rule.id, title: rule.title, exceptionReason: reason };
      (reason === undefined ? violations : excepted).push(finding);
    }
  }
  return { violations, excepted, checked };
}

/** One line per violation: `CKV_AWS_21 aws_s3_bucket.x: add aws_s3_bucket_versioning …`. */
export function formatViolations(report: PolicyReport): string {
  return report.violations.map((v) => `${v.ruleId} ${v.address}: ${v.message}`).join('\n');
}
