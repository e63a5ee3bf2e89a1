/** "Test Connection": whether Ollama answers at the configured host, in one line (version, models, latency). */
import vscode = require('vscode');
import type { DiagnosticsResult } from '../core/ollama/diagnostics';
import { runChecks } from './runChecks';
import type { Services } from './services';

/** Checks that Ollama answers: version, number of models, latency. */
export async function testConnection(s: Services): Promise<DiagnosticsResult> {
  const result = await runChecks(s, true);
  const host = s.settings.current().host;
  if (result.version) {
    const model = s.settings.current().model;
    const text = `Connected to Ollama ${result.version} at ${host} in ${result.latencyMs} ms: ${result.modelCount ?? 0} model(s)`
      + (result.modelInstalled === false ? `, but "${model}" is not installed.` : '.')
      + (result.authHeader ? ` Auth header: ${result.authHeader}.` : '');
    if (result.modelInstalled === false) void vscode.window.showWarningMessage(text);
    else void vscode.window.showInformationMessage(text);
  } else {
    const detail = result.report.split('\n').find((l) => l.startsWith('- ✗'))?.slice(4) ?? 'No answer.';
    void vscode.window.showErrorMessage(detail, vscode.l10n.t('Open Settings')).then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'ollamaChat.host');
    });
  }
  return result;
}
