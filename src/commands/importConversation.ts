/** "Import Conversation…": a JSON export back into the history, checked field by field. */
import vscode = require('vscode');
import { checkImportSize, readExport } from '../core/conversations/exportFormat';
import type { Services } from './services';

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
