import { contains, formatCidr, overlaps, parseCidr, subnetOf } from '../../modules/network/ipv4-cidr';
import { planSubnets } from '../../modules/network/subnet-layout';

describe('IPv4 CIDR arithmetic', () => {
  it('round-trips a CIDR and rejects host bits with the corrected block', () => {
    expect(formatCidr(parseCidr('10.20.0.0/16'))).toBe('10.20.0.0/16');
    expect(() => parseCidr('10.20.1.0/16')).toThrow(/use 10\.20\.0\.0\/16/);
    expect(() => parseCidr('10.300.0.0/16')).toThrow(/not an IPv4 CIDR/);
  });

  it('computes blocks like terraform cidrsubnet', () => {
    expect(formatCidr(subnetOf(parseCidr('10.0.0.0/16'), 8, 2))).toBe('10.0.2.0/24');
    expect(formatCidr(subnetOf(parseCidr('172.16.0.0/12'), 4, 15))).toBe('172.31.0.0/16');
  });
});

describe('subnet layout', () => {
  it('gives two zones of a /16 a /18 private and a /22 public subnet each', () => {
    expect(planSubnets('10.20.0.0/16', ['eu-west-1a', 'eu-west-1b'])).toEqual([
      { availabilityZone: 'eu-west-1a', privateCidr: '10.20.0.0/18', publicCidr: '10.20.192.0/22' },
      { availabilityZone: 'eu-west-1b', privateCidr: '10.20.64.0/18', publicCidr: '10.20.196.0/22' },
    ]);
  });

  it.each([
    ['10.0.0.0/16', 2],
    ['10.0.0.0/16', 3],
    ['10.0.0.0/16', 6],
    ['10.8.0.0/20', 4],
    ['192.168.0.0/22', 2],
    ['192.168.0.0/22', 3],
  ])('keeps every subnet of %s over %i zones inside the VPC, disjoint, and big enough for a load balancer', (vpcCidr, zones) => {
    const azs = Array.from({ length: zones }, (_, i) => `eu-west-1${'abcdef'[i]}`);
    const vpc = parseCidr(vpcCidr);
    const cidrs = planSubnets(vpcCidr, azs).flatMap((z) => [z.privateCidr, z.publicCidr]).map(parseCidr);
    expect(cidrs).toHaveLength(zones * 2);
    for (const c of cidrs) {
      expect(contains(vpc, c)).toBe(true);
      expect(c.prefix).toBeLessThanOrEqual(27);
    }
    for (let i = 0; i < cidrs.length; i++) for (let j = i + 1; j < cidrs.length; j++) expect(overlaps(cidrs[i], cidrs[j])).toBe(false);
  });

  it('keeps existing zones where they are when a third zone is added', () => {
    const two = planSubnets('10.0.0.0/16', ['a1', 'b1']);
    const three = planSubnets('10.0.0.0/16', ['a1', 'b1', 'c1']);
    expect(three.slice(0, 2)).toEqual(two);
  });

  it('refuses one zone, and a VPC too small for its zones, saying what to change', () => {
    expect(() => planSubnets('10.0.0.0/16', ['a'])).toThrow(/at least 2 availability zones/);
    expect(() => planSubnets('10.0.0.0/24', ['a', 'b', 'c', 'd', 'e'])).toThrow(/use a larger VPC CIDR/);
  });
});
