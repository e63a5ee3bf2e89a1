/**
 * "Test Connection": whether Ollama answers, in one line per host (version, models, latency, auth header). With
 * several hosts it asks which one to test, or all.
 */
import vscode = require('vscode');
import type { DiagnosticsResult } from '../core/ollama/diagnostics';
import type { HostEntry } from '../core/settings/hosts';
import { findHost } from '../core/settings/hosts';
import { runChecks } from './runChecks';
import type { Services } from './services';

/** What Test Connection found on one of several hosts. */
export type HostTestResult = DiagnosticsResult & { host: string; url: string };

/** The answer that tests every host. */
export const ALL_HOSTS = 'all';

/** Shows the result for one host; `name` is given when several hosts are configured. */
function show(result: DiagnosticsResult, url: string, model: string | undefined, name?: string): void {
  const who = name === undefined ? '' : `${name}: `;
  if (result.version) {
    const count = result.modelCount ?? 0;
    const missing = model && result.modelInstalled === false;
    const connected = count === 1
      ? (missing
        ? vscode.l10n.t('Connected to Ollama {0} at {1} in {2} ms: {3} model, but "{4}" is not installed.', result.version ?? '', url, result.latencyMs ?? '', count, model)
        : vscode.l10n.t('Connected to Ollama {0} at {1} in {2} ms: {3} model.', result.version ?? '', url, result.latencyMs ?? '', count))
      : (missing
        ? vscode.l10n.t('Connected to Ollama {0} at {1} in {2} ms: {3} models, but "{4}" is not installed.', result.version ?? '', url, result.latencyMs ?? '', count, model)
        : vscode.l10n.t('Connected to Ollama {0} at {1} in {2} ms: {3} models.', result.version ?? '', url, result.latencyMs ?? '', count));
    const text = `${who}${connected}` + (result.authHeader ? ` ${vscode.l10n.t('Auth header: {0}.', result.authHeader)}` : '');
    if (model && result.modelInstalled === false) void vscode.window.showWarningMessage(text);
    else void vscode.window.showInformationMessage(text);
  } else {
    const detail = result.report.split('\n').find((l) => l.startsWith('- ✗'))?.slice(4) ?? vscode.l10n.t('No answer.');
    void vscode.window.showErrorMessage(`${who}${detail}`, vscode.l10n.t('Open Settings')).then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', name === undefined ? 'ollamaChat.host' : 'ollamaChat.hosts');
    });
  }
}

/** The hosts to test: `which` (a host's name, or `all`), else the user's choice. */
async function chooseHosts(hosts: HostEntry[], which: string | undefined): Promise<HostEntry[] | undefined> {
  if (which === ALL_HOSTS) return hosts;
  const named = findHost(hosts, which);
  if (named) return [named];
  const choice = await vscode.window.showQuickPick(
    [{ label: vscode.l10n.t('All hosts'), description: vscode.l10n.t('{0} hosts', hosts.length), hosts }, ...hosts.map((h) => ({ label: h.name, description: h.url, hosts: [h] }))],
    { title: vscode.l10n.t('Ollama Chat: Test Connection'), placeHolder: vscode.l10n.t('Which Ollama host?') });
  return choice?.hosts;
}

/**
 * Checks that Ollama answers: version, number of models, latency. With one host, its result; with several, one
 * result per host tested (in parallel), or undefined when the user cancelled. `which` names the host (or `all`).
 */
export async function testConnection(s: Services, which?: string): Promise<DiagnosticsResult | HostTestResult[] | undefined> {
  const hosts = s.hosts.list();
  const model = s.settings.current().model;
  if (hosts.length === 1) {
    const result = await runChecks(s, true);
    show(result, s.settings.current().host, model);
    return result;
  }
  const chosen = await chooseHosts(hosts, which);
  if (!chosen) return undefined;
  return Promise.all(chosen.map(async (h): Promise<HostTestResult> => {
    const result = await runChecks(s, true, s.hosts.target(h.name));
    // The model setting is the default host's; the others are only asked what they have.
    show(result, h.url, h.name === hosts[0].name ? model : undefined, h.name);
    return { ...result, host: h.name, url: h.url };
  }));
}
