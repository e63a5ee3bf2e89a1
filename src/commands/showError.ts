/** Shows an error from a command as a notification with its ways forward (Retry re-runs the command). */
import * as vscode from 'vscode';
import { describeError, errorText } from '../core/ollama/errors';
import type { Services } from './services';

/**
 * Describes `err` in user words and shows it; resolves with the action the user chose.
 * `model` is the model the command was about, for messages such as "model x is not installed".
 */
export async function showCommandError(s: Services, err: unknown, model = s.settings.current().model): Promise<string | undefined> {
  const described = describeError(err, { host: s.settings.current().host, model });
  const text = errorText(described);
  s.log.warn(`${described.kind}: ${text}`);
  const choice = await vscode.window.showErrorMessage(text, ...described.actions.map((a) => a.label));
  const action = described.actions.find((a) => a.label === choice)?.id;
  if (action === 'openSettings') await vscode.commands.executeCommand('workbench.action.openSettings', 'ollamaChat');
  if (action === 'showLog') s.log.show();
  if (action === 'pickModel') await vscode.commands.executeCommand('ollamaChat.pickModel');
  if (action === 'pullModel') await vscode.commands.executeCommand('ollamaChat.pullModel', model);
  return action;
}
