import { formatViolations, runPolicyPack } from '../../src/policy/pack';
import { TerraformJson } from '../../src/synth/terraform-json';

const subnet = (extra: object = {}) => ({ map_public_ip_on_launch: true, ...extra });

describe('policy pack', () => {
  it('reports an undeclared violation with rule id, address and what to change', () => {
    const json: TerraformJson = { resource: { aws_subnet: { a: subnet() } } };
    const report = runPolicyPack(json, 'stage');
    expect(report.violations.map((v) => [v.ruleId, v.address])).toEqual([['CKV_AWS_130', 'aws_subnet.a']]);
    expect(formatViolations(report)).toMatch(/^CKV_AWS_130 aws_subnet\.a: map_public_ip_on_launch/);
  });

  it('moves a violation declared beside the resource, with its reason, out of the violations', () => {
    const reason = 'a bastion subnet that hands out public IPs on purpose';
    const json: TerraformJson = {
      resource: { aws_subnet: { a: subnet({ '//': { policy_exceptions: { CKV_AWS_130: reason } } }) } },
    };
    const report = runPolicyPack(json, 'stage');
    expect(report.violations).toEqual([]);
    expect(report.excepted.map((e) => [e.ruleId, e.exceptionReason])).toEqual([['CKV_AWS_130', reason]]);
  });

  it('does not let an exception for one rule excuse another', () => {
    const json: TerraformJson = {
      resource: { aws_subnet: { a: subnet({ '//': { policy_exceptions: { CKV_AWS_23: 'unrelated reason here' } } }) } },
    };
    expect(runPolicyPack(json, 'stage').violations).toHaveLength(1);
  });
});
