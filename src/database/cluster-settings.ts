/**
 * The tier's database cluster with every default resolved once: what the base stack builds and
 * what validation checks. Stage scales to zero when idle; prod keeps a floor, two instances and a
 * longer backup.
 */
import { BaseDefinition, DEFAULT_AURORA_POSTGRES_VERSION, Tier } from '../definitions/base-definition';

export interface ClusterSettings {
  readonly engineVersion: string;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  /** Only when minCapacity is 0 (pausing is what 0 means). */
  readonly secondsUntilAutoPause?: number;
  readonly backupRetentionDays: number;
  readonly instances: number;
  readonly deletionProtection: boolean;
  /** Prod keeps a final snapshot when the cluster is destroyed; stage does not. */
  readonly finalSnapshot: boolean;
}

/** The RDS-managed master user (its password lives in Secrets Manager, never in Terraform). */
export const MASTER_USERNAME = 'branchenv_admin';
export const POSTGRES_PORT = 5432;
export const DEFAULT_AUTO_PAUSE_SECONDS = 600;

const DEFAULTS: Record<Tier, { min: number; max: number; backup: number; instances: number }> = {
  stage: { min: 0, max: 4, backup: 1, instances: 1 },
  prod: { min: 0.5, max: 16, backup: 14, instances: 2 },
};

/** Settings of the base's cluster, or undefined when the base has no database. */
export function clusterSettings(def: BaseDefinition): ClusterSettings | undefined {
  const db = def.database;
  if (!db) return undefined;
  const defaults = DEFAULTS[def.tier];
  const minCapacity = db.minCapacity ?? defaults.min;
  return {
    engineVersion: db.engineVersion ?? DEFAULT_AURORA_POSTGRES_VERSION,
    minCapacity,
    maxCapacity: db.maxCapacity ?? defaults.max,
    secondsUntilAutoPause: minCapacity === 0 ? (db.secondsUntilAutoPause ?? DEFAULT_AUTO_PAUSE_SECONDS) : undefined,
    backupRetentionDays: db.backupRetentionDays ?? defaults.backup,
    instances: db.instances ?? defaults.instances,
    deletionProtection: def.tier === 'prod',
    finalSnapshot: def.tier === 'prod',
  };
}
