/** "Rename Conversation…". */
import vscode = require('vscode');
import { chooseConversation } from './conversationPicker';
import type { Services } from './services';

/** Renames a conversation; with `title` given, no prompt is shown. */
export async function renameConversation(s: Services, id?: string, title?: string): Promise<void> {
  const chosen = await chooseConversation(s, 'Ollama Chat: Rename Conversation', id ?? s.chat.activeConversationId());
  const conversation = chosen ? s.chat.getConversation(chosen) : undefined;
  if (!chosen || !conversation) return;
  const newTitle = title ?? await vscode.window.showInputBox({
    title: vscode.l10n.t('Rename Conversation'), value: conversation.title, prompt: vscode.l10n.t('New title'),
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('The title cannot be empty.')),
  });
  if (newTitle?.trim()) await s.chat.renameConversation(chosen, newTitle);
}
