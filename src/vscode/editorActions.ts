/** What the chat view's code blocks do in the editor: copy, insert at the cursor, open as a new file. */
import vscode = require('vscode');

/** Puts `text` on the clipboard and says so in the status bar. */
export async function copyToClipboard(text: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Copied'), 2000);
}

/** Replaces the selection of the active editor (or inserts at the cursor) with `code`. */
export async function insertAtCursor(code: string): Promise<void> {
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  if (!editor) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a file first: there is no editor to insert the code into.'));
    return;
  }
  await editor.edit((edit) => {
    for (const selection of editor.selections) edit.replace(selection, code);
  });
}

/** Opens `code` in a new untitled editor in the language of its fence. */
export async function openInNewFile(code: string, fenceLanguage: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ content: code, language: languageIdFor(fenceLanguage) });
  await vscode.window.showTextDocument(doc);
}

/** Maps a fence's language tag (`ts`, `py`, `sh`) to a VS Code language id. */
export function languageIdFor(tag: string): string {
  const aliases: Record<string, string> = {
    ts: 'typescript', js: 'javascript', py: 'python', sh: 'shellscript', bash: 'shellscript', shell: 'shellscript',
    zsh: 'shellscript', yml: 'yaml', md: 'markdown', rs: 'rust', cs: 'csharp', 'c++': 'cpp', golang: 'go',
    html: 'html', jsx: 'javascriptreact', tsx: 'typescriptreact', rb: 'ruby', kt: 'kotlin', ps1: 'powershell',
  };
  const t = tag.trim().toLowerCase();
  return aliases[t] ?? (/^[a-z0-9#+.-]{1,40}$/.test(t) ? t : 'plaintext');
}
