/**
 * A stand-in for the two AWS APIs `env sleep` / `env wake` call, in the test's process (the command
 * runs in-process, so the server answers while it awaits): Application Auto Scaling (JSON 1.1,
 * `X-Amz-Target: AnyScaleFrontendService.*`) and Elastic Load Balancing v2 (query protocol, XML
 * answers). The SDK reaches it through AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING and
 * AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2. Like AWS, SetRulePriorities refuses a priority another
 * rule of the listener keeps. Every call is logged (`calls`).
 */
import * as http from 'node:http';
import * as net from 'node:net';

export interface FakeRule {
  readonly arn: string;
  priority: number;
  readonly hosts: readonly string[];
  /** Forward to this target group, or answer with this fixed text. */
  readonly forward?: string;
  readonly fixedBody?: string;
}

export interface FakeSleepState {
  /** Target group name → ARN, all on one load balancer with one HTTPS listener. */
  readonly targetGroups: Record<string, string>;
  readonly rules: FakeRule[];
  /** Scalable targets by resource id. */
  readonly scalable: Record<string, { min: number; max: number }>;
}

export interface FakeSleepAws {
  readonly state: FakeSleepState;
  /** `Action detail`, in order. */
  readonly calls: string[];
  /** Sets the endpoint variables and fake credentials; returns a function that restores them. */
  useEndpoints(): () => void;
  close(): Promise<void>;
}

const LB = 'arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/app/stage-main/1';
const LISTENER = 'arn:aws:elasticloadbalancing:eu-west-1:111111111111:listener/app/stage-main/1/443';
const XMLNS = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const members = (items: readonly string[]) => items.map((i) => `<member>${i}</member>`).join('');

function ruleXml(rule: FakeRule): string {
  const condition = `<member><Field>host-header</Field><HostHeaderConfig><Values>${members(rule.hosts.map(esc))}</Values></HostHeaderConfig></member>`;
  const action = rule.forward
    ? `<member><Type>forward</Type><TargetGroupArn>${rule.forward}</TargetGroupArn></member>`
    : `<member><Type>fixed-response</Type><FixedResponseConfig><MessageBody>${esc(rule.fixedBody ?? '')}</MessageBody><StatusCode>503</StatusCode><ContentType>text/plain</ContentType></FixedResponseConfig></member>`;
  return `<RuleArn>${rule.arn}</RuleArn><Priority>${rule.priority}</Priority><IsDefault>false</IsDefault><Conditions>${condition}</Conditions><Actions>${action}</Actions>`;
}

function elb(state: FakeSleepState, form: URLSearchParams, calls: string[]): { status: number; body: string } {
  const action = form.get('Action') ?? '';
  const ok = (result: string) => ({ status: 200, body: `<${action}Response xmlns="${XMLNS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></${action}Response>` });
  const fail = (code: string, message: string) => ({ status: 400, body: `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${esc(message)}</Message></Error><RequestId>r</RequestId></ErrorResponse>` });
  const list = (prefix: string) => [...form.entries()].filter(([k]) => k.startsWith(prefix)).map(([, v]) => v);
  if (action === 'DescribeTargetGroups') {
    const names = list('Names.member.');
    calls.push(`DescribeTargetGroups ${names.join(',')}`);
    const missing = names.filter((n) => !(n in state.targetGroups));
    if (missing.length > 0) return fail('TargetGroupNotFound', `One or more target groups not found: ${missing.join(', ')}`);
    return ok(`<TargetGroups>${members(names.map((n) => `<TargetGroupArn>${state.targetGroups[n]}</TargetGroupArn><TargetGroupName>${n}</TargetGroupName><LoadBalancerArns>${members([LB])}</LoadBalancerArns>`))}</TargetGroups>`);
  }
  if (action === 'DescribeListeners') {
    calls.push(`DescribeListeners ${form.get('LoadBalancerArn')}`);
    return ok(`<Listeners>${members([`<ListenerArn>${LISTENER}-http</ListenerArn><Port>80</Port><Protocol>HTTP</Protocol>`, `<ListenerArn>${LISTENER}</ListenerArn><Port>443</Port><Protocol>HTTPS</Protocol>`])}</Listeners>`);
  }
  if (action === 'DescribeRules') {
    calls.push(`DescribeRules ${form.get('ListenerArn')}`);
    const deflt = `<RuleArn>${LISTENER}/default</RuleArn><Priority>default</Priority><IsDefault>true</IsDefault><Conditions/><Actions>${members(['<Type>fixed-response</Type><FixedResponseConfig><StatusCode>404</StatusCode><ContentType>text/plain</ContentType></FixedResponseConfig>'])}</Actions>`;
    return ok(`<Rules>${members([...state.rules.map(ruleXml), deflt])}</Rules>`);
  }
  if (action === 'SetRulePriorities') {
    const changes = new Map<string, number>();
    for (let i = 1; form.has(`RulePriorities.member.${i}.RuleArn`); i++) changes.set(form.get(`RulePriorities.member.${i}.RuleArn`)!, Number(form.get(`RulePriorities.member.${i}.Priority`)));
    calls.push(`SetRulePriorities ${[...changes].map(([arn, p]) => `${arn.split('/').pop()}=${p}`).join(',')}`);
    const after = state.rules.map((r) => changes.get(r.arn) ?? r.priority);
    if (new Set(after).size !== after.length) return fail('PriorityInUse', 'The specified priority is in use.');
    for (const r of state.rules) if (changes.has(r.arn)) r.priority = changes.get(r.arn)!;
    return ok(`<Rules>${members(state.rules.filter((r) => changes.has(r.arn)).map(ruleXml))}</Rules>`);
  }
  return fail('AccessDenied', `not in the fake: ${action}`);
}

function aas(state: FakeSleepState, target: string, input: Record<string, unknown>, calls: string[]): { status: number; body: string } {
  const action = target.replace('AnyScaleFrontendService.', '');
  if (action === 'DescribeScalableTargets') {
    const ids = (input.ResourceIds as string[] | undefined) ?? Object.keys(state.scalable);
    calls.push(`DescribeScalableTargets ${ids.length}`);
    const found = ids.filter((id) => id in state.scalable);
    return {
      status: 200,
      body: JSON.stringify({
        ScalableTargets: found.map((id) => ({ ServiceNamespace: 'ecs', ResourceId: id, ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: state.scalable[id].min, MaxCapacity: state.scalable[id].max, RoleARN: 'arn:aws:iam::111111111111:role/aas', CreationTime: 1795000000 })),
      }),
    };
  }
  if (action === 'RegisterScalableTarget') {
    const id = String(input.ResourceId);
    calls.push(`RegisterScalableTarget ${id.split('/').pop()} ${String(input.MinCapacity)}-${String(input.MaxCapacity)}`);
    state.scalable[id] = { min: Number(input.MinCapacity), max: Number(input.MaxCapacity) };
    return { status: 200, body: JSON.stringify({ ScalableTargetARN: `arn:aws:application-autoscaling:eu-west-1:111111111111:scalable-target/${id}` }) };
  }
  return { status: 400, body: JSON.stringify({ __type: 'AccessDeniedException', message: `not in the fake: ${action}` }) };
}

export function startFakeSleepAws(state: FakeSleepState): Promise<FakeSleepAws> {
  const calls: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const target = req.headers['x-amz-target'];
      if (typeof target === 'string') {
        const answer = aas(state, target, JSON.parse(body || '{}') as Record<string, unknown>, calls);
        const error = answer.status >= 400 ? { 'x-amzn-errortype': (JSON.parse(answer.body) as { __type: string }).__type } : {};
        res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.1', ...error });
        res.end(answer.body);
        return;
      }
      const answer = elb(state, new URLSearchParams(body), calls);
      res.writeHead(answer.status, { 'content-type': 'text/xml' });
      res.end(answer.body);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
      resolve({
        state,
        calls,
        useEndpoints: () => {
          const vars = { AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING: url, AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: url, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' };
          const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
          Object.assign(process.env, vars);
          return () => {
            for (const [k, v] of Object.entries(before)) {
              if (v === undefined) delete process.env[k];
              else process.env[k] = v;
            }
          };
        },
        close: () => {
          server.closeAllConnections();
          return new Promise<void>((done) => server.close(() => done()));
        },
      });
    }),
  );
}
