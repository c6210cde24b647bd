import { Construct } from 'constructs';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';

/** One routing rule: requests for `host` (and `path`, if given) go to the target group. */
export interface ListenerRoute {
  /** Construct id of the rule, e.g. `api_env_host_api`: readable and stable. */
  readonly id: string;
  readonly host: string;
  /** Path pattern such as `/api/*`; absent (or `/*`) matches every path of the host. */
  readonly path?: string;
  readonly targetGroupArn: string;
}

export interface ListenerRoutesProps {
  /** The base's shared HTTPS listener. */
  readonly listenerArn: string;
  readonly routes: readonly ListenerRoute[];
}

function isCatchAll(route: ListenerRoute): boolean {
  return route.path === undefined || route.path === '/*';
}

/**
 * Listener rules of one env on the shared HTTPS listener. Priorities are left to AWS (next free
 * after the highest), so envs applied independently never collide on a priority. Within the env,
 * a host's catch-all rule must rank after that host's path rules: it is created after them and
 * replaced whenever they change, so it always gets the later (lower-ranked) priority. Hosts of
 * different envs never overlap, so the order between envs does not matter.
 */
export class ListenerRoutes extends Construct {
  public readonly rules: Readonly<Record<string, LbListenerRule>>;

  constructor(scope: Construct, id: string, props: ListenerRoutesProps) {
    super(scope, id);
    const rules: Record<string, LbListenerRule> = {};
    const specific = props.routes.filter((r) => !isCatchAll(r));
    const catchAll = props.routes.filter(isCatchAll);
    const seen = new Set<string>();
    for (const route of props.routes) {
      const key = `${route.host} ${isCatchAll(route) ? '/*' : route.path}`;
      if (seen.has(key)) throw new Error(`two routes claim ${key}; give each service its own host prefix or path`);
      seen.add(key);
    }
    for (const route of specific) rules[route.id] = this.rule(route, props.listenerArn, []);
    for (const route of catchAll) {
      const before = specific.filter((s) => s.host === route.host).map((s) => rules[s.id]);
      rules[route.id] = this.rule(route, props.listenerArn, before);
    }
    this.rules = rules;
  }

  private rule(route: ListenerRoute, listenerArn: string, before: LbListenerRule[]): LbListenerRule {
    const rule = new LbListenerRule(this, route.id, {
      listenerArn,
      action: [{ type: 'forward', targetGroupArn: route.targetGroupArn }],
      condition: [
        { hostHeader: { values: [route.host] } },
        ...(isCatchAll(route) ? [] : [{ pathPattern: { values: [route.path!] } }]),
      ],
      ...(before.length > 0 ? { dependsOn: before } : {}),
      // `env sleep` and the sleep schedule swap priorities with the env's asleep rules (asleep-rules.ts).
      lifecycle: { ignoreChanges: ['priority'] },
    });
    if (before.length > 0) {
      // Terraform wants bare addresses here; CDKTF would write `${…}` interpolations.
      rule.addOverride('lifecycle.replace_triggered_by', before.map((r) => `${r.terraformResourceType}.${r.friendlyUniqueId}`));
    }
    return rule;
  }
}
