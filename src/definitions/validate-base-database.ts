import { clusterSettings } from '../database/cluster-settings';
import { BaseDefinition } from './base-definition';

/** Problems of a base's `database`: ranges Aurora Serverless v2 accepts and what prod must keep. */
export function baseDatabaseProblems(def: BaseDefinition, add: (path: string, message: string) => void): void {
  const db = def.database;
  const settings = clusterSettings(def);
  if (!db || !settings) return;
  if (!/^16\.\d+$/.test(settings.engineVersion)) add('database.engineVersion', `"${settings.engineVersion}" is not an Aurora PostgreSQL 16 version such as 16.6`);
  else if (settings.minCapacity === 0 && Number(settings.engineVersion.split('.')[1]) < 3) {
    add('database.engineVersion', `${settings.engineVersion} cannot scale to 0 ACUs (Aurora PostgreSQL 16.3 or later can); raise it or set minCapacity 0.5`);
  }
  const acu = (value: number) => Number.isFinite(value) && value * 2 === Math.round(value * 2);
  const { minCapacity: min, maxCapacity: max } = settings;
  if (!acu(min) || min < 0 || min > 256) add('database.minCapacity', `${min} must be 0 to 256 ACUs in steps of 0.5`);
  if (!acu(max) || max < 1 || max > 256) add('database.maxCapacity', `${max} must be 1 to 256 ACUs in steps of 0.5`);
  if (acu(min) && acu(max) && min > max) add('database.maxCapacity', `${max} is below minCapacity ${min}`);
  if (def.tier === 'prod' && min === 0) add('database.minCapacity', 'prod keeps a floor: a paused cluster takes ~15 s to answer the first query; use 0.5 or more');
  if (db.secondsUntilAutoPause !== undefined) {
    const pause = db.secondsUntilAutoPause;
    if (min !== 0) add('database.secondsUntilAutoPause', `applies only with minCapacity 0 (the cluster pauses); minCapacity is ${min}`);
    else if (!Number.isInteger(pause) || pause < 300 || pause > 86400) add('database.secondsUntilAutoPause', `${pause} must be whole seconds from 300 to 86400`);
  }
  const backup = settings.backupRetentionDays;
  if (!Number.isInteger(backup) || backup < 1 || backup > 35) add('database.backupRetentionDays', `${backup} must be 1 to 35 days`);
  else if (def.tier === 'prod' && backup < 7) add('database.backupRetentionDays', `${backup} is too short for prod; keep at least 7 days`);
  if (!Number.isInteger(settings.instances) || settings.instances < 1 || settings.instances > 15) {
    add('database.instances', `${settings.instances} must be 1 to 15 (one writer, the rest readers)`);
  }
}
