/**
 * "Pull Model…": downloads a model with a cancellable progress notification (percent and MB). Every way to pull (this
 * command with or without a name, an error's "Pull" action, Pick Model's "not installed") checks the name and asks
 * first, naming the model and the registry it comes from: a name from an imported conversation or a workspace's
 * settings can point at any registry.
 */
import vscode = require('vscode');
import { checkConnection } from '../core/chat/connectionCheck';
import { formatNumber } from '../shared/l10n';
import { isAbortError } from '../core/ollama/errors';
import type { ModelName } from '../core/ollama/modelName';
import { parseModelName } from '../core/ollama/modelName';
import type { ModalQuestion } from '../vscode/modalPrompt';
import type { Services } from './services';
import { showCommandError } from './showError';

const MB = 1_000_000;
/** The button that starts a download. */
export const PULL = (): string => vscode.l10n.t('Pull');

/**
 * The question before a download: the model, the registry it comes from, and the Ollama that will fetch it.
 * `notInstalled` words it for a model the user chose that Ollama does not have yet.
 */
export function pullQuestion(name: ModelName, ollamaHost: string, buttons: string[], notInstalled = false): ModalQuestion {
  const full = `${name.host}/${name.namespace}/${name.model}:${name.tag}`;
  const source = name.fromLibrary
    ? vscode.l10n.t('{0}, the Ollama library', name.host)
    : vscode.l10n.t('{0}, which is not the Ollama library: the model and everything in it come from that registry. Pull only from a registry you trust', name.host);
  return {
    message: notInstalled
      ? vscode.l10n.t('The model "{0}" is not installed in Ollama. Download it from {1}?', name.text, name.host)
      : vscode.l10n.t('Download the model "{0}" from {1}?', name.text, name.host),
    detail: vscode.l10n.t('Ollama at {0} will download {1} from {2}. Models are often several GB.', ollamaHost, full, source),
    buttons,
  };
}

/**
 * Downloads `name` (asked for when not given) after checking it and asking the user, even when a caller passes the
 * name. Resolves true when the model is installed afterwards.
 */
export async function pullModel(s: Services, name?: string): Promise<boolean> {
  const typed = name ?? await vscode.window.showInputBox({
    title: vscode.l10n.t('Ollama Chat: Pull Model'),
    prompt: vscode.l10n.t('Name of the model to download, e.g. from the Ollama library'),
    placeHolder: vscode.l10n.t('e.g. mistral, llama3.2, qwen3:8b'),
    value: s.settings.current().model,
    validateInput: (value) => {
      const parsed = parseModelName(value);
      return parsed.ok || !value.trim() ? undefined : parsed.message;
    },
  });
  if (!typed?.trim()) return false;
  const parsed = parseModelName(typed);
  if (!parsed.ok) {
    s.log.warn(`Refused to pull: ${parsed.message}`);
    void vscode.window.showErrorMessage(parsed.message);
    return false;
  }
  const answer = await s.modal.ask(pullQuestion(parsed.name, s.settings.current().host, [PULL()]));
  if (answer !== PULL()) return false;
  return downloadModel(s, parsed.name.text);
}

/** Downloads a model the user has agreed to, with progress; resolves true when it is installed afterwards. */
export async function downloadModel(s: Services, model: string): Promise<boolean> {
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Pulling {0}', model), cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        let reported = 0;
        try {
          await s.client.pull(model, (p) => {
            const percent = p.total ? Math.floor(((p.completed ?? 0) / p.total) * 100) : undefined;
            const sizes = p.total ? ` ${vscode.l10n.t('{0} / {1} MB', formatNumber((p.completed ?? 0) / MB), formatNumber(p.total / MB))}` : '';
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
      void vscode.window.showInformationMessage(vscode.l10n.t('Pulling {0} was cancelled.', model));
      return false;
    }
    return (await showCommandError(s, err, { model, retry: () => pullModel(s, model) })) ?? false;
  }
  s.log.info(`Pulled model ${model}.`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Model {0} is ready.', model));
  await checkConnection(s.chat, s.settings.current());
  return true;
}
