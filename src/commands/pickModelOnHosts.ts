/**
 * "Pick Model" with several Ollama hosts: the models of every host, grouped under the host's name, asked in parallel;
 * each host shows up as soon as it answers, and one that cannot be reached says why instead of holding up the others.
 * Picking a model on another host than the default moves the active conversation there.
 */
import vscode = require('vscode');
import type { HostModels } from '../core/ollama/hostModels';
import { modelsOnEachHost } from '../core/ollama/hostModels';
import { itemFor } from './pickModel';
import type { Services } from './services';

/** A row of the picker: a model on a host, or a line that only informs (still asking, unreachable, no models). */
interface HostModelItem extends vscode.QuickPickItem {
  model?: string;
  host?: string;
}

/** The rows of one host once it answered. */
function rowsFor(answer: HostModels, current: { model: string; host: string }): HostModelItem[] {
  if ('error' in answer) {
    return [{ label: `$(warning) ${vscode.l10n.t('Not reachable')}`, description: answer.error.message, detail: answer.error.detail, alwaysShow: true }];
  }
  if (!answer.models.length) return [{ label: `$(info) ${vscode.l10n.t('No models installed')}`, description: vscode.l10n.t('Pull one with "ollama pull" on {0}.', answer.host.name), alwaysShow: true }];
  const currentHere = answer.host.name === current.host ? current.model : '';
  return answer.models.map((m): HostModelItem => ({ ...itemFor(m, currentHere), host: answer.host.name }));
}

/**
 * Shows the picker over every configured host and applies the choice: on the default host the model goes to
 * `ollamaChat.model` (and the active conversation back to the default host); on another host the active conversation
 * (a new one if none) gets that host and model. Resolves with the chosen model, or undefined when cancelled.
 */
export async function pickModelOnHosts(s: Services): Promise<string | undefined> {
  const hosts = s.hosts.list();
  const activeId = s.chat.activeConversationId();
  const host = s.chat.hostOf(activeId).name;
  const onDefault = host === hosts[0].name;
  const model = (!onDefault && activeId ? s.chat.conversationSettings(activeId)?.model : undefined) ?? s.settings.current().model;
  const rows = new Map<string, HostModelItem[]>(hosts.map((h) => [h.name, [{ label: `$(loading~spin) ${vscode.l10n.t('Asking {0}…', h.url)}`, alwaysShow: true }]]));
  const picker = vscode.window.createQuickPick<HostModelItem>();
  picker.title = vscode.l10n.t('Ollama Chat: Pick Model');
  picker.placeholder = vscode.l10n.t('Current: {0} on {1}. Type to filter.', model, host);
  picker.matchOnDescription = true;
  picker.busy = true;
  const draw = () => {
    picker.items = hosts.flatMap((h) => [{ label: h.name, kind: vscode.QuickPickItemKind.Separator }, ...rows.get(h.name) ?? []]);
  };
  draw();
  picker.show();
  let waiting = hosts.length;
  let open = true;
  for (const answer of modelsOnEachHost(s.hosts)) {
    void answer.then((a) => {
      if (!open) return;
      rows.set(a.host.name, rowsFor(a, { model, host }));
      picker.busy = --waiting > 0;
      draw();
    });
  }
  const choice = await new Promise<HostModelItem | undefined>((resolve) => {
    // A line that only informs cannot be chosen: the picker stays open.
    picker.onDidAccept(() => picker.selectedItems[0]?.model && resolve(picker.selectedItems[0]));
    picker.onDidHide(() => resolve(undefined));
  });
  open = false;
  picker.dispose();
  if (!choice?.model || !choice.host) return undefined;
  if (choice.host === hosts[0].name) {
    if (activeId && !onDefault) {
      await s.chat.updateConversationSettings(activeId, { model: undefined });
      await s.chat.setHost(activeId, undefined);
    }
    await s.settings.setModel(choice.model);
    return choice.model;
  }
  const id = activeId ?? (await s.chat.startConversation()).id;
  await s.chat.updateConversationSettings(id, { model: choice.model });
  await s.chat.setHost(id, choice.host);
  return choice.model;
}
