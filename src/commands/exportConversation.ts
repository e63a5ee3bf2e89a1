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
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a conversation in the chat first, then export it.'));
    return undefined;
  }
  const chosen = format ?? (await vscode.window.showQuickPick(
    [{ label: vscode.l10n.t('Markdown'), description: vscode.l10n.t('readable transcript'), format: 'markdown' as const },
      { label: vscode.l10n.t('JSON'), description: vscode.l10n.t('can be imported again'), format: 'json' as const }],
    { title: vscode.l10n.t('Export "{0}"', conversation.title) }))?.format;
  if (!chosen) return undefined;
  let content: string;
  if (chosen === 'markdown') {
    content = toMarkdown(conversation);
  } else {
    const { images, left } = await collectImages(conversation, s.images);
    content = toJson(conversation, images);
    if (left.length) {
      void vscode.window.showWarningMessage(left.length === 1
        ? vscode.l10n.t('The export does not include the image {0}: missing from the extension\'s storage, or past the export\'s size limit.', left[0])
        : vscode.l10n.t('The export does not include {0} images {1}: missing from the extension\'s storage, or past the export\'s size limit.', left.length, left.join(', ')));
    }
  }
  const doc = await vscode.workspace.openTextDocument({ content, language: chosen });
  await vscode.window.showTextDocument(doc);
  return content;
}
