/**
 * The status-bar item that shows the model in use (and, with several Ollama hosts, the host of the conversation
 * shown); clicking it opens the model picker.
 */
import vscode = require('vscode');
import type { ChatService } from '../core/chat/chatService';
import { Command } from './commandIds';

export class ModelStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('ollamaChat.model', vscode.StatusBarAlignment.Right, 100);

  constructor(model: string) {
    this.item.name = 'Ollama Chat Model';
    this.item.command = Command.pickModel;
    this.update(model);
    this.item.show();
  }

  /** Shows `model`, on the host called `host` when one is given. */
  update(model: string, host?: string): void {
    this.item.text = host === undefined ? `$(hubot) ${model}` : `$(hubot) ${model} · ${host}`;
    this.item.tooltip = host === undefined
      ? vscode.l10n.t('Ollama Chat model: {0}. Click to pick another.', model)
      : vscode.l10n.t('Ollama Chat model: {0} on {1}. Click to pick another.', model, host);
    this.item.accessibilityInformation = {
      label: host === undefined
        ? vscode.l10n.t('Ollama Chat model {0}. Pick another model.', model)
        : vscode.l10n.t('Ollama Chat model {0} on {1}. Pick another model.', model, host),
    };
  }

  /**
   * Shows what the active conversation uses: `settingsModel` on the default host, its own model on another host.
   * The host's name is shown only when `hostCount` says there is more than one.
   */
  showFor(chat: ChatService, settingsModel: string, hostCount: number): void {
    const id = chat.activeConversationId();
    const host = chat.hostOf(id);
    const own = id && host.name !== chat.hostOf(undefined).name ? chat.conversationSettings(id)?.model : undefined;
    this.update(own ?? settingsModel, hostCount > 1 ? host.name : undefined);
  }

  dispose(): void {
    this.item.dispose();
  }
}
