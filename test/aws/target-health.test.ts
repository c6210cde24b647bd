import { DescribeTargetGroupsCommand, DescribeTargetHealthCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { targetGroupHealth } from '../../src/aws/target-health';

const elb = mockClient(ElasticLoadBalancingV2Client);
const client = () => new ElasticLoadBalancingV2Client({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });

beforeEach(() => elb.reset());

describe('targetGroupHealth', () => {
  it('finds each group by name and reads its targets` health', async () => {
    elb.on(DescribeTargetGroupsCommand, { Names: ['demo-x--web'] }).resolves({ TargetGroups: [{ TargetGroupArn: 'arn:tg/web' }] });
    elb.on(DescribeTargetHealthCommand, { TargetGroupArn: 'arn:tg/web' }).resolves({
      TargetHealthDescriptions: [
        { Target: { Id: '10.0.1.5', Port: 8080 }, TargetHealth: { State: 'healthy' } },
        { Target: { Id: '10.0.1.6', Port: 8080 }, TargetHealth: { State: 'unhealthy', Reason: 'Target.ResponseCodeMismatch', Description: 'Health checks failed with these codes: [502]' } },
      ],
    });
    const [web] = await targetGroupHealth(client(), ['demo-x--web']);
    expect(web).toEqual({
      name: 'demo-x--web',
      found: true,
      arn: 'arn:tg/web',
      targets: [
        { id: '10.0.1.5', port: 8080, state: 'healthy', reason: undefined, description: undefined },
        { id: '10.0.1.6', port: 8080, state: 'unhealthy', reason: 'Target.ResponseCodeMismatch', description: 'Health checks failed with these codes: [502]' },
      ],
    });
  });

  it('says a group is not found without hiding the others', async () => {
    const notFound = new Error('One or more target groups not found');
    notFound.name = 'TargetGroupNotFoundException';
    elb.on(DescribeTargetGroupsCommand, { Names: ['gone'] }).rejects(notFound);
    elb.on(DescribeTargetGroupsCommand, { Names: ['here'] }).resolves({ TargetGroups: [{ TargetGroupArn: 'arn:tg/here' }] });
    elb.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [] });
    const groups = await targetGroupHealth(client(), ['gone', 'here']);
    expect(groups.map((g) => [g.name, g.found])).toEqual([
      ['gone', false],
      ['here', true],
    ]);
  });

  it('passes other errors on', async () => {
    const denied = new Error('not authorized to perform: elasticloadbalancing:DescribeTargetGroups');
    denied.name = 'AccessDenied';
    elb.on(DescribeTargetGroupsCommand).rejects(denied);
    await expect(targetGroupHealth(client(), ['x'])).rejects.toThrow('DescribeTargetGroups');
  });
});
