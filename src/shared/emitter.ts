/** A minimal typed event emitter, so code outside the VS Code layer can publish events without importing `vscode`. */
export class Emitter<T> {
  /**
   * Replaced, never changed, when a listener comes or goes: `fire` goes through the list as it was when it started
   * without copying it (it runs for every streamed token).
   */
  private listeners: readonly ((event: T) => void)[] = [];

  /** Subscribes; returns a disposable that unsubscribes. */
  readonly event = (listener: (event: T) => void): { dispose(): void } => {
    if (!this.listeners.includes(listener)) this.listeners = [...this.listeners, listener];
    return {
      dispose: () => {
        this.listeners = this.listeners.filter((l) => l !== listener);
      },
    };
  };

  fire(event: T): void {
    for (const listener of this.listeners) listener(event);
  }

  dispose(): void {
    this.listeners = [];
  }
}
