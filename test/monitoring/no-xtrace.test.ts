import * as fs from 'node:fs';
import * as path from 'node:path';
import { CI_PROVIDERS, renderCi } from '../../src/ci/render-ci';
import { TIERS } from '../../src/definitions/base-definition';
import { loadBase } from '../../src/definitions/tiers';
import { monitoringRenderInput } from '../../src/monitoring/monitoring-settings';
import { renderMonitoring } from '../../src/monitoring/render-monitoring';

// xtrace writes every command as run, secrets expanded, into the log: no script branchenv generates
// or runs turns it on (set -x, set -o xtrace, bash -x, a -x shebang).
const XTRACE = /\bset\s+(-[A-Za-z]*x|-o\s+xtrace)|\b(ba)?sh\s+-[A-Za-z]*x\b|^#!.*\s-[A-Za-z]*x\b|SHELLOPTS=.*xtrace/m;
const root = path.resolve(__dirname, '../..');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const generated: [string, string][] = [
  ...TIERS.flatMap((tier) => Object.entries(renderMonitoring(monitoringRenderInput(loadBase(tier)))).map(([name, text]): [string, string] => [`${tier} monitoring ${name}`, text])),
  ...CI_PROVIDERS.map((provider): [string, string] => [
    `${provider} CI`,
    renderCi(provider, {
      branches: ['develop', 'feature*'], sets: ['demo'], tier: 'stage', region: 'eu-west-1', roleArn: 'arn:aws:iam::123456789012:role/ci',
      registry: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', reapAge: '7d', images: [{ set: 'demo', service: 'web', repository: 'r/web', context: 'services/web' }],
      defaultBranch: 'main', terraformVersion: '1.11.4',
    }),
  ]),
  ...[...filesUnder(path.join(root, 'src/templates')), ...filesUnder(path.join(root, 'scripts'))]
    .filter((f) => !f.endsWith('.ts'))
    .map((f): [string, string] => [path.relative(root, f), fs.readFileSync(f, 'utf8')]),
];

describe('scripts and commands branchenv generates or runs', () => {
  it('were all found', () => {
    expect(generated.map(([name]) => name)).toEqual(expect.arrayContaining(['stage monitoring start-up.sh', 'src/templates/monitoring/start-up.sh.hbs', 'scripts/env']));
  });

  it.each(generated)('%s does not turn on xtrace', (_name, text) => {
    // Comments may name xtrace; a shebang is a command.
    expect(text.split('\n').filter((line) => !/^\s*#(?!!)/.test(line) && XTRACE.test(line))).toEqual([]);
  });

  it('the pattern catches the forms of xtrace', () => {
    for (const line of ['set -euxo pipefail', 'set -x', 'set -o xtrace', 'bash -x run.sh', '#!/bin/bash -ex']) expect(XTRACE.test(line)).toBe(true);
    for (const line of ['set -euo pipefail', 'chmod +x f', 'tar -xzf a.tgz', 'set +x']) expect(XTRACE.test(line)).toBe(false);
  });
});
