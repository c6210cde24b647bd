/**
 * What each AWS-touching command needs, said in its --help (README: "IAM actions of the commands
 * that read AWS" has the full table). One place, so the commands say it the same way.
 */
const SOURCE = 'Credentials: the tier\'s account (AWS_PROFILE, aws sso login or AWS_* variables; the CI role env bootstrap creates holds all of it)';

export const CREDENTIALS_HELP = {
  plan: `${SOURCE}: read access to the state bucket and to what the env holds (a plan refreshes it), ecr:DescribeImages for the image tags, secretsmanager:ListSecrets for a set with env secrets, Service Quotas reads for a new env. None with --local.`,
  apply: `${SOURCE}: what plan needs, plus the rights to create, change and delete what the env holds and to write the state bucket; the smoke test reads ECS services and target health. None with --local --simulate.`,
  drop: `${SOURCE}: the rights to delete what the env holds, the state bucket (read, write), secretsmanager:DeleteSecret on branchenv/<tier>/* for env secrets.`,
  show: `${SOURCE}: s3:GetObject on the env's state (its outputs); with --reveal secretsmanager:GetSecretValue on branchenv/<tier>/<set>/<env>/database-*. None with --local.`,
  logs: `${SOURCE}: logs:FilterLogEvents (and logs:StartLiveTail for --follow) on /branchenv/<tier>/* log groups, and the state bucket's read access.`,
  list: `${SOURCE}: s3:ListBucket and s3:GetObject on the state bucket. None with --local.`,
  reap: `${SOURCE}: s3:ListBucket and s3:GetObject on the state bucket; with --yes what drop needs for each env it drops.`,
  capacity: `${SOURCE}: s3:ListBucket and s3:GetObject on the state bucket, servicequotas:GetServiceQuota and GetAWSDefaultServiceQuota.`,
  images: `${SOURCE} when the registry is ECR: ecr:ListImages; other registries: their own anonymous or token access.`,
  graph: 'Credentials: none (it reads the synthesized stack).',
  cost: 'Credentials: none (it prices the synthesized stack from a dated table).',
  secrets: `${SOURCE}: secretsmanager:ListSecrets, and CreateSecret, PutSecretValue, RestoreSecret, TagResource (set) or DeleteSecret (rm) on branchenv/<tier>/*.`,
  dropBase: `${SOURCE}: s3:ListBucket and s3:GetObject on the state bucket, and the rights to delete what the base holds.`,
  tag: 'Credentials: none (git only).',
} as const;
