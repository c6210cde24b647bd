import { Tier } from '../definitions/base-definition';
import { TerraformJson } from '../synth/terraform-json';

/** What a rule says of one resource. */
export type RuleStatus = 'compliant' | 'non_compliant';

export interface RuleResult {
  readonly status: RuleStatus;
  /** Terraform address, e.g. `aws_subnet.network_private_a`. */
  readonly address: string;
  /** Why it is not compliant, or what was checked. */
  readonly message: string;
}

export interface PolicyContext {
  readonly json: TerraformJson;
  /** Tier of the stack: some rules allow less in stage (shorter log retention). */
  readonly tier: Tier;
}

/**
 * One policy rule over synthesized Terraform JSON: a pure function, named after the Checkov check
 * it mirrors. Returns a result for every resource it applies to; none means not applicable.
 */
export interface PolicyRule {
  /** Checkov id; the id a declared exception names. */
  readonly id: string;
  /** Further Checkov ids the rule also covers. */
  readonly alsoMirrors?: readonly string[];
  readonly title: string;
  check(context: PolicyContext): RuleResult[];
}

export function compliant(address: string, message = 'ok'): RuleResult {
  return { status: 'compliant', address, message };
}

export function nonCompliant(address: string, message: string): RuleResult {
  return { status: 'non_compliant', address, message };
}
