import { resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyRule } from '../rule';

/** ELB policies that refuse TLS below 1.2 (TLS 1.3 policies included). */
export function isTls12Policy(policy: string): boolean {
  return /^ELBSecurityPolicy-(TLS13-|TLS-1-2-|FS-1-2-)/.test(policy);
}

/** HTTPS and TLS listeners refuse TLS below 1.2. */
export const listenerTls12: PolicyRule = {
  id: 'CKV_AWS_103',
  title: 'HTTPS listeners use a TLS 1.2+ policy',
  check: ({ json }) =>
    resourcesOfTypes(json, 'aws_lb_listener', 'aws_alb_listener')
      .filter(({ body }) => body.protocol === 'HTTPS' || body.protocol === 'TLS')
      .map(({ address, body }) => {
        const policy = typeof body.ssl_policy === 'string' ? body.ssl_policy : '(provider default, TLS 1.0)';
        return isTls12Policy(policy)
          ? compliant(address)
          : nonCompliant(address, `ssl_policy ${policy} allows TLS below 1.2; use ELBSecurityPolicy-TLS13-1-2-2021-06`);
      }),
};
