/**
 * Coalesces streamed text so the webview gets at most one post per message per interval (about one animation
 * frame), however fast tokens arrive. No `vscode` import: the caller supplies the post function.
 */

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

export class DeltaBatcher {
  private pending = new Map<string, Delta>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly post: (delta: Delta) => void, private readonly intervalMs = DELTA_FLUSH_MS) {}

  /** Queues text; the first piece after a flush starts the timer. */
  add(delta: Delta): void {
    const pending = this.pending.get(delta.messageId);
    if (pending) {
      pending.content += delta.content;
      if (delta.thinking) pending.thinking = (pending.thinking ?? '') + delta.thinking;
    } else {
      this.pending.set(delta.messageId, { ...delta });
    }
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Posts everything queued now (call before any other message so the order is kept). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const deltas = [...this.pending.values()];
    this.pending.clear();
    for (const delta of deltas) this.post(delta);
  }

  /** Drops what is queued (the view is reloading and will get a snapshot). */
  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}
