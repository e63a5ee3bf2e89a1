/** "Delete Conversation…": deletes at once and offers Undo. */
import vscode = require('vscode');
import { chooseConversation } from './conversationPicker';
import type { Services } from './services';

/** Deletes a conversation at once and offers Undo in the notification. */
export async function deleteConversation(s: Services, id?: string): Promise<void> {
  const chosen = await chooseConversation(s, 'Ollama Chat: Delete Conversation', id);
  if (!chosen) return;
  const removed = await s.chat.deleteConversation(chosen);
  if (!removed) return;
  const undo = await vscode.window.showInformationMessage(`Deleted "${removed.title}".`, 'Undo');
  if (undo === 'Undo') await s.chat.restoreConversation(removed);
}
