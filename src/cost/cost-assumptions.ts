/**
 * What `env cost` assumes where the definition says nothing about usage. Each is one named figure,
 * printed with every estimate (costAssumptions) so a reader sees what the total rests on.
 */

export const HOURS_PER_DAY = 24;

/** Average days in a month (365 / 12, rounded): month prices are divided by it, day totals multiplied. */
export const DAYS_PER_MONTH = 30.4;

/**
 * Log volume one running task (app, Envoy and extra containers together) sends to CloudWatch Logs
 * per day, GB: a lightly used branch env at `info` level.
 */
export const LOG_GB_PER_TASK_DAY = 0.05;

/**
 * Load balancer capacity units one env's traffic uses on average, all day. 1 LCU is 25 new
 * connections/s, 3,000 active connections, 1 GB/hour or 1,000 rule evaluations/s: a branch env
 * used by a few people stays far below it.
 */
export const LCU_PER_ENV = 0.05;

/**
 * ACU-hours per day the env's database adds to the tier's Aurora cluster. The cluster itself is the
 * base's cost; an env database used by a few requests barely moves it (a stage cluster with
 * minimum capacity 0 pauses when idle), so the env is charged none of its compute.
 */
export const DATABASE_ACU_HOURS_PER_DAY = 0;

/** Storage of one env database, GB: schema and test data. */
export const DATABASE_STORAGE_GB = 1;

/** The assumptions in words, for the text output, --json and the README. */
export function costAssumptions(): string[] {
  return [
    `every service runs its desired task count ${HOURS_PER_DAY} hours a day: sleep hours are not subtracted (an upper bound for envs that sleep), autoscaling above the desired count and one-off migration tasks not counted`,
    'Envoy and extra containers run inside the task size (cpu, memory), so they cost nothing beyond it',
    `${LOG_GB_PER_TASK_DAY} GB of logs per task per day`,
    'the load balancer is shared by as many envs like this one as fit on a shard (listener rules, target groups); the env pays that share of its hours',
    `${LCU_PER_ENV} load balancer capacity units (LCU) per env, all day`,
    `the database adds ${DATABASE_ACU_HOURS_PER_DAY} ACU-hours a day to the tier's cluster (the cluster is the base's cost) and stores ${DATABASE_STORAGE_GB} GB`,
    'secrets: the env\'s own (envSecret) and its database credentials; shared secrets and SSM parameters are not the env\'s',
    `a month is ${DAYS_PER_MONTH} days; S3, DynamoDB on demand, log storage and data transfer are not counted`,
  ];
}
