/** "Diagnose": every check, as a Markdown report in a new editor, ready to paste into a bug report. */
import vscode = require('vscode');
import type { DiagnosticsResult } from '../core/ollama/diagnostics';
import { runChecks } from './runChecks';
import type { Services } from './services';

/** Runs every check and opens the report. */
export async function diagnose(s: Services): Promise<DiagnosticsResult> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Ollama Chat: running diagnostics…') },
    () => runChecks(s, false));
  const doc = await vscode.workspace.openTextDocument({ content: result.report, language: 'markdown' });
  await vscode.window.showTextDocument(doc);
  return result;
}
