/** Pure IPv4 CIDR arithmetic, so subnet layouts are known (and testable) at synth time. */

export interface Ipv4Cidr {
  /** Network address as an unsigned 32-bit integer. */
  readonly network: number;
  /** Prefix length, 0..32. */
  readonly prefix: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; throws when malformed or when host bits are set (`10.0.0.1/16`). */
export function parseCidr(text: string): Ipv4Cidr {
  const match = CIDR_PATTERN.exec(text);
  if (!match) throw new Error(`"${text}" is not an IPv4 CIDR such as 10.20.0.0/16`);
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) throw new Error(`"${text}" is not an IPv4 CIDR such as 10.20.0.0/16`);
  const network = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  if ((network & ~maskOf(prefix)) >>> 0 !== 0) {
    throw new Error(`"${text}" has host bits set; use ${formatCidr({ network: (network & maskOf(prefix)) >>> 0, prefix })}`);
  }
  return { network, prefix };
}

export function formatCidr(cidr: Ipv4Cidr): string {
  const n = cidr.network;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${cidr.prefix}`;
}

/** The `index`-th block of `newBits` more prefix bits inside `parent` (Terraform's cidrsubnet). */
export function subnetOf(parent: Ipv4Cidr, newBits: number, index: number): Ipv4Cidr {
  const prefix = parent.prefix + newBits;
  if (prefix > 32) throw new Error(`cannot add ${newBits} bits to /${parent.prefix}`);
  if (index < 0 || index >= 2 ** newBits) throw new Error(`index ${index} does not fit in ${newBits} bits`);
  return { network: (parent.network + index * 2 ** (32 - prefix)) >>> 0, prefix };
}

/** Number of addresses in the block. */
export function sizeOf(cidr: Ipv4Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

export function overlaps(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.network < b.network + sizeOf(b) && b.network < a.network + sizeOf(a);
}

export function contains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.prefix >= outer.prefix && inner.network >= outer.network &&
    inner.network + sizeOf(inner) <= outer.network + sizeOf(outer);
}

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}
