/**
 * Apply with a preview, in the real extension host: a code block is shown applied to its target in a diff editor
 * (the selection it was asked about, else the editor's selection, else the whole file); Accept changes the file
 * exactly so (and Ctrl+Z takes it back), Reject leaves it byte for byte as it was, and a file changed after the
 * preview is refused rather than written over.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChatMessage } from '../../src/shared/types';
import { PROPOSED_SCHEME } from '../../src/vscode/applyPreview';
import type { OllamaSimulator } from '../../simulator';
import { closeAllEditors, getApi, startServer, waitFor } from './helpers';

const ORIGINAL = 'function add(a, b) {\n  return a - b;\n}\n\nconsole.log(add(1, 2));\n';

describe('Apply with a preview', function () {
  this.timeout(60_000);
  let server: OllamaSimulator;
  let file: vscode.Uri;

  /** The diff editor of the open preview, if one is the active tab. */
  const diffTab = () => {
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    return input instanceof vscode.TabInputTextDiff && input.modified.scheme === PROPOSED_SCHEME ? input : undefined;
  };
  const anyDiffOpen = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .some((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === PROPOSED_SCHEME);

  /** Opens the test file afresh with `selection` selected (empty: nothing selected). */
  async function openWith(selection: vscode.Selection): Promise<vscode.TextEditor> {
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(ORIGINAL));
    const doc = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(doc);
    // The document may be open from an earlier test: make it the file's text again.
    if (doc.getText() !== ORIGINAL) await vscode.commands.executeCommand('workbench.action.files.revert');
    editor.selection = selection;
    return editor;
  }

  async function apply(code: string, messageId = 'no-such-reply'): Promise<vscode.TabInputTextDiff> {
    await vscode.commands.executeCommand('ollamaChat.applyCode', code, messageId);
    const diff = await waitFor(diffTab, 'the diff editor of the proposed change');
    assert.ok(diff);
    return diff;
  }

  before(async () => {
    server = await startServer();
    await getApi();
    file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'apply-target.js');
  });

  afterEach(async () => {
    // An accepted change is not saved: put the file back so closing asks nothing.
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.toString());
    if (doc?.isDirty) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await closeAllEditors();
  });

  after(async () => {
    await vscode.workspace.fs.delete(file, { useTrash: false });
    await server?.stop();
  });

  it('shows the selection replaced in a diff; Accept edits the file exactly so, Ctrl+Z takes it back', async () => {
    const editor = await openWith(new vscode.Selection(1, 0, 2, 0));
    const diff = await apply('  return a + b;\n');
    const expected = 'function add(a, b) {\n  return a + b;\n}\n\nconsole.log(add(1, 2));\n';
    assert.equal(diff.original.toString(), file.toString(), 'the file itself on the left');
    assert.equal((await vscode.workspace.openTextDocument(diff.modified)).getText(), expected, 'the proposal on the right');
    assert.equal(editor.document.getText(), ORIGINAL, 'nothing changed before Accept');
    assert.equal(await vscode.commands.executeCommand('ollamaChat.acceptApply'), true);
    assert.equal(editor.document.getText(), expected);
    await waitFor(() => !anyDiffOpen(), 'the diff to close');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), ORIGINAL, 'one Ctrl+Z undoes the whole change');
  });

  it('Reject closes the diff and leaves the file byte for byte as it was', async () => {
    const editor = await openWith(new vscode.Selection(1, 0, 2, 0));
    await apply('  return 42;\n');
    await vscode.commands.executeCommand('ollamaChat.rejectApply');
    await waitFor(() => !anyDiffOpen(), 'the diff to close');
    assert.equal(editor.document.getText(), ORIGINAL);
    assert.equal(editor.document.isDirty, false);
    assert.equal(await vscode.commands.executeCommand('ollamaChat.acceptApply'), false, 'nothing is left to accept');
    assert.equal(editor.document.getText(), ORIGINAL);
  });

  it('refuses to apply over a file that changed after the preview, and changes nothing', async () => {
    const editor = await openWith(new vscode.Selection(1, 0, 2, 0));
    await apply('  return a + b;\n');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(file, new vscode.Position(0, 0), '// edited meanwhile\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(await vscode.commands.executeCommand('ollamaChat.acceptApply'), false);
    assert.equal(editor.document.getText(), `// edited meanwhile\n${ORIGINAL}`, 'only the user\'s own edit is there');
    await waitFor(() => !anyDiffOpen(), 'the stale diff to close');
  });

  it('with nothing selected, proposes the code as the whole file, keeping its final line break', async () => {
    await openWith(new vscode.Selection(0, 0, 0, 0));
    const diff = await apply('export const answer = 42;');
    assert.equal((await vscode.workspace.openTextDocument(diff.modified)).getText(), 'export const answer = 42;\n');
    await vscode.commands.executeCommand('ollamaChat.rejectApply');
  });

  it('a reply to Ask about Selection goes back over the selection it was asked about, wherever the cursor is now', async () => {
    const editor = await openWith(new vscode.Selection(4, 0, 4, 23));
    const reply = await vscode.commands.executeCommand<ChatMessage>('ollamaChat.askAboutSelection', { question: 'Log the sum twice' });
    assert.ok(reply?.id);
    await vscode.window.showTextDocument(editor.document);
    editor.selection = new vscode.Selection(0, 0, 0, 8);
    const diff = await apply('console.log(add(1, 2), add(1, 2));', reply.id);
    assert.equal((await vscode.workspace.openTextDocument(diff.modified)).getText(),
      'function add(a, b) {\n  return a - b;\n}\n\nconsole.log(add(1, 2), add(1, 2));\n');
    assert.ok(await vscode.commands.executeCommand('ollamaChat.acceptApply'));
    assert.equal(editor.document.getText(), 'function add(a, b) {\n  return a - b;\n}\n\nconsole.log(add(1, 2), add(1, 2));\n');
  });
});
