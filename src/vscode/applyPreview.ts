/**
 * Apply with a preview: a code block of a reply is shown applied to its target (see `applyTarget.ts`) in a diff
 * editor — the file as it is on the left, a read-only proposal on the right — and changes nothing until the user
 * accepts. Accept applies one WorkspaceEdit (undone with Ctrl+Z like any edit) and closes the diff; Reject, or
 * closing the diff, changes nothing. If the file changed after the preview was shown, Accept says so instead of
 * applying over it. One preview at a time: a new Apply replaces the open one.
 */
import vscode = require('vscode');
import type { ApplyTarget } from './applyTarget';
import { SelectionOrigins } from './applyTarget';

/** The scheme of the proposal's read-only documents. */
export const PROPOSED_SCHEME = 'ollama-chat-proposed';

/** True while a preview waits for Accept or Reject (shows their buttons and keys). */
const PENDING_CONTEXT = 'ollamaChat.applyPending';

/** The preview on screen. */
interface Pending {
  target: ApplyTarget;
  code: string;
  /** The whole target document when the preview was made: Accept refuses if it is no longer so. */
  before: string;
  proposed: vscode.Uri;
}

export class ApplyPreview implements vscode.Disposable {
  /** The selections replies were asked about (recorded by Ask about Selection). */
  readonly origins = new SelectionOrigins();
  private pending: Pending | undefined;
  private readonly proposals = new Map<string, string>();
  private registrations: vscode.Disposable[] = [];
  private previews = 0;

  /**
   * Shows `code` from reply `messageId` applied to its target in a diff editor, with Accept and Reject. Says why
   * in a warning (and shows nothing) when there is no target.
   */
  async show(code: string, messageId: string): Promise<void> {
    let target: ApplyTarget;
    try {
      target = await this.origins.targetFor(messageId);
    } catch (err) {
      void vscode.window.showWarningMessage(err instanceof Error ? err.message : String(err));
      return;
    }
    await this.end();
    this.register();
    const { document, range } = target;
    const before = document.getText();
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    // A code block has no final line break; whole lines (or a whole file) replaced keep theirs.
    if (before.slice(start, end).endsWith('\n') && !code.endsWith('\n')) code += document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const proposedText = before.slice(0, start) + code + before.slice(end);
    const name = fileName(document.uri);
    // The file's own name last, so the proposal is highlighted in the file's language.
    const proposed = vscode.Uri.from({ scheme: PROPOSED_SCHEME, path: `/${++this.previews}/${name}` });
    this.proposals.set(proposed.toString(), proposedText);
    this.pending = { target, code, before, proposed };
    await vscode.commands.executeCommand('setContext', PENDING_CONTEXT, true);
    await vscode.commands.executeCommand('vscode.diff', document.uri, proposed, vscode.l10n.t('{0}: proposed change to {1} (Accept or Reject)', name, target.what));
  }

  /**
   * Applies the previewed change and closes the diff; resolves with whether it was applied. Refuses, with a message,
   * when there is no preview or the file changed since it was shown.
   */
  async accept(): Promise<boolean> {
    const pending = this.pending;
    if (!pending) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There is no change to accept: press Apply on a code block in the chat first.'));
      return false;
    }
    const document = await vscode.workspace.openTextDocument(pending.target.document.uri);
    if (document.getText() !== pending.before) {
      await this.end();
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} changed after the preview was shown, so nothing was applied. Press Apply again to see the change against the file as it is now.', fileName(document.uri)));
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, pending.target.range, pending.code);
    const applied = await vscode.workspace.applyEdit(edit);
    await this.end();
    if (!applied) void vscode.window.showErrorMessage(vscode.l10n.t('VS Code did not change {0} (is it read-only?). Nothing was applied.', fileName(document.uri)));
    return applied;
  }

  /** Closes the diff and changes nothing. */
  async reject(): Promise<void> {
    await this.end();
  }

  dispose(): void {
    for (const r of this.registrations) r.dispose();
    this.registrations = [];
  }

  /** Serves the proposals, and notices when the user closes a diff by hand (as good as Reject). Once, when first used. */
  private register(): void {
    if (this.registrations.length) return;
    this.registrations = [
      vscode.workspace.registerTextDocumentContentProvider(PROPOSED_SCHEME, {
        provideTextDocumentContent: (uri) => this.proposals.get(uri.toString()),
      }),
      vscode.window.tabGroups.onDidChangeTabs(({ closed }) => {
        const shown = this.pending?.proposed.toString();
        if (shown && closed.some((tab) => proposalOf(tab) === shown)) void this.end();
      }),
    ];
  }

  /** Forgets the preview and closes its diff. */
  private async end(): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    this.proposals.delete(pending.proposed.toString());
    await vscode.commands.executeCommand('setContext', PENDING_CONTEXT, false);
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => proposalOf(tab) === pending.proposed.toString());
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
  }
}

/** The proposal a tab shows, if it is one of our diffs. */
function proposalOf(tab: vscode.Tab): string | undefined {
  return tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.scheme === PROPOSED_SCHEME ? tab.input.modified.toString() : undefined;
}

function fileName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.path;
}
