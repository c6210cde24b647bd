/** ECS and ELBv2 answers for the demo env, for aws-sdk-client-mock clients. */
import { DescribeServicesCommand, DescribeTasksCommand, ECSClient, ListTasksCommand, Service } from '@aws-sdk/client-ecs';
import { DescribeTargetGroupsCommand, DescribeTargetHealthCommand, ElasticLoadBalancingV2Client, TargetHealthStateEnum } from '@aws-sdk/client-elastic-load-balancing-v2';
import { AwsClientStub } from 'aws-sdk-client-mock';

export const CLUSTER = 'stage-main';
export const T0 = new Date('2026-11-22T07:00:00Z');
export const REGISTRY = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';

export interface ServiceShape {
  readonly desired?: number;
  readonly running?: number;
  readonly pending?: number;
  readonly revision?: number;
  readonly rollout?: 'COMPLETED' | 'IN_PROGRESS' | 'FAILED';
  readonly extraDeployments?: Service['deployments'];
  readonly events?: { at: Date; message: string }[];
}

export function taskDefinitionArn(ecsName: string, revision: number): string {
  return `arn:aws:ecs:eu-west-1:123456789012:task-definition/stage-${ecsName}:${revision}`;
}

export function service(ecsName: string, shape: ServiceShape = {}): Service {
  const desired = shape.desired ?? 1;
  const running = shape.running ?? desired;
  const taskDefinition = taskDefinitionArn(ecsName, shape.revision ?? 3);
  return {
    serviceName: ecsName,
    status: 'ACTIVE',
    desiredCount: desired,
    runningCount: running,
    pendingCount: shape.pending ?? 0,
    taskDefinition,
    deployments: [
      {
        id: `ecs-svc/${ecsName}-new`,
        status: 'PRIMARY',
        rolloutState: shape.rollout ?? 'COMPLETED',
        rolloutStateReason: shape.rollout === 'IN_PROGRESS' ? undefined : 'ECS deployment ecs-svc/new completed.',
        taskDefinition,
        desiredCount: desired,
        runningCount: running,
        pendingCount: shape.pending ?? 0,
        createdAt: T0,
      },
      ...(shape.extraDeployments ?? []),
    ],
    events: (shape.events ?? [{ at: T0, message: `(service ${ecsName}) has reached a steady state.` }]).map((e, i) => ({ id: `e${i}`, createdAt: e.at, message: e.message })),
  };
}

/** DescribeServices answers with these services (by name); ListTasks/DescribeTasks with `running` tasks each running `tag`. */
export function mockEcs(ecs: AwsClientStub<ECSClient>, services: readonly Service[], tag = 'feature-x-12-abc1234'): void {
  ecs.on(DescribeServicesCommand).callsFake((input: { services: string[] }) => ({
    services: services.filter((s) => input.services.includes(s.serviceName as string)),
    failures: input.services.filter((n) => !services.some((s) => s.serviceName === n)).map((n) => ({ arn: n, reason: 'MISSING' })),
  }));
  ecs.on(ListTasksCommand).callsFake((input: { serviceName: string }) => {
    const s = services.find((x) => x.serviceName === input.serviceName);
    return { taskArns: Array.from({ length: s?.runningCount ?? 0 }, (_, i) => `arn:task/${input.serviceName}/${i}`) };
  });
  ecs.on(DescribeTasksCommand).callsFake((input: { tasks: string[] }) => ({
    tasks: input.tasks.map((arn) => {
      const name = arn.split('/')[1];
      const short = name.split('--')[1];
      return {
        taskArn: arn,
        lastStatus: 'RUNNING',
        taskDefinitionArn: services.find((s) => s.serviceName === name)?.taskDefinition,
        containers: [
          { name: 'app', image: `${REGISTRY}/demo/${short}:${tag}` },
          { name: 'envoy', image: 'public.ecr.aws/envoyproxy/envoy:v1.31.2' },
        ],
      };
    }),
  }));
}

/** Every named target group exists with these target states. */
export function mockElb(elb: AwsClientStub<ElasticLoadBalancingV2Client>, states: Record<string, TargetHealthStateEnum[]>, reason?: { Reason: string; Description: string }): void {
  elb.on(DescribeTargetGroupsCommand).callsFake((input: { Names: string[] }) => {
    const name = input.Names[0];
    if (!(name in states)) {
      const error = new Error(`One or more target groups not found`);
      error.name = 'TargetGroupNotFoundException';
      throw error;
    }
    return { TargetGroups: [{ TargetGroupName: name, TargetGroupArn: `arn:tg/${name}` }] };
  });
  elb.on(DescribeTargetHealthCommand).callsFake((input: { TargetGroupArn: string }) => {
    const name = input.TargetGroupArn.slice('arn:tg/'.length);
    return {
      TargetHealthDescriptions: states[name].map((State, i) => ({
        Target: { Id: `10.0.1.${10 + i}`, Port: 8080 },
        TargetHealth: { State, ...(State === 'healthy' ? {} : reason) },
      })),
    };
  });
}
