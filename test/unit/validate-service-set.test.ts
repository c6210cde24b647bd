import { loadBase } from '../../src/definitions/tiers';
import { ServiceSetDefinition } from '../../src/definitions/service-set';
import { loadServiceSet } from '../../src/definitions/service-sets';
import { serviceSetProblems, validateServiceSet } from '../../src/definitions/validate-service-set';
import { DefinitionError } from '../../src/definitions/definition-error';
import { fargateSizeProblem } from '../../src/definitions/fargate';
import { service, set } from '../helpers/set-builders';

const base = loadBase('stage');

describe('service set validation', () => {
  it('accepts the shipped demo sets of stage and prod', () => {
    for (const tier of ['stage', 'prod'] as const) {
      expect(serviceSetProblems(loadServiceSet(tier, 'demo').definition, { base: loadBase(tier) })).toEqual([]);
    }
  });

  it('lists every problem of an invalid set with the path to its field', () => {
    const invalid = set([
      service('web', { calls: ['api', 'billing'] }),
      service('web'),
      service('api', { cpu: 256, memory: 4096 }),
      service('notifications', { routes: [{ hostPrefix: 'notifications-and-newsletters-for-all', path: '/n/*' }] }),
    ]);
    const problems = serviceSetProblems(invalid, { base });
    const at = (path: string) => problems.filter((p) => p.path === path).map((p) => p.message);
    expect(at('services[1].name')).toEqual([expect.stringMatching(/"web" is used by another service/)]);
    expect(at('services[0].calls[1]')).toEqual([expect.stringMatching(/"billing" is not a service of the set/)]);
    expect(at('services[2].memory')).toEqual([expect.stringMatching(/memory 4096 is not allowed with cpu 256; use 512, 1024, 2048/)]);
    expect(at('services[3].routes[0].hostPrefix')).toEqual([
      expect.stringMatching(/DNS label "notifications-and-newsletters-for-all--demo-x{20}" .* is 64 characters; the limit is 63/),
    ]);
    expect(problems).toHaveLength(4);
    expect(() => validateServiceSet(invalid, 'stage/services/demo.ts', { base })).toThrow(DefinitionError);
    expect(() => validateServiceSet(invalid, 'stage/services/demo.ts', { base })).toThrow(/\(4 problems\)/);
  });

  it('checks derived DNS labels against the actual env when one is given', () => {
    const tight = set([service('frontend-web', { routes: [{ hostPrefix: 'customer-self-service-portal-partners', path: '/*' }] })]);
    expect(serviceSetProblems(tight, { base, env: 'short' })).toEqual([]);
    expect(serviceSetProblems(tight, { base }).map((p) => p.path)).toEqual(['services[0].routes[0].hostPrefix']);
  });

  it('accepts ordinary names whose target group and role names are too long: they are shortened, not refused', () => {
    const shop = set([service('storefront', { routes: [{ path: '/*' }] }), service('recommendations')], { name: 'shop' });
    expect(serviceSetProblems(shop, { base })).toEqual([]);
    expect(serviceSetProblems(shop, { base, env: 'feature-login-28bb00' })).toEqual([]);
  });

  it('refuses secrets in plain environment, unknown backends and a public service without a path health check', () => {
    const problems = serviceSetProblems(
      set([
        service('web', { environment: { DB_PASSWORD: 'hunter2' }, uses: ['bucket'], routes: [{ path: '/*' }], healthCheck: { command: ['true'] } }),
      ]),
      { base },
    );
    expect(problems.map((p) => p.path).sort()).toEqual(['services[0].environment.DB_PASSWORD', 'services[0].healthCheck', 'services[0].uses']);
  });

  it('refuses two services routed at the same host and path, and ports Envoy uses', () => {
    const problems = serviceSetProblems(
      set([service('web', { routes: [{ path: '/*' }] }), service('api', { port: 15000, routes: [{ path: '/*' }] })]),
      { base },
    );
    expect(problems.map((p) => p.path).sort()).toEqual(['services[1].port', 'services[1].routes[0]']);
  });

  it('refuses a set name with a dash, which would make env names ambiguous', () => {
    expect(serviceSetProblems(set([service('web')], { name: 'my-set' }), { base }).map((p) => p.path)).toEqual(['name']);
  });
});

describe('Fargate sizes', () => {
  it.each([
    [256, 512, true],
    [512, 4096, true],
    [1024, 1024, false],
    [4096, 30720, true],
    [300, 1024, false],
  ])('cpu %i with memory %i accepted: %s', (cpu, memory, ok) => {
    expect(fargateSizeProblem(cpu, memory) === undefined).toBe(ok);
  });
});

describe('writable root filesystems', () => {
  it('need a reason a reviewer can judge, for the app and for every extra container', () => {
    const base = loadBase('stage');
    const set: ServiceSetDefinition = {
      name: 'demo',
      tier: 'stage',
      services: [
        {
          name: 'web',
          image: { repository: 'demo/web' },
          port: 8080,
          cpu: 256,
          memory: 512,
          healthCheck: { path: '/' },
          writableRootFilesystem: { reason: 'tmp' },
          extraContainers: [{ name: 'cache', image: 'redis:7', memory: 128, writableRootFilesystem: { reason: 'needs' } }],
        },
      ],
    };
    expect(serviceSetProblems(set, { base }).map((p) => p.path)).toEqual([
      'services[0].extraContainers[0].writableRootFilesystem.reason',
      'services[0].writableRootFilesystem.reason',
    ]);
  });
});

describe('health check paths', () => {
  it.each(['/h${file("/etc/passwd")}', '/a b', '/%{if true}x%{endif}', 'healthz'])('refuse %j, which Terraform or the load balancer would misread', (healthPath) => {
    const problems = serviceSetProblems(set([service('web', { healthCheck: { path: healthPath } })]), { base });
    expect(problems.map((p) => p.path)).toEqual(['services[0].healthCheck.path']);
  });

  it('accept ordinary URL paths', () => {
    expect(serviceSetProblems(set([service('web', { healthCheck: { path: '/healthz?full=1&x=%20' } })]), { base })).toEqual([]);
  });
});
