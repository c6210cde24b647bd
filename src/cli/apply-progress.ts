/**
 * Progress of `terraform apply -json`: resources done / total, elapsed time, the one in flight.
 */
export interface ProgressLine {
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
  readonly current?: string;
}

export function formatProgress(p: ProgressLine): string {
  const secs = Math.floor(p.elapsedMs / 1000);
  const clock = `${String(Math.floor(secs / 60)).padStart(2, '0')}:${String(secs % 60).padStart(2, '0')}`;
  return `[${p.done}/${p.total}] ${clock}${p.current ? `  ${p.current}` : ''}`;
}

/** Tracks terraform's apply events and reports a line on every change. */
export function progressTracker(total: number, report: (line: string) => void, now: () => number = Date.now): (event: Record<string, unknown>) => void {
  const started = now();
  const inFlight = new Map<string, string>();
  let done = 0;
  return (event) => {
    const hook = event.hook as { resource?: { addr?: string }; action?: string } | undefined;
    const addr = hook?.resource?.addr;
    if (!addr) return;
    if (event.type === 'apply_start') inFlight.set(addr, `${hook?.action ?? 'changing'} ${addr}`);
    else if (event.type === 'apply_complete' || event.type === 'apply_errored') {
      inFlight.delete(addr);
      done += 1;
    } else return;
    const current = [...inFlight.values()].pop();
    report(formatProgress({ done, total, elapsedMs: now() - started, current }));
  };
}
