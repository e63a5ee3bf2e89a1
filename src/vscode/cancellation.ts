/** VS Code's cancellation tokens as the AbortSignals the Ollama client takes. */
import type * as vscode from 'vscode';

/** Runs `work` with a signal that aborts when `token` is cancelled. */
export async function withAbortSignal<T>(token: vscode.CancellationToken, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const subscription = token.onCancellationRequested(() => abort.abort());
  try {
    return await work(abort.signal);
  } finally {
    subscription.dispose();
  }
}
