/**
 * "Set Auth Header for Remote Ollama…": stores a header in SecretStorage for one configured host's origin (asking
 * which when there are several; empty input removes it), and the offer to send it to a new host after
 * `ollamaChat.host` changed.
 */
import vscode = require('vscode');
import type { AuthHeader } from '../core/settings/authHeader';
import { Command } from '../vscode/commandIds';
import type { Services } from './services';
import { originOf, parseHeader } from '../core/settings/authHeader';
import { findHost } from '../core/settings/hosts';

/** The URL of the host the header is for: the one called `name`, the only one, or the one the user picks. */
async function hostToSet(s: Services, name: string | undefined): Promise<string | undefined> {
  const hosts = s.hosts.list();
  const named = findHost(hosts, name);
  if (named || hosts.length === 1) return (named ?? hosts[0]).url;
  const choice = await vscode.window.showQuickPick(hosts.map((h) => ({ label: h.name, description: h.url, url: h.url })),
    { title: vscode.l10n.t('Ollama Chat: Set Auth Header'), placeHolder: vscode.l10n.t('For which Ollama host? Each host has its own header.') });
  return choice?.url;
}

/**
 * Asks for the header (hidden input) unless `text` is given and stores it for the origin of the host called
 * `hostName` (or the one the user picks) only; resolves with the header name stored, if any.
 */
export async function setAuthHeader(s: Services, text?: string, hostName?: string): Promise<string | undefined> {
  const { auth } = s;
  const host = await hostToSet(s, hostName);
  if (host === undefined) return undefined;
  const origin = originOf(host);
  if (!origin) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The auth header is sent only to the host in ollamaChat.host, and "{0}" is not a valid host. Fix the setting first.', host), vscode.l10n.t('Open Settings'))
      .then((choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', 'ollamaChat.host'));
    return undefined;
  }
  const input = text ?? await vscode.window.showInputBox({
    title: vscode.l10n.t('Ollama Chat: Auth Header for {0}', origin),
    prompt: vscode.l10n.t('Header sent with every request to {0} (and to no other host), e.g. "Authorization: Bearer <token>". Leave empty to remove it. Stored in VS Code\'s secret storage.', origin),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() && !parseHeader(v) ? vscode.l10n.t('Use "Name: value" on one line.') : undefined),
  });
  if (input === undefined) return undefined;
  await auth.set(input, host);
  const stored = await auth.describe(host);
  const name = stored?.origin === origin ? stored.name : undefined;
  void vscode.window.showInformationMessage(name ? vscode.l10n.t('Ollama Chat will send the {0} header to {1} only.', name, origin) : vscode.l10n.t('Ollama Chat no longer sends an auth header.'));
  return name;
}

/**
 * Says that the header was not sent to `origin` because it was set for `boundTo`, and sends it there from now on only
 * if the user says so (or lets them enter another header for that host).
 */
export async function offerAuthHeaderFor(auth: AuthHeader, withheld: { name: string; boundTo: string; origin: string }): Promise<void> {
  const send = vscode.l10n.t('Send the auth header to {0}', withheld.origin);
  const other = vscode.l10n.t('Set Another Header…');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Ollama Chat did not send your {0} header to {1}: it was set for {2}. If the new host needs it, say so; then retry.', withheld.name, withheld.origin, withheld.boundTo),
    send, other);
  if (choice === send) {
    await auth.bindTo(withheld.origin);
    void vscode.window.showInformationMessage(vscode.l10n.t('Ollama Chat will send the {0} header to {1} only.', withheld.name, withheld.origin));
  } else if (choice === other) {
    await vscode.commands.executeCommand(Command.setAuthHeader);
  }
}
