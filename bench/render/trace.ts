/** Reads a Chromium trace (`browser.stopTracing()`): the longest task on the page's main thread. */

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}

/** Names Chromium gives a scheduled main-thread task in the `toplevel` category. */
const TASK_EVENTS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** Longest task in ms on any renderer main thread (`CrRendererMain`) of the trace. */
export function longestMainThreadTaskMs(trace: Buffer): number {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mainThreads = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  let longestUs = 0;
  for (const e of events) {
    if (e.ph === 'X' && TASK_EVENTS.has(e.name) && mainThreads.has(`${e.pid}:${e.tid}`)) longestUs = Math.max(longestUs, e.dur ?? 0);
  }
  return longestUs / 1000;
}
