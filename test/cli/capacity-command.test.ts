import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runEnvScript } from '../helpers/env-script';
import { FakeStateBucket, startFakeStateBucket, stateWith } from '../helpers/fake-state-bucket';

// `env capacity` through the real entry, with a stand-in state bucket and Service Quotas.
const BUCKET = 'branchenv-tfstate-111111111111-eu-west-1';
let bucket: FakeStateBucket;
let cwd: string;

beforeAll(async () => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-capacity-'));
  bucket = await startFakeStateBucket(path.join(cwd, 'bucket'));
  const demoEnv = (name: string, shard: number) =>
    bucket.put(BUCKET, `stage/services/demo/${name}/terraform.tfstate`, stateWith({ env: name, shard }, { aws_lb_listener_rule: 4, aws_lb_target_group: 2 }));
  demoEnv('a', 2);
  demoEnv('b', 3);
  bucket.setQuotas({ 'L-36FBB829': 40, 'default:L-3032A538': 6 });
});
afterAll(() => bucket.close());

const env = (args: string[]) => runEnvScript(args, { cwd, env: { ...bucket.env } });

describe('env capacity', () => {
  it('prints each shard`s and the account`s used/limit for the tier', () => {
    const result = env(['capacity', '--tier', 'stage']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('stage: 2 live env(s) on 5 ingress shard(s)');
    expect(result.stdout).toContain('  shard 1: 0 env(s), listener rules 1/100 (1%), target groups 1/100 (1%)');
    expect(result.stdout).toContain('  shard 2: 1 env(s), listener rules 4/100 (4%), target groups 2/100 (2%)');
    expect(result.stdout).toContain('account: Fargate on-demand vCPUs 0/6 (0%), Fargate Spot vCPUs 0/40 (0%)');
  });

  it('gives the same as JSON with --json', () => {
    const result = env(['capacity', '--json']);
    expect(result.status).toBe(0);
    const capacity = JSON.parse(result.stdout);
    expect(capacity.shards.map((s: { envs: number }) => s.envs)).toEqual([0, 1, 1, 0, 0]);
    expect(capacity.account.fargateSpotVcpus).toEqual({ used: 0, limit: 40 });
    expect(capacity.quotasNotRead).toEqual([]);
  });

  it('is listed under the tier`s commands in env --help', () => {
    expect(env(['--help']).stdout).toMatch(/Every env of a tier:[\s\S]*capacity/);
  });
});
