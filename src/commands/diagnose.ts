/** "Diagnose" (full report in a new editor) and "Test Connection" (one-line answer). */
import * as vscode from 'vscode';
import type { AuthHeader } from '../core/settings/authHeader';
import type { DiagnosticsResult } from '../core/ollama/diagnostics';
import { runDiagnostics } from '../core/ollama/diagnostics';
import type { Services } from './services';

async function run(s: Services, auth: AuthHeader, extensionVersion: string, skipGeneration: boolean): Promise<DiagnosticsResult> {
  const settings = s.settings.current();
  return runDiagnostics(s.client, {
    host: settings.host, model: settings.model, authHeader: await auth.describe(),
    extensionVersion, vscodeVersion: vscode.version, skipGeneration,
  });
}

/** Runs every check and opens the report as Markdown, ready to paste into a bug report. */
export async function diagnose(s: Services, auth: AuthHeader, extensionVersion: string): Promise<DiagnosticsResult> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Ollama Chat: running diagnostics…' },
    () => run(s, auth, extensionVersion, false));
  const doc = await vscode.workspace.openTextDocument({ content: result.report, language: 'markdown' });
  await vscode.window.showTextDocument(doc);
  return result;
}

/** Checks that Ollama answers: version, number of models, latency. */
export async function testConnection(s: Services, auth: AuthHeader, extensionVersion: string): Promise<DiagnosticsResult> {
  const result = await run(s, auth, extensionVersion, true);
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
    void vscode.window.showErrorMessage(detail, 'Open Settings').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'ollamaChat.host');
    });
  }
  return result;
}
