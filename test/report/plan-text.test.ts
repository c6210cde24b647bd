/** Terraform's human-readable plan read back (fixtures: terraform 1.11.4's own output), and its compact form. */
import { compactBlock, sharedTags } from '../../src/report/compact-diff';
import { parsePlanText } from '../../src/report/plan-text';
import { planTextFixture } from '../helpers/plan-md-input';

describe('terraform`s plan text', () => {
  it('gives every resource with its action, as many as terraform counts', () => {
    const create = parsePlanText(planTextFixture('create'));
    expect(create.resources).toHaveLength(63);
    expect(new Set(create.resources.map((r) => r.kind))).toEqual(new Set(['create']));
    expect(planTextFixture('create')).toContain('Plan: 63 to add, 0 to change, 0 to destroy.');
    expect(create.outputs.map((o) => o.name)).toEqual(expect.arrayContaining(['estimated_cost_per_day', 'images', 'urls', 'shard']));
  });

  it('finds what forces a replacement, through the brackets around the mark', () => {
    const update = parsePlanText(planTextFixture('image-update'));
    expect(update.resources.map((r) => [r.address, r.kind, r.forcedBy])).toEqual([
      ['aws_ecs_service.web_service', 'update', []],
      ['aws_ecs_task_definition.web_task', 'replace', ['container_definitions']],
    ]);
    const inline = parsePlanText('  # a.b must be replaced\n-/+ resource "a" "b" {\n      ~ family = "x" -> "y" # forces replacement\n    }\n');
    expect(inline.resources[0].forcedBy).toEqual(['family']);
  });

  it('keeps terraform`s reason for a destroy', () => {
    const destroy = parsePlanText(planTextFixture('destroy-and-update'));
    expect(destroy.resources.map((r) => [r.address, r.kind, r.reasons])).toEqual([
      ['terraform_data.gone', 'delete', ['because terraform_data.gone is not in configuration']],
      ['terraform_data.keep', 'update', []],
    ]);
  });
});

describe('the compact diff of a resource', () => {
  const block = (body: string[]) => ['  ~ resource "aws_x" "y" {', ...body, '    }'];

  it('keeps changed lines and drops unchanged ones, (known after apply) and the hidden-attribute notes', () => {
    const lines = block(['        id   = "x"', '      ~ size = 1 -> 2', '      ~ arn  = "a" -> (known after apply)', '        # (3 unchanged attributes hidden)']);
    expect(compactBlock(lines)).toEqual(['  ~ resource "aws_x" "y" {', '      ~ size = 1 -> 2', '    }']);
  });

  it('keeps secrets as terraform hides them', () => {
    expect(compactBlock(block(['      ~ password = (sensitive value)']))).toContain('      ~ password = (sensitive value)');
  });

  it('drops tags_all when it only repeats tags and the tags every resource gets, keeps it when it says more', () => {
    const tagged = (extra: string[]) => [
      '  + resource "aws_x" "y" {',
      '      + tags     = {',
      '          + "Name" = "n"',
      '        }',
      '      + tags_all = {',
      '          + "Name" = "n"',
      '          + "env"  = "e"',
      ...extra,
      '        }',
      '    }',
    ];
    const shared = sharedTags([tagged([]), ['  + resource "aws_z" "w" {', '      + tags_all = {', '          + "env" = "e"', '        }', '    }']]);
    expect(shared).toEqual(new Set(['"env" = "e"']));
    expect(compactBlock(tagged([]), shared).join('\n')).not.toContain('tags_all');
    expect(compactBlock(tagged(['          + "odd" = "o"']), shared).join('\n')).toContain('tags_all');
  });

  it('counts a new text of many lines, and shows a changed one whole', () => {
    const heredoc = (marker: string) => block([`      ${marker} config = <<-EOT`, ...Array.from({ length: 20 }, (_, i) => `            - line ${i}`), '        EOT']);
    expect(compactBlock(heredoc('+'))).toEqual(['  ~ resource "aws_x" "y" {', '      + config = <<-EOT', '            # (20 lines of text)', '        EOT', '    }']);
    expect(compactBlock(heredoc('~'))).toHaveLength(24);
  });
});
