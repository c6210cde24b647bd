import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { OFFLINE_PROVIDER_SETTINGS } from '../terraform/offline-overrides';

export interface AwsProviderProps {
  readonly region: string;
  /** The only account the stack may change; the provider refuses credentials of any other. */
  readonly accountId: string;
  /** Tags on every resource of the stack. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Local mode: fake credentials and skip settings so nothing calls AWS; no account pin.
   * @default false
   */
  readonly offline?: boolean;
}

/** The AWS provider of a stack: pinned account, default tags on everything. */
export function addAwsProvider(scope: Construct, props: AwsProviderProps): AwsProvider {
  const provider = new AwsProvider(scope, 'aws', {
    region: props.region,
    defaultTags: [{ tags: { ...props.tags } }],
    allowedAccountIds: props.offline ? undefined : [props.accountId],
  });
  // Local mode uses the same settings as the offline override of the test suite.
  if (props.offline) for (const [key, value] of Object.entries(OFFLINE_PROVIDER_SETTINGS)) provider.addOverride(key, value);
  return provider;
}

/** Tags the tool puts on every resource; definition tags come first so ours win. */
export function toolTags(extra: Readonly<Record<string, string>> | undefined, own: Record<string, string>): Record<string, string> {
  return { ...(extra ?? {}), ...own, 'managed-by': 'branchenv' };
}
