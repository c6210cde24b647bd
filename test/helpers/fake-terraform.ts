/**
 * A stand-in `terraform` on PATH for tests of the env script's own flow (apply, drop, show, owner
 * checks) where no AWS account exists: it answers init, plan (with changes, printed as terraform prints them), show -json, apply's
 * -json events and output like terraform would, and logs every call with its folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const SCRIPT = `#!/bin/bash
here="$(dirname "$0")"
echo "$(basename "$PWD") $*" >> "$here/calls.log"
case "$1" in
  version) echo '{"terraform_version":"1.11.4"}'; echo "Terraform v1.11.4" ;;
  init) echo "Terraform has been successfully initialized!" ;;
  plan)
    touch plan.bin
    if [[ " $* " == *" -destroy "* ]]; then echo destroy > plan.kind; else echo apply > plan.kind; fi
    if [[ "$(cat plan.kind)" == destroy ]]; then m='-'; phrase='will be destroyed'; else m='+'; phrase='will be created'; fi
    echo "Terraform will perform the following actions:"
    for addr in aws_ecs_service.web_service aws_lb_listener_rule.routes_web_env_host; do
      printf '\n  # %s %s\n  %s resource "%s" "%s" {\n    }\n' "$addr" "$phrase" "$m" "\${addr%%.*}" "\${addr#*.}"
    done
    exit 2 ;;
  show)
    if [[ "$(cat plan.kind)" == destroy ]]; then a='"delete"'; else a='"create"'; fi
    echo "{\\"resource_changes\\":[{\\"address\\":\\"aws_ecs_service.web_service\\",\\"type\\":\\"aws_ecs_service\\",\\"change\\":{\\"actions\\":[$a]}},{\\"address\\":\\"aws_lb_listener_rule.routes_web_env_host\\",\\"type\\":\\"aws_lb_listener_rule\\",\\"change\\":{\\"actions\\":[$a]}}]}" ;;
  apply)
    for addr in aws_ecs_service.web_service aws_lb_listener_rule.routes_web_env_host; do
      echo "{\\"type\\":\\"apply_start\\",\\"hook\\":{\\"resource\\":{\\"addr\\":\\"$addr\\"},\\"action\\":\\"create\\"}}"
      echo "{\\"type\\":\\"apply_complete\\",\\"hook\\":{\\"resource\\":{\\"addr\\":\\"$addr\\"},\\"action\\":\\"create\\"}}"
    done ;;
  output) if [[ -f "$here/outputs.json" ]]; then cat "$here/outputs.json"; else echo '{}'; fi ;;
esac
`;

export interface FakeTerraform {
  /** Folder to put first on PATH. */
  readonly bin: string;
  /** What `terraform output -json` answers from now on (undefined: no state). */
  setOutputs(outputs: Record<string, unknown> | undefined): void;
  /** Calls so far, one per line: `<stack folder> <arguments>`. */
  calls(): string[];
}

/**
 * Puts the stand-in at `<dir>/fake-bin/terraform`.
 * @param script another stand-in's text, for tests of terraform's failures (`setOutputs` and `calls` then depend on it)
 */
export function installFakeTerraform(dir: string, script = SCRIPT): FakeTerraform {
  const bin = path.join(dir, 'fake-bin');
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(path.join(bin, 'terraform'), script, { mode: 0o755 });
  const outputsFile = path.join(bin, 'outputs.json');
  const log = path.join(bin, 'calls.log');
  return {
    bin,
    setOutputs: (outputs) => {
      if (outputs === undefined) fs.rmSync(outputsFile, { force: true });
      else fs.writeFileSync(outputsFile, JSON.stringify(Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, { value: v }]))));
    },
    calls: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : []),
  };
}
