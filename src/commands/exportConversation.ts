/** "Export Conversation…": Markdown (a readable transcript) or JSON (to import again), opened as an untitled document. */
import vscode = require('vscode');
import { toJson, toMarkdown } from '../core/conversations/exportFormat';
import type { Services } from './services';

export type ExportFormat = 'markdown' | 'json';

/** Opens the export of a conversation (default: the active one) in a new editor; resolves with its text. */
export async function exportConversation(s: Services, id?: string, format?: ExportFormat): Promise<string | undefined> {
  const conversationId = id ?? s.chat.activeConversationId();
  const conversation = conversationId ? s.chat.getConversation(conversationId) : undefined;
  if (!conversation) {
    void vscode.window.showInformationMessage('Open a conversation in the chat first, then export it.');
    return undefined;
  }
  const chosen = format ?? (await vscode.window.showQuickPick(
    [{ label: 'Markdown', description: 'readable transcript', format: 'markdown' as const },
      { label: 'JSON', description: 'can be imported again', format: 'json' as const }],
    { title: `Export "${conversation.title}"` }))?.format;
  if (!chosen) return undefined;
  const content = chosen === 'markdown' ? toMarkdown(conversation) : toJson(conversation);
  const doc = await vscode.workspace.openTextDocument({ content, language: chosen });
  await vscode.window.showTextDocument(doc);
  return content;
}
