/**
 * The account's Fargate vCPU quotas in a region, from Service Quotas (GetServiceQuota; the applied
 * value, else AWS's default). A quota that cannot be read (no permission, no network) is left
 * unknown and said so: the capacity check then skips that limit instead of guessing.
 */
import { boundedClient } from './bounded-client';

/** Service Quotas codes of the Fargate vCPU resource counts. */
export const FARGATE_QUOTA_CODES = { onDemandVcpus: 'L-3032A538', spotVcpus: 'L-36FBB829' } as const;

export interface FargateQuotaReading {
  readonly onDemandVcpus?: number;
  readonly spotVcpus?: number;
  /** Why a quota is unknown, one line each. */
  readonly unknown: readonly string[];
}

export async function readFargateQuotas(region: string): Promise<FargateQuotaReading> {
  const { ServiceQuotasClient, GetServiceQuotaCommand, GetAWSDefaultServiceQuotaCommand } = await import('@aws-sdk/client-service-quotas');
  const client = new ServiceQuotasClient({ region, ...boundedClient(5_000, 2) });
  const unknown: string[] = [];
  const read = async (name: keyof typeof FARGATE_QUOTA_CODES): Promise<number | undefined> => {
    const input = { ServiceCode: 'fargate', QuotaCode: FARGATE_QUOTA_CODES[name] };
    try {
      return (await client.send(new GetServiceQuotaCommand(input))).Quota?.Value;
    } catch (error) {
      // An account that never changed the quota has no applied value: AWS's default holds.
      if ((error as { name?: string }).name === 'NoSuchResourceException') {
        try {
          return (await client.send(new GetAWSDefaultServiceQuotaCommand(input))).Quota?.Value;
        } catch (inner) {
          error = inner;
        }
      }
      unknown.push(`${FARGATE_QUOTA_CODES[name]}: ${(error as Error).message}`);
      return undefined;
    }
  };
  try {
    const [onDemandVcpus, spotVcpus] = await Promise.all([read('onDemandVcpus'), read('spotVcpus')]);
    return { onDemandVcpus, spotVcpus, unknown };
  } finally {
    client.destroy();
  }
}
