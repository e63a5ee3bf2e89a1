/** The checks behind "Diagnose" and "Test Connection", with what they need from VS Code. */
import vscode = require('vscode');
import type { DiagnosticsResult } from '../core/ollama/diagnostics';
import { runDiagnostics } from '../core/ollama/diagnostics';
import type { Services } from './services';

/** Runs the checks against the configured host (all of them, or all but the test generation). */
export async function runChecks(s: Services, skipGeneration: boolean): Promise<DiagnosticsResult> {
  const settings = s.settings.current();
  return runDiagnostics(s.client, {
    host: settings.host, model: settings.model, authHeader: await s.auth.describe(),
    extensionVersion: s.extensionVersion, vscodeVersion: vscode.version, skipGeneration,
  });
}
