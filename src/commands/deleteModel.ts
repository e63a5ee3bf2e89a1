/** "Delete Model…": removes a model from Ollama after a modal confirmation. */
import vscode = require('vscode');
import type { Services } from './services';
import { showCommandError } from './showError';

/** Asks which model (unless given) and for confirmation; resolves true when it was deleted. */
export async function deleteModel(s: Services, name?: string): Promise<boolean> {
  let model = name;
  if (!model) {
    let models;
    try {
      models = await s.chat.listModels();
    } catch (err) {
      return (await showCommandError(s, err, { retry: () => deleteModel(s, name) })) ?? false;
    }
    model = (await vscode.window.showQuickPick(models.map((m) => m.name), { title: vscode.l10n.t('Ollama Chat: Delete Model') })) ?? undefined;
  }
  if (!model) return false;
  const confirm = await vscode.window.showWarningMessage(
    vscode.l10n.t('Delete the model "{0}" from Ollama? It has to be downloaded again to be used.', model), { modal: true }, vscode.l10n.t('Delete'));
  if (confirm !== 'Delete') return false;
  try {
    await s.client.deleteModel(model);
  } catch (err) {
    return (await showCommandError(s, err, { model, retry: () => deleteModel(s, model) })) ?? false;
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Deleted model {0}.', model));
  return true;
}
