/**
 * Small measuring tools shared by the benchmarks: a high-resolution clock, medians, and a forced GC that works
 * whether or not node was started with `--expose-gc`.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Milliseconds from a monotonic high-resolution clock. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Runs `fn` and returns how long it took in ms, with its result. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const start = nowMs();
  const result = await fn();
  return { ms: nowMs() - start, result };
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median time in ms of `repeat` synchronous calls of `fn` (after one warm-up call, so the JIT has seen it). */
export function medianTimeSync(fn: () => unknown, repeat: number): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = nowMs();
    fn();
    times.push(nowMs() - start);
  }
  return median(times);
}

let gcFunction: (() => void) | undefined;

/**
 * Collects garbage now (twice: the second pass frees what finalizers of the first released). Enables `gc` at run
 * time when node was started without `--expose-gc`, so `node out/bench/run.js` works as well as the npm script.
 */
function collectGarbage(): void {
  if (!gcFunction) {
    setFlagsFromString('--expose-gc');
    gcFunction = runInNewContext('gc') as () => void;
  }
  gcFunction();
  gcFunction();
}

/** Bytes of V8 heap in use after a full collection. */
export function heapUsedAfterGc(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}
