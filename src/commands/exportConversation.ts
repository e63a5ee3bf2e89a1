/**
 * "Export Conversation…": Markdown (a readable transcript; images are named, not included) or JSON (to import again,
 * images embedded), opened as an untitled document.
 */
import vscode = require('vscode');
import { toJson, toMarkdown } from '../core/conversations/exportFormat';
import { collectImages } from '../core/conversations/exportImages';
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
  let content: string;
  if (chosen === 'markdown') {
    content = toMarkdown(conversation);
  } else {
    const { images, left } = await collectImages(conversation, s.images);
    content = toJson(conversation, images);
    if (left.length) {
      void vscode.window.showWarningMessage(`The export does not include ${left.length === 1 ? 'the image' : `${left.length} images`} ${left.join(', ')}: missing from the extension's storage, or past the export's size limit.`);
    }
  }
  const doc = await vscode.workspace.openTextDocument({ content, language: chosen });
  await vscode.window.showTextDocument(doc);
  return content;
}
