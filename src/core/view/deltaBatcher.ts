/**
 * Coalesces streamed text so the webview gets at most one post per message per interval (about one animation
 * frame), however fast tokens arrive. Text that arrives far faster than anyone reads (a reply read from a buffer,
 * a very fast model) goes out in fewer, larger posts: each post costs VS Code's window a fixed amount of work on
 * the thread the view renders on, while a model streaming at reading speed still gets one post per frame.
 * No `vscode` import: the caller supplies the post function.
 */
import { BURST_CHARS } from '../../shared/streamPace';

/** One coalesced piece of a streaming reply. */
export interface Delta {
  type: 'delta';
  conversationId: string;
  messageId: string;
  content: string;
  thinking?: string;
}

/** Default interval: one frame at 60 Hz. */
export const DELTA_FLUSH_MS = 16;
/** Interval after a post of at least `BURST_CHARS` (a burst): three frames. */
export const BURST_FLUSH_MS = 48;

export class DeltaBatcher {
  private pending = new Map<string, Delta>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Characters of the last flush: a burst spaces the posts out. */
  private lastChars = 0;

  constructor(
    private readonly post: (delta: Delta) => void,
    private readonly intervalMs = DELTA_FLUSH_MS,
    private readonly burstIntervalMs = BURST_FLUSH_MS,
  ) {}

  /** Queues text; the first piece after a flush starts the timer. */
  add(delta: Delta): void {
    const pending = this.pending.get(delta.messageId);
    if (pending) {
      pending.content += delta.content;
      if (delta.thinking) pending.thinking = (pending.thinking ?? '') + delta.thinking;
    } else {
      this.pending.set(delta.messageId, { ...delta });
    }
    this.timer ??= setTimeout(() => this.flush(), this.lastChars >= BURST_CHARS ? this.burstIntervalMs : this.intervalMs);
  }

  /** Posts everything queued now (call before any other message so the order is kept). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const deltas = [...this.pending.values()];
    this.pending.clear();
    this.lastChars = deltas.reduce((sum, d) => sum + d.content.length + (d.thinking?.length ?? 0), 0);
    for (const delta of deltas) this.post(delta);
  }

  /** Drops what is queued (the view is reloading and will get a snapshot). */
  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    this.lastChars = 0;
  }
}
