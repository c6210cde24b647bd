import type { EnvState } from '../../src/state/env-states';

/** A stage demo env's state as the state listing reads it, on shard 1 with a small footprint; `over` changes any part. */
export function envState(env: string, over: Partial<EnvState> = {}): EnvState {
  return {
    tier: 'stage',
    set: 'demo',
    env,
    key: `stage/services/demo/${env}/terraform.tfstate`,
    lastModified: new Date(0),
    resources: 10,
    shard: 1,
    ingress: { listenerRules: 4, targetGroups: 2 },
    fargate: { tasks: 2, onDemandVcpus: 0, spotVcpus: 0.5 },
    ...over,
  };
}
