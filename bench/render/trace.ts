/** Reads Chromium traces (`browser.stopTracing()`): the tasks that ran on the page's main thread. */
import type { Browser, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  /** Wall duration in µs. */
  dur?: number;
  /** Thread (CPU) duration in µs. */
  tdur?: number;
  args?: { name?: string };
}

/** Main-thread work during a traced stretch. */
export interface MainThreadWork {
  /** Wall time of all tasks. */
  wallMs: number;
  /** CPU time of all tasks: what the work costs, whatever else the machine is doing. */
  cpuMs: number;
  /** Wall time of the longest task: how long input could have waited. */
  longestMs: number;
  /** CPU time of that task (much less than its wall time when the machine was busy elsewhere). */
  longestCpuMs: number;
  /** CPU time of the task that took the most of it: how long the page's own work held the thread at most. */
  mostCpuMs: number;
}

/** Names Chromium gives a scheduled main-thread task in the `toplevel` category. */
const TASK_EVENTS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** Sums the tasks of the renderer main threads (`CrRendererMain`) in a trace. */
export function mainThreadWork(trace: Buffer): MainThreadWork {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mainThreads = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const work: MainThreadWork = { wallMs: 0, cpuMs: 0, longestMs: 0, longestCpuMs: 0, mostCpuMs: 0 };
  for (const e of events) {
    if (e.ph !== 'X' || !TASK_EVENTS.has(e.name) || !mainThreads.has(`${e.pid}:${e.tid}`)) continue;
    const [wallMs, cpuMs] = [(e.dur ?? 0) / 1000, (e.tdur ?? 0) / 1000];
    work.wallMs += wallMs;
    work.cpuMs += cpuMs;
    if (wallMs > work.longestMs) [work.longestMs, work.longestCpuMs] = [wallMs, cpuMs];
    work.mostCpuMs = Math.max(work.mostCpuMs, cpuMs);
  }
  return work;
}

/** Runs `fn` with tracing on and returns the page's main-thread work meanwhile. */
export async function traceMainThread(browser: Browser, page: Page, fn: () => Promise<void>): Promise<MainThreadWork> {
  await browser.startTracing(page, { categories: ['toplevel', '__metadata'] });
  try {
    await fn();
  } catch (err) {
    await browser.stopTracing();
    throw err;
  }
  return mainThreadWork(await browser.stopTracing());
}
