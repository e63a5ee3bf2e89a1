/** The status-bar item that shows the model in use; clicking it opens the model picker. */
import vscode = require('vscode');
import { Command } from './commandIds';

export class ModelStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('ollamaChat.model', vscode.StatusBarAlignment.Right, 100);

  constructor(model: string) {
    this.item.name = 'Ollama Chat Model';
    this.item.command = Command.pickModel;
    this.update(model);
    this.item.show();
  }

  update(model: string): void {
    this.item.text = `$(hubot) ${model}`;
    this.item.tooltip = vscode.l10n.t('Ollama Chat model: {0}. Click to pick another.', model);
    this.item.accessibilityInformation = { label: vscode.l10n.t('Ollama Chat model {0}. Pick another model.', model) };
  }

  dispose(): void {
    this.item.dispose();
  }
}
