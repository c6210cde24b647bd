import { ResourceBody } from '../../synth/terraform-json';
import { blocks, refersTo, resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyContext, PolicyRule, RuleResult } from '../rule';

const WORLD = ['0.0.0.0/0', '::/0'];
/** Ports the internet may reach, and only on a public load balancer. */
const PUBLIC_WEB_PORTS = [80, 443];

interface Ingress {
  readonly fromPort: number;
  readonly toPort: number;
  readonly protocol: string;
  readonly cidrs: string[];
}

function inlineIngress(body: ResourceBody): Ingress[] {
  return blocks(body.ingress).map((rule) => ({
    fromPort: Number(rule.from_port),
    toPort: Number(rule.to_port),
    protocol: String(rule.protocol),
    cidrs: [...((rule.cidr_blocks as string[]) ?? []), ...((rule.ipv6_cidr_blocks as string[]) ?? [])],
  }));
}

/** Security groups attached to internet-facing load balancers. */
function publicLoadBalancerGroups(context: PolicyContext): (groupAddress: string) => boolean {
  const lbs = resourcesOfTypes(context.json, 'aws_lb', 'aws_alb').filter(({ body }) => body.internal !== true);
  return (groupAddress) =>
    lbs.some(({ body }) => ((body.security_groups as string[]) ?? []).some((sg) => refersTo(sg, groupAddress)));
}

function judge(address: string, rules: Ingress[], onPublicLb: boolean): RuleResult {
  const open = rules.filter((r) => r.cidrs.some((c) => WORLD.includes(c)));
  const bad = open.filter(
    (r) => !(onPublicLb && r.protocol === 'tcp' && r.fromPort === r.toPort && PUBLIC_WEB_PORTS.includes(r.fromPort)),
  );
  if (bad.length === 0) return compliant(address);
  const ports = bad.map((r) => (r.fromPort === r.toPort ? `${r.fromPort}` : `${r.fromPort}-${r.toPort}`)).join(', ');
  return nonCompliant(
    address,
    `ingress from the internet on ${ports}; only 80 and 443 on a public load balancer may be open to 0.0.0.0/0`,
  );
}

/**
 * No ingress from 0.0.0.0/0 or ::/0, except TCP 80 and 443 on a security group attached to an
 * internet-facing load balancer. Covers SSH (CKV_AWS_24), RDP (CKV_AWS_25) and HTTP (CKV_AWS_260).
 */
export const noOpenIngress: PolicyRule = {
  id: 'CKV_AWS_260',
  alsoMirrors: ['CKV_AWS_24', 'CKV_AWS_25'],
  title: 'No ingress from the internet except HTTP(S) to a public load balancer',
  check: (context) => {
    const isPublicLbGroup = publicLoadBalancerGroups(context);
    const results = resourcesOfTypes(context.json, 'aws_security_group').map(({ address, body }) =>
      judge(address, inlineIngress(body), isPublicLbGroup(address)),
    );
    for (const { address, body } of resourcesOfTypes(context.json, 'aws_security_group_rule')) {
      if (body.type !== 'ingress') continue;
      const group = String(body.security_group_id ?? '').replace(/^\$\{(.*)\.id\}$/, '$1');
      results.push(judge(address, inlineIngress({ ingress: body }), isPublicLbGroup(group)));
    }
    for (const { address, body } of resourcesOfTypes(context.json, 'aws_vpc_security_group_ingress_rule')) {
      const group = String(body.security_group_id ?? '').replace(/^\$\{(.*)\.id\}$/, '$1');
      const rule: Ingress = {
        fromPort: Number(body.from_port),
        toPort: Number(body.to_port),
        protocol: String(body.ip_protocol),
        cidrs: [body.cidr_ipv4, body.cidr_ipv6].filter((c): c is string => typeof c === 'string'),
      };
      results.push(judge(address, [rule], isPublicLbGroup(group)));
    }
    return results;
  },
};
