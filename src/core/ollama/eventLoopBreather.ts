/**
 * Lets the event loop run during a long stretch of already-buffered stream data. When Ollama sends faster than we
 * read, every `read()` of the response body and every `yield` of the generators above it resolves as a microtask,
 * so a whole reply can be consumed without one macrotask in between: timers (the view's 16 ms delta batcher) and
 * the extension host's message writer wait until the body is drained, and the view gets the reply in a few late
 * lumps instead of a frame's worth at a time.
 */

/** How long the stream may be consumed before the event loop gets a turn: one frame at 60 Hz. */
export const BREATHE_EVERY_MS = 16;

export class EventLoopBreather {
  private since = Date.now();

  constructor(private readonly everyMs = BREATHE_EVERY_MS) {}

  /** Resolves at once, or after one turn of the event loop when `everyMs` have passed since the last turn. */
  breathe(): Promise<void> | undefined {
    const now = Date.now();
    if (now - this.since < this.everyMs) return undefined;
    return new Promise((resolve) => setImmediate(() => {
      this.since = Date.now();
      resolve();
    }));
  }
}
