/**
 * The error banner above the conversation: at most one error, tied to the conversation it happened in (or to none,
 * e.g. Ollama unreachable when the view opens), cleared when another reply starts or another conversation is shown.
 */
import type { UserFacingError } from '../../shared/types';

export class ErrorBanner {
  private shown: { conversationId: string | undefined; error: UserFacingError } | null = null;

  /** `onChange` is told every change, so the view can follow. */
  constructor(private readonly onChange: (conversationId: string | undefined, error: UserFacingError | null) => void) {}

  /** The banner to show with `conversationId` (or with no conversation). */
  current(conversationId: string | undefined): UserFacingError | null {
    return this.shown && this.shown.conversationId === conversationId ? this.shown.error : null;
  }

  /** Shows `error` with `conversationId`, or clears the banner (`null`). */
  set(error: UserFacingError | null, conversationId: string | undefined): void {
    this.shown = error ? { conversationId, error } : null;
    this.onChange(conversationId, error);
  }

  /** Clears the banner unless it belongs to `conversationId`. */
  clearUnless(conversationId: string | undefined): void {
    if (this.shown && this.shown.conversationId !== conversationId) this.set(null, conversationId);
  }

  /** Clears the banner, whichever conversation it belongs to. */
  clear(): void {
    if (this.shown) this.set(null, this.shown.conversationId);
  }
}
