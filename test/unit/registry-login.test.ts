import { registryLogin } from '../../src/ci/registry-login';

describe('the registry CI logs in to', () => {
  it.each([
    ['111111111111.dkr.ecr.eu-west-1.amazonaws.com', { kind: 'ecr', host: '111111111111.dkr.ecr.eu-west-1.amazonaws.com' }],
    ['111111111111.dkr.ecr.eu-west-1.amazonaws.com/team', { kind: 'ecr', host: '111111111111.dkr.ecr.eu-west-1.amazonaws.com' }],
    ['ghcr.io/example-org', { kind: 'ghcr', host: 'ghcr.io' }],
    ['registry.gitlab.com/example-org/app', { kind: 'gitlab', host: 'registry.gitlab.com' }],
    ['docker.io/exampleorg', { kind: 'other', host: 'docker.io' }],
    ['exampleorg', { kind: 'other', host: 'docker.io' }],
    ['registry.example.com:5000/team', { kind: 'other', host: 'registry.example.com:5000' }],
    ['localhost/team', { kind: 'other', host: 'localhost' }],
  ])('%s', (registry, expected) => {
    expect(registryLogin(registry)).toEqual(expected);
  });
});
