/** "Pick Model": a quick pick of the models Ollama has now; the choice goes to `ollamaChat.model`. */
import vscode = require('vscode');
import { parseModelName } from '../core/ollama/modelName';
import { sameModel } from '../core/ollama/ollamaClient';
import type { ModelDto } from '../shared/types';
import { downloadModel, PULL, pullQuestion } from './pullModel';
import type { Services } from './services';
import { showCommandError } from './showError';

export interface ModelItem extends vscode.QuickPickItem {
  model: string;
  installed: boolean;
}

/** `4.1 GB`, `812 MB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  const i = Math.min(units.length - 1, Math.floor(Math.log(bytes) / Math.log(1000)));
  const value = bytes / 1000 ** i;
  return `${value >= 100 || i === 0 ? value.toFixed(0) : value.toFixed(1)} ${units[i]}`;
}

/** The picker's row for model `m`, marked when it is `current`. */
export function itemFor(m: ModelDto, current: string): ModelItem {
  const isCurrent = sameModel(current, m.name);
  return {
    label: m.name,
    description: [isCurrent ? 'current' : '', m.parameterSize, m.quantization].filter(Boolean).join(' · '),
    detail: [formatBytes(m.size) && `${formatBytes(m.size)} on disk`, m.family].filter(Boolean).join(' · ') || undefined,
    iconPath: isCurrent ? new vscode.ThemeIcon('check') : undefined,
    model: m.name,
    installed: true,
  };
}

/**
 * Shows the picker and stores the choice. A name typed that is not installed can be chosen too: it is checked, and
 * the user is asked (naming the registry) whether to pull it or use it anyway. Resolves with the chosen model, or undefined when cancelled or Ollama could not be asked.
 */
export async function pickModel(s: Services): Promise<string | undefined> {
  const model = await chooseModel(s, 'Ollama Chat: Pick Model', s.settings.current().model);
  if (model) await s.settings.setModel(model);
  return model;
}

/**
 * The live list of Ollama's models in a quick pick titled `title`, with `current` marked; a name typed that is not
 * installed can be chosen too (and pulled). Resolves with the choice without storing it, or undefined when cancelled.
 */
export async function chooseModel(s: Services, title: string, current: string): Promise<string | undefined> {
  const picker = vscode.window.createQuickPick<ModelItem>();
  picker.title = title;
  picker.placeholder = vscode.l10n.t('Loading models from {0}…', s.settings.current().host);
  picker.busy = true;
  picker.matchOnDescription = true;
  picker.show();
  let models: ModelDto[];
  try {
    models = await s.chat.listModels();
  } catch (err) {
    picker.dispose();
    return showCommandError(s, err, { retry: () => chooseModel(s, title, current) });
  }
  const installed = models.map((m) => itemFor(m, current));
  picker.items = installed;
  picker.activeItems = installed.filter((i) => sameModel(current, i.model));
  picker.busy = false;
  picker.placeholder = models.length
    ? vscode.l10n.t('Current: {0}. Type to filter, or type another name to use (and pull) it.', current)
    : vscode.l10n.t('No models installed in Ollama. Type a name to pull it, e.g. mistral.');
  picker.onDidChangeValue((value) => {
    const name = value.trim();
    const known = !name || installed.some((i) => i.model === name || sameModel(name, i.model));
    picker.items = known ? installed : [...installed, { label: name, description: vscode.l10n.t('not installed — pull it'), model: name, installed: false }];
  });
  const choice = await new Promise<ModelItem | undefined>((resolve) => {
    picker.onDidAccept(() => resolve(picker.selectedItems[0]));
    picker.onDidHide(() => resolve(undefined));
  });
  picker.dispose();
  if (!choice) return undefined;
  if (!choice.installed) {
    const parsed = parseModelName(choice.model);
    if (!parsed.ok) {
      void vscode.window.showErrorMessage(parsed.message);
      return undefined;
    }
    const answer = await s.modal.ask(pullQuestion(parsed.name, s.settings.current().host, [PULL(), vscode.l10n.t('Use Anyway')], true));
    if (answer === undefined) return undefined;
    if (answer === PULL()) await downloadModel(s, choice.model);
  }
  return choice.model;
}
