import { resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyRule } from '../rule';

interface Statement {
  readonly Effect?: string;
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
}

/** Allow statements whose actions include `*` or `service:*`, or that allow by NotAction. */
export function wildcardActions(policyJson: string): string[] {
  let doc: { Statement?: Statement | Statement[] };
  try {
    doc = JSON.parse(policyJson) as { Statement?: Statement | Statement[] };
  } catch {
    return ['(policy is not literal JSON; write it with JSON.stringify so it can be checked)'];
  }
  const statements = doc.Statement === undefined ? [] : Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return statements
    .filter((s) => (s.Effect ?? 'Allow') === 'Allow')
    .flatMap((s) => {
      if (s.NotAction !== undefined) return ['NotAction'];
      const actions = s.Action === undefined ? [] : Array.isArray(s.Action) ? s.Action : [s.Action];
      return actions.filter((a) => a === '*' || /^[a-z0-9-]+:\*$/i.test(a));
    });
}

const POLICY_FIELDS: Record<string, string> = {
  aws_iam_policy: 'policy',
  aws_iam_role_policy: 'policy',
  aws_iam_user_policy: 'policy',
  aws_iam_group_policy: 'policy',
};

/** IAM policies name their actions; no `*` or `service:*` in an Allow (CKV_AWS_63, CKV_AWS_355). */
export const iamNoWildcardAction: PolicyRule = {
  id: 'CKV_AWS_63',
  alsoMirrors: ['CKV_AWS_355'],
  title: 'IAM policies allow no wildcard actions',
  check: ({ json }) => {
    const results = resourcesOfTypes(json, ...Object.keys(POLICY_FIELDS)).map(({ address, type, body }) => {
      const found = wildcardActions(String(body[POLICY_FIELDS[type]] ?? '{}'));
      return found.length === 0 ? compliant(address) : nonCompliant(address, `allows ${found.join(', ')}; list the actions needed`);
    });
    for (const { address, body } of resourcesOfTypes(json, 'aws_iam_role')) {
      const inline = (Array.isArray(body.inline_policy) ? body.inline_policy : []) as { policy?: string }[];
      const found = inline.flatMap((p) => wildcardActions(p.policy ?? '{}'));
      results.push(found.length === 0 ? compliant(address) : nonCompliant(address, `inline policy allows ${found.join(', ')}`));
    }
    return results;
  },
};
