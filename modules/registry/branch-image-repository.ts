import { Construct } from 'constructs';
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';

export interface BranchImageRepositoryProps {
  /** Repository name as a set names it (`demo/web`). */
  readonly name: string;
  /** Tag prefix of the fallback branch's images (`develop-`): its newest are kept whatever their age. */
  readonly fallbackTagPrefix: string;
  /**
   * Images of the fallback branch kept (the newest), so an env without its own image always finds one.
   * @default 5
   */
  readonly keepFallbackImages?: number;
  /** Days after which any other image (a branch's) expires: the env TTL. */
  readonly expireAfterDays: number;
}

/**
 * An ECR repository for per-branch images: tags immutable (`<branch>-<count>-<sha>` never moves),
 * scanned on push, encrypted with KMS. Its lifecycle keeps the fallback branch's newest images and
 * expires every other image after the env TTL: ECR evaluates rules by priority, and an image the
 * first rule matches is never expired by the second.
 */
export class BranchImageRepository extends Construct {
  public readonly repository: EcrRepository;
  public readonly lifecycle: EcrLifecyclePolicy;

  constructor(scope: Construct, id: string, props: BranchImageRepositoryProps) {
    super(scope, id);
    const keep = props.keepFallbackImages ?? 5;
    if (!Number.isInteger(keep) || keep < 1) throw new Error(`keepFallbackImages must be a whole number of at least 1, got ${keep}`);
    if (!Number.isInteger(props.expireAfterDays) || props.expireAfterDays < 1) throw new Error(`expireAfterDays must be a whole number of days of at least 1, got ${props.expireAfterDays}`);
    this.repository = new EcrRepository(this, 'repository', {
      name: props.name,
      imageTagMutability: 'IMMUTABLE',
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: 'KMS' }],
      // Images are disposable; the repository outlives envs but not the tier.
      forceDelete: false,
    });
    this.lifecycle = new EcrLifecyclePolicy(this, 'lifecycle', {
      repository: this.repository.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: `keep the newest ${keep} images of the fallback branch`,
            selection: { tagStatus: 'tagged', tagPrefixList: [props.fallbackTagPrefix], countType: 'imageCountMoreThan', countNumber: keep },
            action: { type: 'expire' },
          },
          {
            rulePriority: 2,
            description: `expire every other image after ${props.expireAfterDays} days (the env TTL)`,
            selection: { tagStatus: 'any', countType: 'sinceImagePushed', countUnit: 'days', countNumber: props.expireAfterDays },
            action: { type: 'expire' },
          },
        ],
      }),
    });
  }
}
