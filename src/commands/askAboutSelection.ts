/**
 * "Ask Mistral about Selection" (the title names the product): sends the editor selection, with file name, lines and
 * language, to the chat. What it says names the model the chat will ask, from the settings.
 */
import vscode = require('vscode');
import { buildSelectionPrompt, DEFAULT_QUESTION } from '../core/prompts/selectionPrompt';
import type { ChatMessage } from '../shared/types';
import type { Services } from './services';

/** Arguments other extensions and tests may pass; a user running the command is asked for the question. */
export interface AskArgs {
  question?: string;
}

/**
 * Asks for the question (default "Explain this code"), opens the chat view and sends the prompt to the active
 * conversation (a new one when there is none). Resolves with the reply, or undefined when cancelled.
 */
export async function askAboutSelection(s: Services, args?: AskArgs): Promise<ChatMessage | undefined> {
  const editor = vscode.window.activeTextEditor;
  const model = s.view.relay.modelForView();
  if (!editor || editor.selections.every((sel) => sel.isEmpty)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Select some code in an editor first, then ask {0} about it.', model));
    return undefined;
  }
  const selection = editor.selections.find((sel) => !sel.isEmpty) ?? editor.selection;
  const question = typeof args?.question === 'string' ? args.question : await vscode.window.showInputBox({
    title: vscode.l10n.t('Ask {0} about the selection', model),
    prompt: vscode.l10n.t('What should {0} do with the selected code? Press Enter to send.', model),
    value: DEFAULT_QUESTION,
    valueSelection: [0, DEFAULT_QUESTION.length],
  });
  if (question === undefined) return undefined;
  const endLine = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line : selection.end.line + 1;
  const built = buildSelectionPrompt({
    code: editor.document.getText(selection),
    languageId: editor.document.languageId,
    fileName: vscode.workspace.asRelativePath(editor.document.uri, false),
    startLine: selection.start.line + 1,
    endLine,
  }, question);
  if (built.truncated) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('The selection is long: only its first {0} of {1} lines are sent.', built.includedLines, built.totalLines));
  }
  await s.view.reveal();
  const id = s.chat.activeConversationId() ?? (await s.chat.startConversation()).id;
  const reply = s.chat.sendMessage(id, built.prompt);
  // Apply on a code block of this reply goes back over this selection.
  const replyId = s.chat.streamInfo(id)?.messageId;
  if (replyId) s.apply.origins.remember(replyId, editor.document, selection);
  return reply;
}
