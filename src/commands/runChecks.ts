/** The checks behind "Diagnose" and "Test Connection", with what they need from VS Code. */
import vscode = require('vscode');
import type { DiagnosticsResult } from '../core/ollama/diagnostics';
import { runDiagnostics } from '../core/ollama/diagnostics';
import type { HostTarget } from '../core/ollama/hostRouter';
import type { Services } from './services';

/**
 * Runs the checks (all of them, or all but the test generation) against the default host, or against `target`, one
 * of the configured hosts (with the auth header that host gets).
 */
export async function runChecks(s: Services, skipGeneration: boolean, target?: HostTarget): Promise<DiagnosticsResult> {
  const settings = s.settings.current();
  return runDiagnostics(target?.client ?? s.client, {
    host: target?.url ?? settings.host, model: settings.model, authHeader: await s.auth.describe(target?.url),
    extensionVersion: s.extensionVersion, vscodeVersion: vscode.version, skipGeneration,
  });
}
