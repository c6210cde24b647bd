import { TerraformStack, Testing } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { containerDefinition, ContainerSpec } from '../../modules/service/container-definitions';
import { FargateService } from '../../modules/service/fargate-service';

// CDKTF 0.21 writes a literal "${…}" or "%{…}" into the Terraform JSON as it is (Terraform then
// evaluates it), and while it resolves references it reads "${" in a string as the opening of an
// expression: references after an unclosed one lose their "${…}" and become plain text.
const NASTY = ['${aws_iam_role.x.arn}', '%{if true}x%{endif}', 'unclosed ${', '${${${', 'a}b${c', '$${already}', '100%{'];

function spec(extra: Partial<ContainerSpec> = {}): ContainerSpec {
  return { name: 'app', image: 'nginx:1.27', essential: true, readonlyRootFilesystem: true, ...extra };
}

describe('container definitions keep user text literal for Terraform', () => {
  it('escape template openings in every string a user gives: environment, secrets, command, health check', () => {
    const def = containerDefinition(
      spec({
        entryPoint: ['/bin/sh', '-c'],
        command: ['echo ${HOME} %{x}'],
        environment: { A: '${aws_iam_role.x.arn}', B: '%{if true}x%{endif}', C: 'plain' },
        secrets: [{ name: 'S', valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:s:${k}::' }],
        healthCheck: ['CMD-SHELL', 'test -n "${PORT}"'],
      }),
      { group: 'g', region: 'eu-west-1', streamPrefix: 'app' },
    );
    expect(def.environment).toEqual([
      { name: 'A', value: '$${aws_iam_role.x.arn}' },
      { name: 'B', value: '%%{if true}x%%{endif}' },
      { name: 'C', value: 'plain' },
    ]);
    expect(def.command).toEqual(['echo $${HOME} %%{x}']);
    expect(def.secrets).toEqual([{ name: 'S', valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:s:$${k}::' }]);
    expect((def.healthCheck as { command: string[] }).command).toEqual(['CMD', 'CMD-SHELL', 'test -n "$${PORT}"']);
  });

  it('keep CDKTF references (the log group, env backends) as references, whatever user text comes before them', () => {
    const synthesized = Testing.synthScope((scope) => {
      const stack = scope as TerraformStack;
      const logs = new CloudwatchLogGroup(stack, 'logs', { name: 'env-logs' });
      const bucket = new S3Bucket(stack, 'bucket', { bucket: 'env-bucket' });
      const environment = Object.fromEntries(NASTY.map((value, i) => [`V${i}`, value]));
      const containers = [
        spec({
          entryPoint: ['${'],
          command: [...NASTY, 'unclosed ${'],
          environment: { ...environment, BRANCHENV_BUCKET: bucket.bucket },
          secrets: [{ name: 'S', valueFrom: 'x:${' }],
          healthCheck: [...NASTY, 'x ${'],
        }),
        spec({ name: 'extra', command: ['unclosed ${'], environment: { Z: '${' } }),
      ].map((s) => containerDefinition(s, { group: logs.name, region: 'eu-west-1', streamPrefix: 'app' }));
      new FargateService(stack, 'svc', {
        serviceName: 's', taskFamily: 'f', discoveryName: 'd', namespaceId: 'ns', clusterArn: 'c', clusterName: 'c', subnetIds: ['a'],
        securityGroupIds: ['sg'], executionRoleArn: 'e', taskRoleArn: 't', cpu: 256, memory: 512, containers, capacityProvider: 'FARGATE',
      });
    });
    const json = JSON.parse(synthesized) as { resource: { aws_ecs_task_definition: Record<string, { container_definitions: string }> } };
    const defs = JSON.parse(Object.values(json.resource.aws_ecs_task_definition)[0].container_definitions) as {
      environment: { name: string; value: string }[];
      command: string[];
      logConfiguration: { options: Record<string, string> };
    }[];
    for (const def of defs) expect(def.logConfiguration.options['awslogs-group']).toBe('${aws_cloudwatch_log_group.logs.name}');
    expect(defs[0].environment.find((e) => e.name === 'BRANCHENV_BUCKET')?.value).toBe('${aws_s3_bucket.bucket.bucket}');
    // Every user value doubled its openings: Terraform reads each back as written.
    expect(defs[0].environment.filter((e) => e.name.startsWith('V')).map((e) => e.value.replace(/([$%])\1\{/g, '$1{'))).toEqual(NASTY);
    expect(defs[0].command.map((c) => c.replace(/([$%])\1\{/g, '$1{'))).toEqual([...NASTY, 'unclosed ${']);
  });
});
