/** A minimal typed event emitter, so code outside the VS Code layer can publish events without importing `vscode`. */
export class Emitter<T> {
  private listeners = new Set<(event: T) => void>();

  /** Subscribes; returns a disposable that unsubscribes. */
  readonly event = (listener: (event: T) => void): { dispose(): void } => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(event: T): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  dispose(): void {
    this.listeners.clear();
  }
}
