/**
 * Measuring inside a webview: a recorder of animation frames and long tasks installed into every webview content
 * frame before its scripts run (a Playwright init script), and waits for what the user would see. The functions
 * marked "runs in the webview" are serialized by Playwright, so they are self-contained. Times are epoch ms
 * (`performance.timeOrigin + performance.now()`), comparable with the benchmark's own clock.
 */
import type { Frame } from 'playwright-core';
import { GAP_LIMIT_MS, type FrameRecord } from './frameStats';

/** What the page must show: `count` elements matching `selector`, or one whose text is at least `textLength` long. */
export interface Sight {
  selector: string;
  count?: number;
  textLength?: number;
  /** Also in the viewport (one of them under a point in the middle third of the view). */
  inViewport?: boolean;
}

interface RecorderWindow {
  benchFrames?: FrameRecord;
}

/**
 * Runs in the webview (in every frame; it records only in a webview's content frame, which VS Code names
 * `pending-frame`/`active-frame`). VS Code fills that frame with `document.open()`, which drops pending animation
 * frame callbacks (and the frame first navigates to a document of VS Code's, so nothing set on the first document
 * sees it happen): a watchdog restarts the frame loop whenever no frame was recorded for {@link WATCHDOG_MS}
 * (one loop records at a time; a restart only asks for the next frame, so it adds no frame that was not drawn). A
 * slower watchdog showed a gap of two of its periods after every webview was created, during which the view's own
 * frame callbacks ran.
 */
export function installFrameRecorder(): void {
  const host = window.frameElement;
  if (!host || !/^(active|pending)-frame$/.test(host.id)) return;
  const WATCHDOG_MS = 10;
  const now = (): number => performance.timeOrigin + performance.now();
  const record: FrameRecord = { frames: [], longTasks: [] };
  (window as RecorderWindow).benchFrames = record;
  let generation = 0;
  let last = now();
  const loop = (gen: number) => (): void => {
    if (gen !== generation) return;
    record.frames.push((last = now()));
    requestAnimationFrame(loop(gen));
  };
  const restart = (): void => void requestAnimationFrame(loop(++generation));
  setInterval(() => {
    if (now() - last > WATCHDOG_MS) restart();
  }, WATCHDOG_MS);
  restart();
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) record.longTasks.push({ start: performance.timeOrigin + e.startTime, duration: e.duration, self: e.name === 'self' });
  }).observe({ type: 'longtask', buffered: true });
}

/**
 * Runs in the webview: resolves with the time of the first animation frame in which `sight` holds (for a sight in the
 * viewport, of the frame after the one that first showed it).
 */
function firstFrameShowing({ sight, timeoutMs }: { sight: Sight; timeoutMs: number }): Promise<number> {
  const shows = (): boolean => {
    const found = document.querySelectorAll(sight.selector);
    if (sight.count !== undefined && found.length < sight.count) return false;
    if (sight.textLength !== undefined && !Array.from(found).some((el) => (el.textContent ?? '').length >= sight.textLength!)) return false;
    if (sight.inViewport) {
      const points = [1 / 3, 1 / 2, 2 / 3].map((f) => document.elementFromPoint(innerWidth / 2, innerHeight * f));
      if (!points.some((el) => el?.closest(sight.selector))) return false;
    }
    return found.length > 0;
  };
  return new Promise((resolve, reject) => {
    const deadline = performance.now() + timeoutMs;
    const now = (): number => performance.timeOrigin + performance.now();
    const timedOut = (): boolean => {
      if (performance.now() <= deadline) return false;
      reject(new Error(`not on screen within ${timeoutMs} ms: ${JSON.stringify(sight)}`));
      return true;
    };
    // What is in the viewport is known only once the frame has been laid out and scrolled (a view scrolls to its
    // end from a ResizeObserver, after the frame's animation callbacks): checked in a task after the frame, and
    // counted from the next frame, which shows at least that (a slice of work may have run in between).
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      if (shows()) requestAnimationFrame(() => resolve(now()));
      else if (!timedOut()) requestAnimationFrame(afterFrame);
    };
    const afterFrame = (): void => channel.port2.postMessage(null);
    const check = (): void => {
      if (shows()) resolve(now());
      else if (!timedOut()) requestAnimationFrame(check);
    };
    requestAnimationFrame(sight.inViewport ? afterFrame : check);
  });
}

/**
 * Runs in the webview: resolves once `quietMs` have passed without a gap of more than `gapMs` between frames, or
 * after `timeoutMs` (a view that never calms down is measured as it is).
 */
function quietFrames({ quietMs, gapMs, timeoutMs }: { quietMs: number; gapMs: number; timeoutMs: number }): Promise<void> {
  return new Promise((resolve) => {
    const start = performance.now();
    let last = start;
    let calmSince = start;
    const check = (): void => {
      const t = performance.now();
      if (t - last > gapMs) calmSince = t;
      last = t;
      if (t - calmSince >= quietMs || t - start > timeoutMs) resolve();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

/** Time (epoch ms) of the first frame of the webview `frame` in which `sight` holds. */
export function whenShown(frame: Frame, sight: Sight, timeoutMs = 120_000): Promise<number> {
  return frame.evaluate(firstFrameShowing, { sight, timeoutMs });
}

/** Waits until the webview's frames have come regularly for a while (at most `timeoutMs`). */
export function whenQuiet(frame: Frame, quietMs = 1000, timeoutMs = 60_000): Promise<void> {
  return frame.evaluate(quietFrames, { quietMs, gapMs: GAP_LIMIT_MS, timeoutMs });
}

/** The frames and long tasks the webview has recorded so far. */
export async function readRecord(frame: Frame): Promise<FrameRecord> {
  const record = await frame.evaluate(() => (window as RecorderWindow).benchFrames);
  if (!record) throw new Error('the frame recorder is not installed in this webview');
  return record;
}

/** The benchmark's clock, comparable with the webview's. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}
