/**
 * The view's deferred rendering work (markdown blocks, message views, syntax highlighting), done a small unit at a
 * time in slices of a few milliseconds, each its own task. However much arrives at once (a burst of text, a snapshot
 * of a long conversation), the view's script then holds the main thread for well under a frame at a time: the
 * browser paints, scrolls and handles clicks and keys (Stop, typing) between the slices, and the time between
 * frames goes to the work instead of waiting for the next frame.
 *
 * Decoration (syntax highlighting) and text far off screen are done only in idle time.
 *
 * Work added by a host message starts at once, in that message's task, for one slice: small updates are drawn in the
 * same task as before. One slice per task: work added after it in the same task (an observer that hears of many
 * parts at once, a message that starts many) waits for the next slice. A hidden view does no deferred work; it goes
 * on once the view is visible again.
 */

/** One piece of deferred work. */
export interface RenderTask {
  /** Does one bounded unit (one block, one message, one piece of code); returns whether work is left. */
  step(): boolean;
  /** Tasks with a higher priority run first; asked again before each unit, so it may change meanwhile. */
  priority(): number;
}

/**
 * Milliseconds of work per slice (the unit running when it is up finishes first): the view's script holds the main
 * thread for about half a frame at a time, and the browser's own work for a frame fits beside it.
 */
const SLICE_MS = 8;

/**
 * Tasks whose priority is at most this run only while the page is idle (`requestIdleCallback`): decoration and text
 * far off screen must not delay frames, the user's input or the next message from the host (which shares the
 * thread with VS Code's own window).
 */
const IDLE_AT_MOST = 0;

/** Runs {@link RenderTask}s in slices of {@link SLICE_MS}, highest priority first; the least urgent in idle time. */
export class RenderScheduler {
  private readonly tasks = new Set<RenderTask>();
  /** Posting to it queues a task that runs the next slice (unlike `setTimeout`, without a minimum delay). */
  private readonly channel = new MessageChannel();
  private slicePosted = false;
  private idlePosted = false;
  private running = false;
  /** A slice ran in the current task (reset by a microtask once the task's script has returned). */
  private sliceRan = false;

  constructor(private readonly sliceMs = SLICE_MS) {
    this.channel.port1.onmessage = () => {
      this.slicePosted = false;
      this.run();
    };
    document.addEventListener('visibilitychange', () => this.postSlice());
  }

  /** Adds a task (again, if it ran out of work before) and starts it at once, for one slice, or in the next one. */
  add(task: RenderTask): void {
    this.tasks.add(task);
    if (this.sliceRan) this.postSlice();
    else this.run();
  }

  /** Drops a task; its remaining work is not done. */
  remove(task: RenderTask): void {
    this.tasks.delete(task);
  }

  /** One slice: until `sliceMs` have passed, or sooner in idle time if the browser wants the thread back. */
  private run(idle?: IdleDeadline): void {
    // A task that adds another (a message view that starts drawing its reply) is picked up by the running loop.
    if (this.running || document.visibilityState === 'hidden') return;
    this.running = true;
    try {
      const start = performance.now();
      // An idle period may be 50 ms long, but input that comes meanwhile waits for the slice: idle slices are short too.
      const more = (): boolean => performance.now() - start < this.sliceMs && (!idle || idle.timeRemaining() > 1);
      while (this.tasks.size > 0 && more()) {
        const [task, priority] = this.next();
        if (!idle && priority <= IDLE_AT_MOST) break;
        let left = false;
        try {
          left = task.step();
        } catch (err) {
          // A task that fails is dropped (its owner shows what it can as plain text); the others go on.
          reportError(err);
        }
        if (!left) this.tasks.delete(task);
      }
    } finally {
      this.running = false;
      if (!this.sliceRan) {
        this.sliceRan = true;
        queueMicrotask(() => {
          this.sliceRan = false;
        });
      }
    }
    this.postSlice();
  }

  /** Asks for the next slice: a task of its own for urgent work, idle time for the rest. */
  private postSlice(): void {
    if (this.tasks.size === 0 || document.visibilityState === 'hidden') return;
    if (this.next()[1] > IDLE_AT_MOST) {
      if (this.slicePosted) return;
      this.slicePosted = true;
      this.channel.port2.postMessage(null);
    } else if (!this.idlePosted) {
      this.idlePosted = true;
      requestIdleCallback((deadline) => {
        this.idlePosted = false;
        this.run(deadline);
      });
    }
  }

  private next(): [RenderTask, number] {
    let best: RenderTask | undefined;
    let bestPriority = -Infinity;
    for (const task of this.tasks) {
      const priority = task.priority();
      if (!best || priority > bestPriority) [best, bestPriority] = [task, priority];
    }
    return [best!, bestPriority];
  }
}

/** The one scheduler of the view: its parts share its slices. */
export const renderScheduler = new RenderScheduler();

/** Priorities of the view's kinds of work (a task may add a fraction to order tasks of one kind). */
export const PRIORITY = {
  /** The message views of the newest messages of a conversation just shown. */
  newestMessages: 3,
  /** Replies' markdown (`+ 0…1`: the reply the user is more likely to look at first). */
  replies: 1,
  /** The message views of older messages (their replies are drawn when they come near the viewport). */
  olderMessages: 0.5,
  /** Syntax highlighting: decoration, in idle time. */
  highlighting: 0,
  /** Blocks of a reply far off screen, whose text is on the page already, unformatted: in idle time, after the rest. */
  farBlocks: -1,
  /** A sample formatted after the view loads, so the first reply runs compiled code (see `rendererWarmUp`). */
  warmUp: -2,
} as const;
