import { runEnvScript } from '../helpers/env-script';

// `env --help` lists every command once, in groups, each on one line; each command's own help
// starts with its description.
describe('env --help', () => {
  const help = runEnvScript(['--help']);
  const listed = [...help.stdout.matchAll(/^ {2}([a-z-]+) {2,}\S/gm)].map((m) => m[1]);

  it('lists every command once, in groups', () => {
    expect(help.status).toBe(0);
    expect(listed.length).toBeGreaterThanOrEqual(13);
    expect(new Set(listed).size).toBe(listed.length);
    expect(help.stdout).toMatch(/^An env:\n {2}plan /m);
    expect(help.stdout).toMatch(/^Every env of a tier:\n/m);
    expect(help.stdout).toMatch(/^Operate an env:\n {2}status .*\n {2}logs .*\n {2}exec .*\n {2}graph /m);
    expect(runEnvScript(['--help', '--debug']).stdout).toBe(help.stdout);
  });

  it('keeps each command on one line of at most 140 characters', () => {
    for (const line of help.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(140);
  });

  it.each(['plan', 'drop', 'list', 'ci', 'secrets'])('gives %s its own help, starting with its description', (command) => {
    const own = runEnvScript([command, '--help']);
    expect(own.status).toBe(0);
    const description = new RegExp(`^ {2}${command} {2,}(.+)$`, 'm').exec(help.stdout)![1];
    expect(own.stdout.split('\n').slice(0, 5).join(' ').replace(/\s+/g, ' ')).toContain(description);
  });
});
