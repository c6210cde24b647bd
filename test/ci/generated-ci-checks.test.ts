/**
 * Every CI file the tests generate, for every provider and a spread of settings, checked by tools
 * that are not ours: the providers' own schemas, GitLab's regex-literal rule, yamllint, shellcheck.
 */
import { CI_PROVIDERS } from '../../src/ci/render-ci';
import {
  gitlabIfProblems,
  gitlabRuleIfs,
  parseCi,
  SCHEMA_DIR,
  SCHEMAS_PRESENT,
  schemaErrors,
  SHELLCHECK_PRESENT,
  shellBlocks,
  shellcheckFindings,
  YAMLLINT_PRESENT,
  yamllintErrors,
} from '../helpers/ci-checks';
import { runEnvScript } from '../helpers/env-script';

/** Settings combinations: the defaults, then each non-default choice the generator makes a branch for. */
export const CI_VARIANTS: Record<string, string[]> = {
  defaults: [],
  'prod, release/* and a set named twice, GHCR': ['--tier', 'prod', '--branches', 'main', '--branches', 'release/*', '--set', 'demo', '--set', 'demo', '--registry', 'ghcr.io/example-org'],
  'Docker Hub, default branch develop (an env branch)': ['--registry', 'docker.io/exampleorg', '--default-branch', 'develop', '--branches', 'develop', '--branches', 'feature/**'],
  'GitLab registry, patterns with dots and duplicates': ['--registry', 'registry.gitlab.com/example-org/app', '--branches', 'v1.2/*', '--branches', 'v1.2/*', '--branches', 'hotfix-*'],
  'own registry with a port, other Terraform': ['--registry', 'registry.example.com:5000/team', '--terraform-version', '1.12.1', '--reap-age', '3d'],
};

function generate(provider: string, args: readonly string[]): string {
  const result = runEnvScript(['ci', provider, '--stdout', ...args]);
  if (result.status !== 0) throw new Error(`env ci ${provider} ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

const cases = Object.entries(CI_VARIANTS).flatMap(([variant, args]) => CI_PROVIDERS.map((provider) => ({ variant, provider, text: generate(provider, args) })));

if (!SCHEMAS_PRESENT) console.warn(`SKIPPED schema checks of the generated CI files: ${SCHEMA_DIR} does not exist (it holds GitLab's, CircleCI's and GitHub's schemas)`);
if (!SHELLCHECK_PRESENT) console.warn('SKIPPED shellcheck of the generated CI files: shellcheck is not on PATH (apt-get install shellcheck)');
if (!YAMLLINT_PRESENT) console.warn('SKIPPED yamllint of the generated CI files: yamllint is not on PATH (apt-get install yamllint)');

describe.each(cases)('$provider CI, $variant', ({ provider, text }) => {
  const config = parseCi(text);

  it('is YAML without duplicate keys', () => {
    expect(Object.keys(config).length).toBeGreaterThan(3);
  });

  (SCHEMAS_PRESENT ? it : it.skip)(`is valid against the provider's own schema${SCHEMAS_PRESENT ? '' : ' (SKIPPED: ../shared/schemas/ci is missing)'}`, () => {
    expect(schemaErrors(provider, config)).toEqual([]);
  });

  (YAMLLINT_PRESENT ? it : it.skip)(`passes yamllint${YAMLLINT_PRESENT ? '' : ' (SKIPPED: no yamllint)'}`, () => {
    expect(yamllintErrors(text)).toEqual([]);
  });

  (SHELLCHECK_PRESENT ? it : it.skip)(`has no shellcheck warning in any shell block${SHELLCHECK_PRESENT ? '' : ' (SKIPPED: no shellcheck)'}`, () => {
    const blocks = shellBlocks(provider, config);
    expect(blocks.length).toBeGreaterThan(5);
    expect(shellcheckFindings(blocks)).toEqual([]);
  });

  if (provider === 'gitlab') {
    it('has rules:if regex literals GitLab can read', () => {
      const ifs = gitlabRuleIfs(config);
      expect(ifs.length).toBeGreaterThan(5);
      expect(ifs.flatMap(({ where, expression }) => gitlabIfProblems(expression).map((p) => `${where}: ${p}`))).toEqual([]);
    });
  }
});

describe('the checks themselves', () => {
  it('find an unescaped "/" in a GitLab regex literal, and accept it escaped', () => {
    expect(gitlabIfProblems('$CI_COMMIT_BRANCH =~ /^(release/.*)$/ && $CI_PIPELINE_SOURCE == "push"')).not.toEqual([]);
    expect(gitlabIfProblems('$CI_COMMIT_BRANCH =~ /^(release\\/.*)$/ && $CI_PIPELINE_SOURCE == "push"')).toEqual([]);
  });

  (SHELLCHECK_PRESENT ? it : it.skip)('report what shellcheck warns about', () => {
    expect(shellcheckFindings([{ name: 'x', shell: 'bash', body: 'export A=$(false)\nrm -rf $DIR/x' }]).length).toBeGreaterThan(0);
  });

  (SCHEMAS_PRESENT ? it : it.skip)('report a schema error', () => {
    expect(schemaErrors('gitlab', { job: { script: 'x', when: 'sometimes' } })).not.toEqual([]);
    expect(schemaErrors('circleci', { version: 2.1, jobs: { a: { steps: [{ nope: {} }] } } })).not.toEqual([]);
    expect(schemaErrors('github', { on: 'push', jobs: { a: { 'runs-on': 'x', steps: [{ run: 'x', wiht: {} }] } } })).not.toEqual([]);
  });
});
