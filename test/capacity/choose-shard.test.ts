import { chooseShard, StateReader } from '../../src/capacity/choose-shard';
import type { EnvState } from '../../src/state/env-states';
import { envState } from '../helpers/env-state';

const DEMO = { listenerRules: 4, targetGroups: 2 };
const KEY = 'stage/services/demo/feature-x/terraform.tfstate';

const state = (env: string, shard: number, rules: number, targetGroups = rules / 2): EnvState =>
  envState(env, { resources: rules + targetGroups, shard, ingress: { listenerRules: rules, targetGroups } });

/** A reader over fixed states that counts what it was asked. */
function reader(own: EnvState | undefined, tier: EnvState[]): StateReader & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    own: async () => (reads.push('own'), own),
    tier: async () => (reads.push('tier'), { states: tier, unreadable: [] }),
  };
}

const choose = (states: StateReader, extra: { shards?: number; asked?: number; creates?: boolean } = {}) =>
  chooseShard({ shards: extra.shards ?? 4, asked: extra.asked, creates: extra.creates ?? true, states, needs: DEMO, baseFile: 'stage/base.ts' });

describe('choosing the shard of an env', () => {
  it('reads no state when the base has one shard', async () => {
    const states = reader(undefined, []);
    expect(await choose(states, { shards: 1 })).toEqual({ shard: 1, how: 'only' });
    expect(states.reads).toEqual([]);
  });

  it('takes --shard as given, without reading states (the owner check compares it with the record later)', async () => {
    const states = reader(state('feature-x', 3, 4), []);
    expect(await choose(states, { asked: 2 })).toEqual({ shard: 2, how: 'asked' });
    expect(states.reads).toEqual([]);
  });

  it('keeps an applied env on the shard its state records, without listing the tier', async () => {
    const states = reader({ ...state('feature-x', 3, 4), key: KEY }, [state('a', 1, 80)]);
    expect(await choose(states)).toEqual({ shard: 3, how: 'recorded' });
    expect(states.reads).toEqual(['own']);
  });

  it('places a new env on the shard with most room, not counting its own empty state', async () => {
    const dropped = { ...state('feature-x', 4, 0, 0), key: KEY };
    const states = reader(dropped, [state('a', 1, 40), state('b', 2, 20), state('c', 3, 8), state('d', 4, 12), dropped]);
    const choice = await choose(states);
    expect(choice).toMatchObject({ shard: 3, how: 'placed' });
    expect(choice.use?.map((u) => u.listenerRules)).toEqual([40, 20, 8, 12]);
    expect(states.reads).toEqual(['own', 'tier']);
  });

  it('leaves an env without state on shard 1 for commands that do not create (drop, show)', async () => {
    const states = reader(undefined, [state('a', 1, 96)]);
    expect(await choose(states, { creates: false })).toEqual({ shard: 1, how: 'unplaced' });
    expect(states.reads).toEqual(['own']);
  });

  it('refuses a new env when every shard is full, naming the limit and what to raise', async () => {
    const full = [1, 2, 3, 4].map((shard) => state(`full-${shard}`, shard, 100, 10));
    await expect(choose(reader(undefined, full))).rejects.toThrow(/no ingress shard has room for this env \(4 listener rules, 2 target groups\)/);
    await expect(choose(reader(undefined, full))).rejects.toMatchObject({ hint: expect.stringContaining('raise ingress.shards in stage/base.ts') });
  });
});
