import { runEnvScript } from '../helpers/env-script';

/** Every command that talks to AWS (or GitHub) says in its --help which credentials it needs. */
const COMMANDS = [
  'plan', 'apply', 'drop', 'show', 'status', 'logs', 'exec', 'list', 'reap', 'capacity', 'drift', 'bootstrap',
  'base plan', 'base apply', 'base show', 'base changed', 'sleep', 'wake', 'cost', 'secrets set', 'secrets list',
  'secrets rm', 'comment', 'ci', 'tag', 'images', 'graph', 'drop-base',
];

describe('--help of each command', () => {
  it.each(COMMANDS)('%s says which credentials it needs (or that it needs none)', (command) => {
    const result = runEnvScript([...command.split(' '), '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Credentials: |AWS permissions needed: |Needs no credentials|Needs AWS's session-manager-plugin on PATH, and ecs:/);
  });
});
