/** "Pull Model…": downloads a model with a cancellable progress notification (percent and MB). */
import * as vscode from 'vscode';
import { checkConnection } from '../chat/connectionCheck';
import { isAbortError } from '../services/errors';
import type { Services } from './services';
import { showCommandError } from './showError';

const MB = 1_000_000;

/** Downloads `name` (asked for when not given). Resolves true when the model is installed afterwards. */
export async function pullModel(s: Services, name?: string): Promise<boolean> {
  const model = (name ?? await vscode.window.showInputBox({
    title: 'Ollama Chat: Pull Model',
    prompt: 'Name of the model to download from the Ollama library',
    placeHolder: 'e.g. mistral, llama3.2, qwen3:8b',
    value: s.settings.current().model,
  }))?.trim();
  if (!model) return false;
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Pulling ${model}`, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        let reported = 0;
        try {
          await s.client.pull(model, (p) => {
            const percent = p.total ? Math.floor(((p.completed ?? 0) / p.total) * 100) : undefined;
            const sizes = p.total ? ` ${((p.completed ?? 0) / MB).toFixed(0)} / ${(p.total / MB).toFixed(0)} MB` : '';
            const increment = percent !== undefined && percent > reported ? percent - reported : undefined;
            if (increment) reported = percent ?? reported;
            progress.report({ message: `${p.status}${sizes}${percent !== undefined ? ` (${percent}%)` : ''}`, increment });
          }, abort.signal);
        } finally {
          sub.dispose();
        }
      },
    );
  } catch (err) {
    if (isAbortError(err)) {
      void vscode.window.showInformationMessage(`Pulling ${model} was cancelled.`);
      return false;
    }
    await showCommandError(s, err, model);
    return false;
  }
  s.log.info(`Pulled model ${model}.`);
  void vscode.window.showInformationMessage(`Model ${model} is ready.`);
  await checkConnection(s.chat, s.settings.current());
  return true;
}
