import type { EnvState } from '../../src/state/env-states';

// reap hands each env to drop by the name its state holds: never a string that is named again.
const onShardOne = { shard: 1, ingress: { listenerRules: 4, targetGroups: 2 }, fargate: { tasks: 2, onDemandVcpus: 0, spotVcpus: 0.5 } };
const states: EnvState[] = [
  { tier: 'stage', set: 'demo', env: 'feature-login-28bb00', key: 'stage/services/demo/feature-login-28bb00/terraform.tfstate', lastModified: new Date(0), expiresOn: '2020-01-01', resources: 3, branch: 'feature/Login-Form', ...onShardOne },
  { tier: 'stage', set: 'demo', env: 'Foo_Bar', key: 'stage/services/demo/Foo_Bar/terraform.tfstate', lastModified: new Date(0), expiresOn: '2020-01-01', resources: 1, ...onShardOne },
  { tier: 'stage', set: 'demo', env: 'develop', key: 'stage/services/demo/develop/terraform.tfstate', lastModified: new Date(0), expiresOn: '2020-01-01', resources: 3, branch: 'develop', ...onShardOne },
];
const drops: unknown[] = [];
jest.mock('../../src/cli/run-list', () => ({ withEnvStates: (_args: unknown, work: (s: EnvState[]) => unknown) => work(states) }));
jest.mock('../../src/cli/run-drop', () => ({ runDrop: async (args: unknown) => void drops.push(args) }));

import { runReap } from '../../src/cli/run-reap';
import { nameOf } from '../../src/env/env-target';
import { selectorFromArgs, EnvArgs } from '../../src/cli/env-options';

describe('reap --yes', () => {
  it('drops each expired, unprotected env by the exact name its state holds, reaching the same env, and never a name it does not make', async () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const errors: string[] = [];
    const writeError = jest.spyOn(process.stderr, 'write').mockImplementation((text) => errors.push(String(text)) > 0);
    try {
      await runReap({ tier: 'stage', local: false, out: '.branchenv', json: false, yes: true });
    } finally {
      write.mockRestore();
      writeError.mockRestore();
    }
    expect(errors.join('')).toContain('skipped stage/services/demo/Foo_Bar/terraform.tfstate: "Foo_Bar" is not an env name');
    expect(drops).toHaveLength(1);
    const args = drops[0] as EnvArgs;
    expect(args.selector).toEqual({ kind: 'name', name: 'feature-login-28bb00' });
    expect(nameOf(selectorFromArgs(args, '/nonexistent')).name).toBe('feature-login-28bb00');
    expect(args.set).toBe('demo');
  });
});
