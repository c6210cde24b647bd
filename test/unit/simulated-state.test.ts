import { ProviderSchemas, settle, SimulatedPlan, simulateApply, stateFile, templateToHcl } from '../../src/local/simulated-state';

const AWS = 'registry.terraform.io/hashicorp/aws';
const BUILTIN = 'terraform.io/builtin/terraform';

const schemas: ProviderSchemas = {
  [AWS]: {
    resource_schemas: {
      aws_thing: {
        block: {
          attributes: {
            id: { type: 'string' },
            arn: { type: 'string' },
            name: { type: 'string' },
            revision: { type: 'number' },
            enabled: { type: 'bool' },
            security_groups: { type: ['set', 'string'] },
            tags: { type: ['map', 'string'] },
            password: { type: 'string' },
            description: { type: 'string' },
          },
          block_types: {
            target: { nesting_mode: 'list', block: { attributes: { role_arn: { type: 'string' }, input: { type: 'string' } } } },
          },
        },
      },
    },
  },
  [BUILTIN]: {
    resource_schemas: { terraform_data: { block: { attributes: { id: { type: 'string' }, input: { type: 'dynamic' }, output: { type: 'dynamic' } } } } },
    data_source_schemas: { terraform_remote_state: { block: { attributes: { backend: { type: 'string' }, outputs: { type: 'dynamic' } } } } },
  },
};

/** A plan of one aws_thing, one terraform_data and one data source, shaped as `terraform show -json` writes it. */
function planOf(): SimulatedPlan {
  return {
    terraform_version: '1.11.4',
    planned_values: {
      root_module: {
        resources: [
          {
            address: 'aws_thing.main',
            mode: 'managed',
            type: 'aws_thing',
            name: 'main',
            provider_name: AWS,
            schema_version: 2,
            values: { name: 'demo', tags: { env: 'x' }, password: 'secret', target: [{ input: 'fixed' }] },
            sensitive_values: { password: true, tags: {}, target: [{}] },
          },
          {
            address: 'terraform_data.rules',
            mode: 'managed',
            type: 'terraform_data',
            name: 'rules',
            provider_name: BUILTIN,
            values: { input: { at: '2026-12-07T00:00:00Z' } },
          },
        ],
      },
      outputs: {
        name: { sensitive: false, value: 'demo', type: 'string' },
        thing: { sensitive: false },
      },
    },
    resource_changes: [
      {
        address: 'aws_thing.main',
        change: { after_unknown: { id: true, arn: true, revision: true, enabled: true, security_groups: true, description: true, target: [{ role_arn: true }] } },
      },
      { address: 'terraform_data.rules', change: { after_unknown: { id: true, input: {}, output: true } } },
    ],
    output_changes: {
      name: { after: 'demo', after_unknown: false },
      thing: { after: { name: 'demo' }, after_unknown: { arn: true } },
    },
    prior_state: {
      values: {
        root_module: {
          resources: [{ address: 'data.terraform_remote_state.base', mode: 'data', type: 'terraform_remote_state', name: 'base', provider_name: BUILTIN, values: { backend: 'local', outputs: { vpc: 'vpc-1' } } }],
        },
      },
    },
    configuration: {
      root_module: {
        resources: [
          {
            address: 'aws_thing.main',
            expressions: {
              security_groups: { constant_value: ['${aws_sg.a.id}'], references: ['aws_sg.a.id', 'aws_sg.a'] },
              target: [{ role_arn: { constant_value: '${aws_role.r.arn}', references: ['aws_role.r.arn', 'aws_role.r'] } }],
            },
          },
        ],
        outputs: { thing: { expression: { constant_value: { name: 'demo', arn: '${aws_thing.main.arn}' } } } },
      },
    },
  };
}

type StateResource = { mode: string; type: string; name: string; provider: string; instances: { schema_version: number; attributes: Record<string, unknown>; sensitive_attributes: unknown[] }[] };

function resourceIn(state: Record<string, unknown>, type: string): StateResource {
  return (state.resources as StateResource[]).find((r) => r.type === type)!;
}

describe('simulated state from a plan', () => {
  const sim = simulateApply(planOf(), schemas, 'eu-west-1');
  const state = stateFile(sim, schemas, '1.11.4');
  const thing = resourceIn(state, 'aws_thing').instances[0];

  it('keeps the planned values as they are', () => {
    expect(thing.attributes).toMatchObject({ name: 'demo', tags: { env: 'x' }, password: 'secret' });
    expect((thing.attributes.target as Record<string, unknown>[])[0].input).toBe('fixed');
  });

  it('fills values known only after apply by their schema type: ids sim-<hash>, ARNs of the service, 0, false, empty sets, empty strings', () => {
    expect(thing.attributes.id).toMatch(/^sim-[0-9a-f]{12}$/);
    expect(thing.attributes.arn).toMatch(/^arn:aws:thing:eu-west-1:000000000000:simulated\/[0-9a-f]{12}$/);
    expect(thing.attributes.revision).toBe(0);
    expect(thing.attributes.enabled).toBe(false);
    expect(thing.attributes.security_groups).toEqual([]);
    expect(thing.attributes.description).toBe('');
    expect((thing.attributes.target as Record<string, unknown>[])[0].role_arn).toMatch(/^arn:aws:thing:eu-west-1:000000000000:simulated\//);
  });

  it('gives the same placeholder for the same address and path, another for another', () => {
    const again = resourceIn(stateFile(simulateApply(planOf(), schemas, 'eu-west-1'), schemas, '1.11.4'), 'aws_thing').instances[0];
    expect(again.attributes.id).toBe(thing.attributes.id);
    expect(thing.attributes.arn).not.toBe((thing.attributes.target as Record<string, unknown>[])[0].role_arn);
  });

  it('records resources in state format 4 with their provider and schema version', () => {
    expect(state.version).toBe(4);
    expect(state.terraform_version).toBe('1.11.4');
    const resource = resourceIn(state, 'aws_thing');
    expect(resource).toMatchObject({ mode: 'managed', name: 'main', provider: `provider["${AWS}"]` });
    expect(resource.instances[0].schema_version).toBe(2);
  });

  it('marks the values the plan marks sensitive, in Terraform`s path format', () => {
    expect(thing.sensitive_attributes).toEqual([[{ type: 'get_attr', value: 'password' }]]);
  });

  it('stores dynamic values with their type, and terraform_data`s output as its input', () => {
    const data = resourceIn(state, 'terraform_data').instances[0].attributes;
    const input = { value: { at: '2026-12-07T00:00:00Z' }, type: ['object', { at: 'string' }] };
    expect(data.input).toEqual(input);
    expect(data.output).toEqual(input);
  });

  it('keeps the data sources the plan read', () => {
    const data = resourceIn(state, 'terraform_remote_state');
    expect(data.mode).toBe('data');
    expect(data.instances[0].attributes.outputs).toEqual({ value: { vpc: 'vpc-1' }, type: ['object', { vpc: 'string' }] });
  });

  it('records outputs with their planned type, or the type of a partly unknown value with its placeholder', () => {
    const outputs = state.outputs as Record<string, { value: unknown; type: unknown }>;
    expect(outputs.name).toEqual({ value: 'demo', type: 'string' });
    expect(outputs.thing.type).toEqual(['object', { name: 'string', arn: 'string' }]);
    expect((outputs.thing.value as { name: string }).name).toBe('demo');
  });

  it('lists each placeholder whose configuration is an expression, as HCL, for terraform console to settle', () => {
    expect(sim.pending).toEqual([
      { target: 'aws_thing.main', path: ['security_groups'], hcl: '[(aws_sg.a.id)]' },
      { target: 'aws_thing.main', path: ['target', 0, 'role_arn'], hcl: '(aws_role.r.arn)' },
      { target: 'output.thing', path: ['arn'], hcl: '(aws_thing.main.arn)' },
    ]);
  });

  it('settles pending placeholders in resources and outputs with the values their expressions had', () => {
    const settled = stateFile(settle(sim, [['sg-1'], 'arn:aws:iam::0:role/r', 'arn:aws:thing:x']), schemas, '1.11.4');
    const attributes = resourceIn(settled, 'aws_thing').instances[0].attributes;
    expect(attributes.security_groups).toEqual(['sg-1']);
    expect((attributes.target as Record<string, unknown>[])[0].role_arn).toBe('arn:aws:iam::0:role/r');
    expect((settled.outputs as Record<string, { value: unknown }>).thing.value).toEqual({ name: 'demo', arn: 'arn:aws:thing:x' });
  });
});

describe('lineage and serial', () => {
  const sim = simulateApply(planOf(), schemas, 'eu-west-1');

  it('starts a new lineage at serial 1 where the env has no state', () => {
    const a = stateFile(sim, schemas, '1.11.4');
    const b = stateFile(sim, schemas, '1.11.4');
    expect(a.serial).toBe(1);
    expect(a.lineage).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.lineage).not.toBe(b.lineage);
  });

  it('continues the prior state: its lineage, the serial above its own', () => {
    const state = stateFile(sim, schemas, '1.11.4', { lineage: 'lin-1', serial: 7 });
    expect(state.lineage).toBe('lin-1');
    expect(state.serial).toBe(8);
  });
});

describe('configuration templates as HCL', () => {
  it('makes a string that is one interpolation its bare expression, keeping its type', () => {
    expect(templateToHcl('${aws_x.y.ids}')).toBe('(aws_x.y.ids)');
  });

  it('leaves the quotes inside an interpolation unescaped', () => {
    expect(templateToHcl('${jsonencode({"a" = aws_x.y.arn, "b" = "}"})}')).toBe('(jsonencode({"a" = aws_x.y.arn, "b" = "}"}))');
  });

  it('escapes the literal parts around interpolations, and keeps escaped $${ literal', () => {
    expect(templateToHcl('say "hi" to ${aws_x.y.name}\n$${not}')).toBe('"say \\"hi\\" to ${aws_x.y.name}\\n$${not}"');
  });
});
