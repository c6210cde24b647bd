import { Construct } from 'constructs';
import { DataTerraformRemoteStateLocal, DataTerraformRemoteStateS3, TerraformRemoteState } from 'cdktf';
import { BASE_OUTPUTS, BaseOutputName, BaseOutputs } from '../contract/base-outputs';

export type BaseStateSource =
  | { readonly kind: 's3'; readonly bucket: string; readonly key: string; readonly region: string }
  /** A state file on disk (local mode, tests); a missing file reads as empty, so defaults apply. */
  | { readonly kind: 'local'; readonly path: string };

export interface BaseRemoteStateProps {
  readonly source: BaseStateSource;
  /**
   * Values used where the state has no such output. Only local mode sets them: a real env must
   * read a real base.
   * @default none
   */
  readonly defaults?: BaseOutputs;
}

/**
 * The one typed accessor of a branch stack over its base: `terraform_remote_state` of the base's
 * state, read output by output as the base contract (src/contract/base-outputs.ts) defines them.
 */
export class BaseRemoteState extends Construct {
  public readonly remoteState: TerraformRemoteState;

  constructor(scope: Construct, id: string, props: BaseRemoteStateProps) {
    super(scope, id);
    const defaults = props.defaults ? { ...props.defaults } : undefined;
    this.remoteState =
      props.source.kind === 's3'
        ? new DataTerraformRemoteStateS3(this, 'state', {
            bucket: props.source.bucket,
            key: props.source.key,
            region: props.source.region,
            defaults,
          })
        : new DataTerraformRemoteStateLocal(this, 'state', { path: props.source.path, defaults });
  }

  /** One output of the base, typed by the contract. */
  get<K extends BaseOutputName>(name: K): BaseOutputs[K] {
    const kind = BASE_OUTPUTS[name].kind;
    const value = kind === 'list' ? this.remoteState.getList(name) : kind === 'number' ? this.remoteState.getNumber(name) : this.remoteState.getString(name);
    return value as BaseOutputs[K];
  }
}
