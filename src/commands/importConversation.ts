/** "Import Conversation…": a JSON export back into the history, checked field by field. */
import vscode = require('vscode');
import { checkImportSize } from '../core/conversations/exportFormat';
import { MAX_IMPORT_FILE_BYTES, readExportWithImages } from '../core/conversations/exportImages';
import { keepKnownHost } from '../core/settings/hosts';
import type { Services } from './services';

/**
 * Reads a JSON export (asks for the file unless `uri` is given), adds it to the history and shows it. The size is
 * checked before the file is read; every field is checked after, and what was repaired is logged.
 */
export async function importConversation(s: Services, uri?: vscode.Uri): Promise<string | undefined> {
  const file = uri ?? (await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Import Conversation'), canSelectMany: false, filters: { 'Ollama Chat export': ['json'] },
  }))?.[0];
  if (!file) return undefined;
  try {
    checkImportSize((await vscode.workspace.fs.stat(file)).size, MAX_IMPORT_FILE_BYTES);
    const { conversation, images, leftOut } = readExportWithImages(await vscode.workspace.fs.readFile(file), (m) => s.log.warn(m));
    // The images are stored before the conversation that refers to them appears.
    for (const bytes of images.values()) await s.images.put(bytes);
    const unknownHost = keepKnownHost(conversation, s.hosts.list());
    const id = await s.chat.importConversation(conversation);
    if (unknownHost !== undefined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The imported conversation was on an Ollama host called "{0}", which is not in your ollamaChat.hosts; it uses your default host. Pick a model to move it to another host.', unknownHost));
    }
    if (leftOut) {
      void vscode.window.showWarningMessage(leftOut === 1
        ? vscode.l10n.t('An image of the imported conversation was missing or damaged in the file and was left out; the text is all there.')
        : vscode.l10n.t('{0} images of the imported conversation were missing or damaged in the file and were left out; the text is all there.', leftOut));
    }
    await s.chat.setActive(id);
    await s.view.reveal();
    return id;
  } catch (err) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not import {0}: {1}', file.path.split('/').pop() ?? file.path, err instanceof Error ? err.message : String(err)));
    return undefined;
  }
}
