import { TerraformResource } from 'cdktf';

/** Where a declared exception sits in a resource's synthesized JSON (a Terraform JSON comment key). */
export const POLICY_EXCEPTIONS_KEY = '//';
export const POLICY_EXCEPTIONS_FIELD = 'policy_exceptions';

/**
 * Declares, beside the resource, that it deliberately does not follow one policy rule, and why.
 * The reason lands in the synthesized JSON (`"//": {"policy_exceptions": {...}}`), where reviewers
 * and the policy pack read it; Terraform ignores `//` keys.
 */
export function declarePolicyException(resource: TerraformResource, ruleId: string, reason: string): void {
  if (!/^(CKV2?_AWS|BRANCHENV)_\d+$/.test(ruleId)) throw new Error(`policy exception: "${ruleId}" is not a rule id such as CKV_AWS_79`);
  if (reason.trim().length < 10) throw new Error(`policy exception ${ruleId}: give a reason a reviewer can judge`);
  resource.addOverride(`${POLICY_EXCEPTIONS_KEY}.${POLICY_EXCEPTIONS_FIELD}.${ruleId}`, reason);
}
