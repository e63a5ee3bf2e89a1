/**
 * When the view draws the streamed text it has queued: on the next animation frame, but no sooner than
 * {@link STREAM_DRAW_MS} after the last draw, and after a draw of a burst (at least `BURST_CHARS`) not again for
 * {@link BURST_DRAW_MS}. Every draw of new text makes the browser lay out, paint and composite the view on the
 * thread it shares with VS Code's window, which also carries the rest of the reply to it: a frame with a draw cost
 * the view about ten times one without (4 ms of CPU against 0.4 in the render benchmark, a fast model's five tokens
 * a frame), so a model streaming faster than a frame's worth drew every frame at a quarter of a core; thirty updates
 * a second still read as continuous, and took a fifth to a quarter less CPU there. In a burst, drawing every frame
 * left that thread no time to bring the text, and the reply ended on screen later than it did on the server; at ten
 * draws a second the reply still ended on screen a median 94 ms after the server's last byte (15 runs), 60 ms at five
 * (10 runs): the view's layout and paint leave VS Code's extension host and window more of the two cores. Nobody
 * reads 60,000 characters a second; five updates a second still show the text pouring in. Meanwhile the streaming
 * reply's text goes on the page unformatted and is formatted once the burst is over (see `burstLeftMs`), not even in
 * the view's idle time: the view idles while the extension host brings the rest on the same two cores. Formatting in
 * idle time took the renderer a median 170 ms of CPU per 20,000-token burst, holding it 130 (the plain-text floor
 * 100); the reply ended on screen a median 71 ms after the server's last byte with it, 52 without (10 runs each).
 */
import { BURST_CHARS } from '../shared/streamPace';

/** Milliseconds between draws while text comes in bursts (twelve frames). */
export const BURST_DRAW_MS = 200;
/** Milliseconds at least between draws of streamed text: every other frame at 60 Hz. */
export const STREAM_DRAW_MS = 33;
/** How much earlier than due a frame may draw: frames come about every 16.7 ms, not on the millisecond. */
const FRAME_SLACK_MS = 8;
/**
 * How long past its spacing a burst goes on without another draw of one, as a share of the spacing: while text keeps
 * pouring in, the next draw comes a frame or two after the spacing (later on a busy machine); once half the spacing
 * has passed too, the burst is over.
 */
const BURST_END_SLACK = 0.5;

/** The timers the pacer uses (the browser's, or a test's). */
export interface PacerTimers {
  now(): number;
  /** Runs `callback` on the next animation frame; returns a handle for `cancel`. */
  frame(callback: () => void): () => void;
  /** Runs `callback` after `ms`; returns a handle for `cancel`. */
  after(ms: number, callback: () => void): () => void;
}

const browserTimers: PacerTimers = {
  now: () => performance.now(),
  frame(callback) {
    const id = requestAnimationFrame(callback);
    return () => cancelAnimationFrame(id);
  },
  after(ms, callback) {
    const id = setTimeout(callback, ms);
    return () => clearTimeout(id);
  },
};

export class DrawPacer {
  /** Cancels the draw asked for, if any. */
  private cancelPending: (() => void) | undefined;
  private lastDrawAt = -Infinity;
  private lastDrawChars = 0;

  constructor(
    private readonly draw: () => void,
    private readonly burstDrawMs = BURST_DRAW_MS,
    private readonly timers: PacerTimers = browserTimers,
  ) {}

  /**
   * Milliseconds until the burst (text pouring in faster than anyone reads) is over if no other draw of one comes;
   * 0 when none goes on.
   */
  burstLeftMs(): number {
    if (!this.lastDrawWasBurst) return 0;
    return Math.max(0, this.lastDrawAt + this.burstDrawMs * (1 + BURST_END_SLACK) - this.timers.now());
  }

  private get lastDrawWasBurst(): boolean {
    return this.lastDrawChars >= BURST_CHARS;
  }

  /** Text was queued: it is drawn on the first frame once the pause after the last draw is over. */
  request(): void {
    if (!this.cancelPending) this.schedule();
  }

  /** The queued text is drawn now, `chars` of it (by the pacer or by a message that must come after it). */
  drawn(chars: number): void {
    this.cancel();
    this.lastDrawAt = this.timers.now();
    this.lastDrawChars = chars;
  }

  /** Forgets a draw asked for (nothing is queued any more). */
  cancel(): void {
    this.cancelPending?.();
    this.cancelPending = undefined;
  }

  /** When the next draw may come. */
  private dueAt(): number {
    return this.lastDrawWasBurst ? this.lastDrawAt + this.burstDrawMs : this.lastDrawAt + STREAM_DRAW_MS - FRAME_SLACK_MS;
  }

  private schedule(): void {
    const wait = this.dueAt() - this.timers.now();
    if (wait > FRAME_SLACK_MS) {
      this.cancelPending = this.timers.after(wait, () => {
        this.cancelPending = this.timers.frame(() => this.fire());
      });
    } else {
      this.cancelPending = this.timers.frame(() => this.fire());
    }
  }

  private fire(): void {
    this.cancelPending = undefined;
    if (this.timers.now() < this.dueAt()) this.schedule();
    else this.draw();
  }
}
