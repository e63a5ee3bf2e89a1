/** "Export Conversation…" (Markdown or JSON, opened as an untitled document) and "Import Conversation…" (JSON). */
import * as vscode from 'vscode';
import { checkImportSize, readExport, toJson, toMarkdown } from '../core/conversations/exportFormat';
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

/**
 * Reads a JSON export (asks for the file unless `uri` is given), adds it to the history and shows it. The size is
 * checked before the file is read; every field is checked after, and what was repaired is logged.
 */
export async function importConversation(s: Services, uri?: vscode.Uri): Promise<string | undefined> {
  const file = uri ?? (await vscode.window.showOpenDialog({
    title: 'Import Conversation', canSelectMany: false, filters: { 'Ollama Chat export': ['json'] },
  }))?.[0];
  if (!file) return undefined;
  try {
    checkImportSize((await vscode.workspace.fs.stat(file)).size);
    const conversation = readExport(await vscode.workspace.fs.readFile(file), (m) => s.log.warn(m));
    const id = await s.chat.importConversation(conversation);
    await s.chat.setActive(id);
    await s.view.reveal();
    return id;
  } catch (err) {
    void vscode.window.showErrorMessage(`Could not import ${file.path.split('/').pop()}: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}
