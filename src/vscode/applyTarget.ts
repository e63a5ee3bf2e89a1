/**
 * Where Apply puts a code block of a reply. A reply to "Ask about Selection" goes back over the selection it was
 * asked about (remembered here by the reply's id, for this window's life); any other reply goes over the active
 * editor's selection, or over the whole file when nothing is selected.
 */
import vscode = require('vscode');

/** The part of a document a code block would replace. */
export interface ApplyTarget {
  document: vscode.TextDocument;
  range: vscode.Range;
  /** Why this target, in words for the diff's title: "selection", "lines 3–9" or "whole file". */
  what: string;
}

/** The selection a question was asked about, as it was then. */
interface Origin {
  uri: vscode.Uri;
  range: vscode.Range;
  text: string;
}

/** The selections replies were asked about, by reply id. */
export class SelectionOrigins {
  private readonly origins = new Map<string, Origin>();

  /** Remembers that reply `messageId` answers a question about `range` of `document`. */
  remember(messageId: string, document: vscode.TextDocument, range: vscode.Range): void {
    this.origins.set(messageId, { uri: document.uri, range, text: document.getText(range) });
  }

  /**
   * The target for a code block of reply `messageId`: its question's selection when it is still there unchanged,
   * else the active editor's. Throws an Error in user words when there is none, or the asked-about code changed.
   */
  async targetFor(messageId: string): Promise<ApplyTarget> {
    const origin = this.origins.get(messageId);
    if (origin) {
      const document = await vscode.workspace.openTextDocument(origin.uri);
      if (document.getText(origin.range) !== origin.text) {
        // Forgotten: pressing Apply again uses the editor's selection instead.
        this.origins.delete(messageId);
        throw new Error(vscode.l10n.t('The code this reply was asked about has changed in {0} since. Select the code to replace (or nothing, for the whole file) and press Apply again.', vscode.workspace.asRelativePath(origin.uri, false)));
      }
      return { document, range: origin.range, what: vscode.l10n.t('the lines {0}–{1}', origin.range.start.line + 1, origin.range.end.line + 1) };
    }
    return editorTarget();
  }
}

/** The active editor's selection, or its whole file when nothing is selected. */
function editorTarget(): ApplyTarget {
  // With the chat in an editor tab, the code is in a text editor beside it (not the active editor then).
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  if (!editor) throw new Error('Open the file to change first (select the code to replace, or nothing for the whole file), then press Apply again.');
  const { document, selection } = editor;
  if (!selection.isEmpty) return { document, range: selection, what: vscode.l10n.t('the selection') };
  const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  return { document, range: whole, what: vscode.l10n.t('the whole file') };
}
