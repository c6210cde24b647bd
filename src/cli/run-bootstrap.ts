/**
 * `env bootstrap --tier <tier>`: what the tool needs before any base or env, in one command: the
 * state bucket, the ECR repositories of the tier's per-branch images and, when the base names its
 * CI, the CI's OIDC provider and role (the bootstrap stack, catalog kind `state-bucket`), applied with local state
 * (the bucket does not exist yet), that state then moved into the bucket and the local copy removed.
 * Idempotent: run again, it says what exists, or applies what is new (a new set's repositories); an
 * interrupted run goes on where it stopped. Refuses credentials of another account than the tier's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { callerAccount } from '../aws/caller-account';
import { loadBase } from '../definitions/tiers';
import { UserError } from '../errors/user-error';
import { stateBucketStateKey } from '../names/state-keys';
import { countsLine, operationCount } from '../report/plan-summary';
import { stackSpec } from '../stacks/catalog';
import { s3ClientFor } from '../state/env-states';
import { synthesize } from '../synth/synthesize';
import { terraformReady } from '../terraform/run-terraform';
import { applyPlan, initIfNeeded, migrateState, Workspace } from '../terraform/workspace';
import { progressTracker } from './apply-progress';
import type { BootstrapArgs } from './command-args';
import { confirm } from './prompt';
import { planAndSummarize } from './run-plan';
import { cliConfigFor } from './terraform-setup';

type ObjectState = 'present' | 'no-key' | 'no-bucket';

async function stateObject(access: { bucket: string; region: string }, key: string): Promise<ObjectState> {
  const { GetObjectCommand } = await import('@aws-sdk/client-s3');
  const client = await s3ClientFor(access);
  try {
    const object = await client.send(new GetObjectCommand({ Bucket: access.bucket, Key: key }));
    await object.Body?.transformToString();
    return 'present';
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'NoSuchKey') return 'no-key';
    if (name === 'NoSuchBucket') return 'no-bucket';
    if (name === 'AccessDenied') {
      throw new UserError(`the state bucket ${access.bucket} exists and these credentials may not read it: it belongs to someone else, or the role lacks s3:GetObject`, 'bucket names are global: pick another state.bucket in the base definition, or use credentials allowed to read it');
    }
    throw error;
  } finally {
    client.destroy();
  }
}

export async function runBootstrap(args: BootstrapArgs): Promise<void> {
  await terraformReady();
  const base = loadBase(args.tier);
  const source = `${args.tier}/base.ts`;
  const account = await callerAccount(base.state.region);
  if (account !== base.accountId) {
    throw new UserError(`these credentials are for account ${account}; the ${args.tier} base is in account ${base.accountId}`, `sign in to ${base.accountId}, or correct accountId in ${source}`);
  }
  const access = { bucket: base.state.bucket, region: base.state.region };
  const key = stateBucketStateKey();
  const found = await stateObject(access, key);
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const out = path.resolve(args.out);
  const options = { fallbackBranch: args.fallbackBranch };
  if (found === 'present') {
    // Bootstrapped before: bring what it holds up to date (a new set's repositories), or say it is.
    const [stack] = synthesize([stackSpec('state-bucket', args.tier, options)], out);
    const current: Workspace = { dir: stack.dir, cliConfigFile: cliConfigFor(out) };
    await initIfNeeded(current);
    const { summary } = await planAndSummarize(current);
    if (!summary.hasChanges) {
      say(`state bucket ${access.bucket} exists and holds its own state (s3://${access.bucket}/${key}), and the tier's repositories exist: nothing to do`);
      return;
    }
    say(`bootstrap stack of ${args.tier}: ${countsLine(summary)}`);
    if (!args.yes && !(await confirm(`Apply these changes to the ${args.tier} bootstrap stack?`, '--yes'))) throw new UserError('not applied', 'nothing changed');
    await applyPlan(current, progressTracker(operationCount(summary), say));
    return;
  }
  const [bootstrapStack] = synthesize([stackSpec('state-bucket', args.tier, { ...options, bootstrap: true })], out);
  const workspace: Workspace = { dir: bootstrapStack.dir, cliConfigFile: cliConfigFor(out) };
  const localState = path.join(workspace.dir, 'terraform.tfstate');
  if (found === 'no-key' && !fs.existsSync(localState)) {
    throw new UserError(
      `the bucket ${access.bucket} exists but holds no state of its own (${key}): it was not made by env bootstrap, or its local state is lost`,
      `pick another state.bucket in ${source}, or bring it under Terraform by hand (terraform import in ${path.relative(process.cwd(), workspace.dir) || '.'})`,
    );
  }
  if (found === 'no-bucket') {
    // 1. The bucket, with the stack's state kept locally: the bucket cannot hold it before it exists.
    await initIfNeeded(workspace);
    const { summary } = await planAndSummarize(workspace);
    say(`state bucket ${access.bucket} and the ${args.tier} image repositories in ${base.state.region}: ${summary.hasChanges ? countsLine(summary) : 'no changes'}`);
    if (summary.hasChanges) {
      if (!args.yes && !(await confirm(`Create the state bucket ${access.bucket} and the image repositories in account ${account}?`, '--yes'))) throw new UserError('not bootstrapped', 'nothing changed');
      await applyPlan(workspace, progressTracker(operationCount(summary), say));
    }
  } else {
    say(`state bucket ${access.bucket} exists; its state is still local (${path.relative(process.cwd(), localState)}): moving it into the bucket`);
  }
  // 2. Its state into the bucket it created, then the local copy removed.
  synthesize([stackSpec('state-bucket', args.tier, options)], out);
  await migrateState(workspace);
  if ((await stateObject(access, key)) !== 'present') {
    throw new UserError(`terraform did not copy the state into s3://${access.bucket}/${key}; the local copy is kept (${localState})`, 'run env bootstrap again');
  }
  for (const file of ['terraform.tfstate', 'terraform.tfstate.backup']) fs.rmSync(path.join(workspace.dir, file), { force: true });
  say(`state bucket ${access.bucket} is ready; its own state is in s3://${access.bucket}/${key}`);
}
