/** An env's status for a person (a table, problems, events, URLs) and the one-line progress of --wait. */
import type { EnvStatus, ServiceStatus } from './env-status';

function tasks(s: ServiceStatus): string {
  return `${s.running}/${s.desired}${s.pending > 0 ? ` (${s.pending} pending)` : ''}`;
}

function targets(s: ServiceStatus): string {
  if (!s.targets) return '-';
  if (!s.targets.found) return 'no target group';
  return `${s.targets.healthy}/${s.targets.states.filter((t) => t.state !== 'draining').length} healthy`;
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ')).join('\n');
}

function time(at: Date | undefined): string {
  return at ? at.toISOString().slice(11, 19) : '--:--:--';
}

export function renderStatus(status: EnvStatus): string {
  const lines: string[] = [];
  lines.push(`env ${status.env} (set ${status.set}, tier ${status.tier}, cluster ${status.cluster}): ${status.verdict.toUpperCase()}`);
  lines.push('');
  const rows = [['SERVICE', 'STATE', 'TASKS', 'ROLLOUT', 'TASK DEFINITION', 'TARGETS', 'IMAGES']];
  for (const s of status.services) {
    rows.push([s.service, s.rolledBack ? 'ROLLED BACK' : s.verdict, tasks(s), s.rollout ?? '-', s.taskDefinition ?? '-', targets(s), s.images.join(', ') || '-']);
  }
  lines.push(table(rows));
  for (const s of status.services.filter((x) => x.rolledBack)) {
    lines.push('', `!!! ${s.service}: the deployment circuit breaker failed the rollout${s.rollout === 'FAILED' ? '' : ' and rolled it back'}; it runs ${s.taskDefinition ?? 'an older task definition'}, not the new one`);
  }
  for (const s of status.services.filter((x) => x.verdict !== 'steady')) {
    lines.push('', `${s.service} (${s.ecsName}): ${s.verdict}`);
    for (const p of s.problems) lines.push(`  - ${p}`);
    if (s.events.length > 0) {
      lines.push('  last events:');
      for (const e of s.events) lines.push(`    ${time(e.at)} ${e.message}`);
    }
  }
  if (status.urls.length > 0) lines.push('', 'urls:', ...status.urls.map((u) => `  ${u}`));
  return `${lines.join('\n')}\n`;
}

/** `[02:10] progressing: web 1/2 tasks, api 0/1 targets healthy` */
export function progressLine(status: EnvStatus, elapsedMs: number): string {
  const seconds = Math.floor(elapsedMs / 1000);
  const clock = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
  const waiting = status.services.filter((s) => s.verdict !== 'steady').map((s) => `${s.service}: ${s.problems[0] ?? s.verdict}`);
  return `[${clock}] ${status.verdict}${waiting.length > 0 ? ` - ${waiting.join('; ')}` : ''}`;
}

/** The JSON form: dates as ISO strings. */
export function statusJson(status: EnvStatus): string {
  return `${JSON.stringify(status, null, 2)}\n`;
}
