/** Issue 10 (graph): images are drawn from the flags or as the branch tag pattern, never looked up. */
import { UserError } from '../../src/errors/user-error';
import { demoGraph } from './graph-fixtures';

const imageOf = (graph: ReturnType<typeof demoGraph>, service: string) => graph.nodes.find((n) => n.id === `service:${service}`)?.details[0];
const ECR = '111111111111.dkr.ecr.eu-west-1.amazonaws.com';

describe('images in the graph', () => {
  it('without flags: <repository>:<env>-<count>-<sha>, and the legend says it is the branch tag pattern', () => {
    const graph = demoGraph();
    expect(imageOf(graph, 'api')).toBe(`${ECR}/demo/api:feature-login-28bb00-<count>-<sha>`);
    expect(graph.legend[0]).toMatch(/^images: <repository>:feature-login-28bb00-<count>-<sha> is the newest tag of the branch, else of develop/);
  });

  it('with --tag and --image: the references those flags give (chooseImages), and the legend says so', () => {
    const graph = demoGraph({ tag: 'develop-40-9f8e7d6', image: ['api=ghcr.io/acme/api:1.4.2'] });
    expect(imageOf(graph, 'web')).toBe(`${ECR}/demo/web:develop-40-9f8e7d6`);
    expect(imageOf(graph, 'api')).toBe('ghcr.io/acme/api:1.4.2');
    expect(graph.legend[0]).toMatch(/^images: --tag develop-40-9f8e7d6 .*--image pins as given/);
  });

  it('with --image alone: pinned services as given, the others as the pattern', () => {
    const graph = demoGraph({ image: ['api=ghcr.io/acme/api:1.4.2'] });
    expect(imageOf(graph, 'api')).toBe('ghcr.io/acme/api:1.4.2');
    expect(imageOf(graph, 'worker')).toBe(`${ECR}/demo/worker:feature-login-28bb00-<count>-<sha>`);
  });

  it('--registry replaces the registry host; a pin of an unknown service and a bad --registry are refused', () => {
    expect(imageOf(demoGraph({ registry: '127.0.0.1:5000' }), 'web')).toBe('127.0.0.1:5000/demo/web:feature-login-28bb00-<count>-<sha>');
    expect(() => demoGraph({ image: ['nope=ghcr.io/acme/x:1'] })).toThrow(/--image names nope, not in set demo/);
    expect(() => demoGraph({ registry: 'Bad Host' })).toThrow(UserError);
  });
});
