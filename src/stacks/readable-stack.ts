import { Construct, Node } from 'constructs';
import { TerraformElement, TerraformStack } from 'cdktf';

/**
 * A stack whose Terraform addresses read like the construct tree: `aws_subnet.network_private_a`
 * rather than CDKTF's hashed `network_private_a_1A2B3C4D`. Addresses are what reviewers read in
 * plans and what state depends on, so they must be stable and meaningful. Two paths that would
 * collapse into one address fail synthesis instead of silently colliding.
 */
export class ReadableStack extends TerraformStack {
  private readonly allocated = new Map<string, string>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  protected allocateLogicalId(tfElement: TerraformElement | Node): string {
    const node = tfElement instanceof Node ? tfElement : tfElement.node;
    const stackDepth = this.node.scopes.length;
    const parts = node.scopes.slice(stackDepth).map((scope) => scope.node.id);
    const logicalId = parts.join('_').replace(/[^A-Za-z0-9_-]/g, '_');
    const path = node.path;
    const owner = this.allocated.get(logicalId);
    if (owner !== undefined && owner !== path) {
      throw new Error(`construct ids "${owner}" and "${path}" give the same Terraform address "${logicalId}"; rename one`);
    }
    this.allocated.set(logicalId, path);
    return logicalId;
  }
}
