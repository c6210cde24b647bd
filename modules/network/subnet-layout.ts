import { formatCidr, parseCidr, subnetOf } from './ipv4-cidr';

/** The subnets of one availability zone. */
export interface ZoneSubnets {
  readonly availabilityZone: string;
  /** Small public subnet: load balancer and NAT gateway only. */
  readonly publicCidr: string;
  /** Large private subnet: every task and instance. */
  readonly privateCidr: string;
}

/** Smallest public subnet AWS accepts for an application load balancer. */
export const MAX_PUBLIC_PREFIX = 27;
/** Public subnets are at most 1/16 of a block; they hold only the load balancer and NAT. */
const PUBLIC_SPLIT_BITS = 4;

/**
 * Splits a VPC CIDR into one private and one public subnet per availability zone.
 *
 * The VPC is cut into 2^k equal blocks, k the fewest bits that leave one block spare after one per
 * zone: zone i gets block i as its private subnet, and the last block is cut again into the public
 * subnets. With 10.20.0.0/16 and two zones: private /18s at 10.20.0.0 and 10.20.64.0, public /22s
 * at 10.20.192.0 and 10.20.196.0. Adding a zone later never moves an existing zone's subnets as long
 * as k stays the same (2 or 3 zones; 4 to 7 zones).
 */
export function planSubnets(vpcCidr: string, availabilityZones: readonly string[]): ZoneSubnets[] {
  const vpc = parseCidr(vpcCidr);
  const zones = availabilityZones.length;
  if (zones < 2) throw new Error(`a VPC needs at least 2 availability zones, got ${zones}`);
  const blockBits = Math.ceil(Math.log2(zones + 1));
  const publicBlock = subnetOf(vpc, blockBits, 2 ** blockBits - 1);
  const neededBits = Math.ceil(Math.log2(zones));
  const publicBits = Math.max(neededBits, Math.min(PUBLIC_SPLIT_BITS, MAX_PUBLIC_PREFIX - 1 - publicBlock.prefix));
  const publicPrefix = publicBlock.prefix + publicBits;
  if (publicPrefix > MAX_PUBLIC_PREFIX) {
    throw new Error(
      `${vpcCidr} is too small for ${zones} availability zones: public subnets would be /${publicPrefix}, ` +
        `the load balancer needs /${MAX_PUBLIC_PREFIX} or larger; use a larger VPC CIDR (a /22 or bigger)`,
    );
  }
  return availabilityZones.map((availabilityZone, i) => ({
    availabilityZone,
    privateCidr: formatCidr(subnetOf(vpc, blockBits, i)),
    publicCidr: formatCidr(subnetOf(publicBlock, publicBits, i)),
  }));
}

