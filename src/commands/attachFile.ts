/** "Attach Current File to Chat" and "Attach File to Chat…": a file goes with the next message, as a chip. */
import vscode = require('vscode');
import { createAttachment } from '../core/prompts/attachments';
import type { Services } from './services';

/** Reads the active editor's file, or one the user chooses; adds it to the view's attachments. */
export async function attachFile(s: Services, source: 'current' | 'pick', uri?: vscode.Uri): Promise<boolean> {
  let document: vscode.TextDocument | undefined;
  if (uri) {
    document = await vscode.workspace.openTextDocument(uri);
  } else if (source === 'current') {
    document = vscode.window.activeTextEditor?.document ?? vscode.window.visibleTextEditors[0]?.document;
    if (!document) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a file in an editor first, then attach it.'));
      return false;
    }
  } else {
    const picked = await vscode.window.showOpenDialog({ title: vscode.l10n.t('Attach File to Chat'), canSelectMany: false, openLabel: 'Attach' });
    if (!picked?.[0]) return false;
    try {
      document = await vscode.workspace.openTextDocument(picked[0]);
    } catch {
      void vscode.window.showWarningMessage(vscode.l10n.t('Only text files can be attached.'));
      return false;
    }
  }
  const attachment = createAttachment(vscode.workspace.asRelativePath(document.uri, false), document.languageId, document.getText());
  s.view.addAttachment(attachment);
  await s.view.reveal();
  if (attachment.truncated) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} is long: only its first {1} of {2} characters will be sent.', attachment.name, attachment.text.length, attachment.chars));
  }
  return true;
}
