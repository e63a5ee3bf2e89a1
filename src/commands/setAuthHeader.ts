/**
 * "Set Auth Header for Remote Ollama…": stores a header in SecretStorage for the configured host's origin (empty input
 * removes it), and the offer to send it to a new host after `ollamaChat.host` changed.
 */
import vscode = require('vscode');
import type { AuthHeader } from '../core/settings/authHeader';
import { Command } from '../vscode/commandIds';
import type { Services } from './services';
import { originOf, parseHeader } from '../core/settings/authHeader';

/**
 * Asks for the header (hidden input) unless `text` is given and stores it for `host`'s origin only; resolves with
 * the header name stored, if any.
 */
export async function setAuthHeader(s: Services, text?: string): Promise<string | undefined> {
  const { auth } = s;
  const host = s.settings.current().host;
  const origin = originOf(host);
  if (!origin) {
    void vscode.window.showErrorMessage(`The auth header is sent only to the host in ollamaChat.host, and "${host}" is not a valid host. Fix the setting first.`, 'Open Settings')
      .then((choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', 'ollamaChat.host'));
    return undefined;
  }
  const input = text ?? await vscode.window.showInputBox({
    title: `Ollama Chat: Auth Header for ${origin}`,
    prompt: `Header sent with every request to ${origin} (and to no other host), e.g. "Authorization: Bearer <token>". Leave empty to remove it. Stored in VS Code's secret storage.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() && !parseHeader(v) ? 'Use "Name: value" on one line.' : undefined),
  });
  if (input === undefined) return undefined;
  await auth.set(input, host);
  const name = (await auth.describe())?.name;
  void vscode.window.showInformationMessage(name ? `Ollama Chat will send the ${name} header to ${origin} only.` : 'Ollama Chat no longer sends an auth header.');
  return name;
}

/**
 * Says that the header was not sent to `origin` because it was set for `boundTo`, and sends it there from now on only
 * if the user says so (or lets them enter another header for that host).
 */
export async function offerAuthHeaderFor(auth: AuthHeader, withheld: { name: string; boundTo: string; origin: string }): Promise<void> {
  const send = `Send the auth header to ${withheld.origin}`;
  const other = 'Set Another Header…';
  const choice = await vscode.window.showWarningMessage(
    `Ollama Chat did not send your ${withheld.name} header to ${withheld.origin}: it was set for ${withheld.boundTo}. If the new host needs it, say so; then retry.`,
    send, other);
  if (choice === send) {
    await auth.bindTo(withheld.origin);
    void vscode.window.showInformationMessage(`Ollama Chat will send the ${withheld.name} header to ${withheld.origin} only.`);
  } else if (choice === other) {
    await vscode.commands.executeCommand(Command.setAuthHeader);
  }
}
