import { gunzipSync } from 'node:zlib';
import { TIERS } from '../../src/definitions/base-definition';
import { loadBase } from '../../src/definitions/tiers';
import { monitoringRenderInput } from '../../src/monitoring/monitoring-settings';
import { renderMonitoring } from '../../src/monitoring/render-monitoring';
import { stackSpec } from '../../src/stacks/catalog';
import { ResourceBody, resourcesOf } from '../helpers/stack-json';
import { readStackJson, synthToTemp } from '../helpers/terraform-harness';

describe.each(TIERS)('monitoring in the %s base', (tier) => {
  const json = readStackJson(synthToTemp([stackSpec('base', tier)])[0]);
  const def = loadBase(tier);
  const one = (type: string) => {
    const all = Object.values(resourcesOf(json, type)).filter((r) => JSON.stringify(r).includes('monitoring'));
    expect(all).toHaveLength(1);
    return all[0];
  };

  it('runs on a host in a private subnet with IMDSv2 only, no SSH key, and an AMI resolved by EC2', () => {
    const template = one('aws_launch_template');
    const instance = resourcesOf(json, 'aws_instance').monitoring_instance;
    expect(template.metadata_options).toEqual(expect.objectContaining({ http_tokens: 'required' }));
    expect(instance.metadata_options).toEqual(expect.objectContaining({ http_tokens: 'required' }));
    expect(instance.subnet_id).toBe('${aws_subnet.network_private_a.id}');
    expect(template.key_name).toBeUndefined();
    expect(template.image_id).toBe('resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64');
    expect(resourcesOf(json, 'aws_iam_role_policy_attachment').monitoring_session_manager.policy_arn).toBe('arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore');
  });

  it('keeps its data on an encrypted volume of its own, which outlives the instance (and cannot be destroyed in prod)', () => {
    const volume = resourcesOf(json, 'aws_ebs_volume').monitoring_data;
    expect(volume).toEqual(expect.objectContaining({ encrypted: true, availability_zone: def.availabilityZones[0] }));
    expect(volume.lifecycle).toEqual(tier === 'prod' ? { prevent_destroy: true } : undefined);
    expect(resourcesOf(json, 'aws_volume_attachment').monitoring_data_attachment.volume_id).toBe('${aws_ebs_volume.monitoring_data.id}');
    const root = (one('aws_launch_template').block_device_mappings as ResourceBody[])[0].ebs as ResourceBody;
    expect(root.encrypted).toBe('true');
  });

  it('admits Grafana from the load balancer only and Prometheus from the VPC only', () => {
    const group = resourcesOf(json, 'aws_security_group').monitoring_security_group;
    expect((group.ingress as ResourceBody[]).map((r) => [r.from_port, r.security_groups ?? r.cidr_blocks])).toEqual([
      [3000, ['${aws_security_group.ingress_security_group.id}']],
      [9090, [def.vpcCidr]],
    ]);
  });

  it('serves Grafana at grafana.<domain> through the shared HTTPS listener', () => {
    const rule = resourcesOf(json, 'aws_lb_listener_rule').grafana_rule;
    expect(rule.listener_arn).toBe('${aws_lb_listener.ingress_https_listener.arn}');
    expect(rule.condition).toEqual([{ host_header: { values: [`grafana.${def.domain}`] } }]);
    expect(json.output?.grafana_url.value).toBe(`https://grafana.${def.domain}`);
  });

  it('starts with exactly the configuration `env render monitoring` writes, and no password in Terraform', () => {
    const userData = gunzipSync(Buffer.from(String(one('aws_launch_template').user_data), 'base64')).toString();
    expect(userData).toBe(renderMonitoring(monitoringRenderInput(def))['start-up.sh']);
    expect(json.resource?.aws_secretsmanager_secret_version).toBeUndefined();
    expect(resourcesOf(json, 'aws_secretsmanager_secret').monitoring_grafana_admin_password.name).toBe(`branchenv/${tier}/${def.vpcName}/grafana-admin`);
  });
});
