import { loadBase } from '../../src/definitions/tiers';
import { ServiceDefinition, ServiceSetDefinition } from '../../src/definitions/service-set';
import { serviceSetProblems } from '../../src/definitions/validate-service-set';

const base = loadBase('stage');
const service = (extra: Partial<ServiceDefinition> = {}): ServiceDefinition => ({
  name: 'web',
  image: { repository: 'demo/web' },
  port: 8080,
  cpu: 256,
  memory: 512,
  healthCheck: { path: '/healthz' },
  ...extra,
});
const problemsOf = (s: ServiceDefinition, extra: Partial<ServiceSetDefinition> = {}) =>
  serviceSetProblems({ name: 'demo', tier: 'stage', services: [s], ...extra }, { base }).map((p) => `${p.path}: ${p.message}`);

describe('values of a set that reach Terraform', () => {
  it('checks fixed images by the image reference grammar, with the field path and what is wrong', () => {
    expect(problemsOf(service({ image: { fixed: 'nginx:${var.tag}' } }))).toEqual([expect.stringMatching(/^services\[0\]\.image\.fixed: "nginx:\$\{var.tag\}": contains "\$"/)]);
    expect(problemsOf(service({ image: { fixed: 'Nginx/Web:1.27' } }))).toEqual([expect.stringMatching(/^services\[0\]\.image\.fixed: .*must be lower case: write web/)]);
    expect(problemsOf(service({ image: { fixed: 'nginx:' } }))).toEqual([expect.stringMatching(/empty tag/)]);
    expect(problemsOf(service({ image: { fixed: 'nginx' } }))).toEqual(['services[0].image.fixed: "nginx" needs a tag or digest, e.g. nginx:1.27']);
    expect(problemsOf(service({ image: { fixed: 'localhost:5000/demo/web:1' } }))).toEqual([]);
  });

  it('checks extra containers, the Envoy image and the set registry the same way', () => {
    const extra = { name: 'log', image: 'fluent/fluent-bit:%{if true}3%{endif}' };
    expect(problemsOf(service({ extraContainers: [extra] }))).toEqual([expect.stringMatching(/^services\[0\]\.extraContainers\[0\]\.image: .*contains "%"/)]);
    expect(problemsOf(service(), { envoyImage: 'envoyproxy/envoy:${x}' })).toEqual([expect.stringMatching(/^envoyImage: .*contains "\$"/)]);
    expect(problemsOf(service(), { registry: 'ghcr.io/${org}' })).toEqual([expect.stringMatching(/^registry: .*contains "\$"/)]);
    expect(problemsOf(service(), { registry: 'ghcr.io/org', envoyImage: 'envoyproxy/envoy:v1.31.6' })).toEqual([]);
  });

  it('lets any text through as an environment value (it is escaped for Terraform), but not CDKTF token markers', () => {
    expect(problemsOf(service({ environment: { A: '${aws_iam_role.x.arn}', B: '%{if true}x%{endif}', C: 'x}{${' } }))).toEqual([]);
    expect(problemsOf(service({ environment: { A: 'x${TfToken[TOKEN.1]}' } }))).toEqual([expect.stringMatching(/^services\[0\]\.environment\.A: contains "\$\{TfToken\["/)]);
  });

  it('refuses secret ARNs with characters no secret or parameter name has', () => {
    const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-${x}';
    expect(problemsOf(service({ secrets: { DB: { secretsManager: arn } } }))).toEqual([expect.stringMatching(/^services\[0\]\.secrets\.DB: .*is not a Secrets Manager secret name or ARN/)]);
    expect(problemsOf(service({ secrets: { Q: { ssmParameter: 'arn:aws:ssm:eu-west-1:123456789012:parameter/q%{x}' } } }))).toEqual([expect.stringMatching(/is not a SSM parameter/)]);
    expect(problemsOf(service({ secrets: { DB: { secretsManager: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:demo/db-AbCdEf' } } }))).toEqual([]);
  });
});
