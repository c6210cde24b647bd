import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

export interface AwsProviderProps {
  readonly region: string;
  /** The only account the stack may change; the provider refuses credentials of any other. */
  readonly accountId: string;
  /** Tags on every resource of the stack. */
  readonly tags: Readonly<Record<string, string>>;
}

/** The AWS provider of a stack: pinned account, default tags on everything. */
export function addAwsProvider(scope: Construct, props: AwsProviderProps): AwsProvider {
  return new AwsProvider(scope, 'aws', {
    region: props.region,
    allowedAccountIds: [props.accountId],
    defaultTags: [{ tags: { ...props.tags } }],
  });
}

/** Tags the tool puts on every resource; definition tags come first so ours win. */
export function toolTags(extra: Readonly<Record<string, string>> | undefined, own: Record<string, string>): Record<string, string> {
  return { ...(extra ?? {}), ...own, 'managed-by': 'branchenv' };
}
