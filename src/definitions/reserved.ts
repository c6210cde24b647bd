/** Ports the Envoy sidecar takes in every task; an app may not listen on them. */
export const ENVOY_PORTS = {
  /** Envoy's ingress listener: the load balancer and callers reach the service here. */
  ingress: 15000,
  /** First egress listener; the n-th called service gets egressBase + n. */
  egressBase: 15001,
  /** Envoy admin, bound to localhost only. */
  admin: 9901,
  /** `/stats/prometheus` only, reachable from the VPC. */
  metrics: 9902,
} as const;

/** At most this many called services per service (egress ports 15001..15099). */
export const MAX_CALLEES = 99;

export const ENVOY_RESERVED_PORTS: readonly number[] = [
  ENVOY_PORTS.ingress,
  ENVOY_PORTS.admin,
  ENVOY_PORTS.metrics,
  ...Array.from({ length: MAX_CALLEES }, (_, i) => ENVOY_PORTS.egressBase + i),
];

/** Environment variables branchenv sets in app containers start with this. */
export const RESERVED_ENV_PREFIX = 'BRANCHENV_';

/** Environment variable names that say their value is a secret (it belongs in `secrets`). */
export const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_KEY|API_KEY|ACCESS_KEY|CREDENTIAL)/i;
