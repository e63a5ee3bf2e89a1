/** Shows an error from a command as a notification with its ways forward. */
import vscode = require('vscode');
import { describeError, errorText } from '../core/ollama/errors';
import type { ErrorActionId } from '../shared/types';
import { runErrorAction } from './errorActions';
import type { Services } from './services';

/**
 * Describes `err` in user words and shows it, and carries out the way forward the user chose. `model` is the model
 * the command was about (for "model x is not installed"); `retry` runs the command again, and when the user chose
 * Retry this resolves with what it resolved with (else undefined).
 */
export async function showCommandError<T>(
  s: Services, err: unknown, options: { model?: string; retry?: () => Promise<T> } = {},
): Promise<T | undefined> {
  const model = options.model ?? s.settings.current().model;
  const described = describeError(err, { host: s.settings.current().host, model });
  const text = errorText(described);
  s.log.warn(`${described.kind}: ${text}`);
  // Retry is offered only when the command can be tried again.
  const actions = described.actions.filter((a) => a.id !== 'retry' || options.retry);
  const choice = await vscode.window.showErrorMessage(text, ...actions.map((a) => a.label));
  const action: ErrorActionId | undefined = actions.find((a) => a.label === choice)?.id;
  let retried: T | undefined;
  const retry = options.retry && (async () => (retried = await options.retry!()));
  if (action) await runErrorAction(s, action, { model, retry });
  return retried;
}
