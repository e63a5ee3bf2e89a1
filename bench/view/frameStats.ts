/** Figures of a stretch of a webview's life, from its recorded frames and long tasks. */

/** A long task as the webview saw it. `self`: the webview's own script; otherwise the workbench sharing its thread. */
export interface LongTask {
  start: number;
  duration: number;
  self: boolean;
}

/** What the recorder keeps in the webview's window. */
export interface FrameRecord {
  /** Start of every animation frame since the webview's document was created. */
  frames: number[];
  longTasks: LongTask[];
}

/** A frame gap above this is visible as a stall (the limit). */
export const GAP_LIMIT_MS = 50;

export interface FrameStats {
  longestGapMs: number;
  /** Gaps between consecutive frames longer than {@link GAP_LIMIT_MS}. */
  gapsOverLimit: number;
  /** Long tasks on the webview's main thread, clipped to the stretch. */
  longTaskMs: number;
  /** The part of it in the webview's own script (the rest is the workbench, which shares the thread). */
  selfLongTaskMs: number;
  frames: number;
}

/**
 * Frame figures between `start` and `end` (epoch ms). The gap that spans `start` counts (a stall that began just
 * before the click is still seen after it); frames recorded only later (a webview created after `start`) count
 * from their first one.
 */
export function frameStats(record: FrameRecord, start: number, end: number): FrameStats {
  const before = record.frames.filter((t) => t < start).at(-1);
  const inside = record.frames.filter((t) => t >= start && t <= end);
  const times = before === undefined ? inside : [before, ...inside];
  let longestGapMs = 0;
  let gapsOverLimit = 0;
  for (let i = 1; i < times.length; i++) {
    const gap = times[i] - times[i - 1];
    longestGapMs = Math.max(longestGapMs, gap);
    if (gap > GAP_LIMIT_MS) gapsOverLimit++;
  }
  let longTaskMs = 0;
  let selfLongTaskMs = 0;
  for (const task of record.longTasks) {
    const overlap = Math.min(end, task.start + task.duration) - Math.max(start, task.start);
    if (overlap <= 0) continue;
    longTaskMs += overlap;
    if (task.self) selfLongTaskMs += overlap;
  }
  return { longestGapMs, gapsOverLimit, longTaskMs, selfLongTaskMs, frames: inside.length };
}
