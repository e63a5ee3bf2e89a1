/** "Set Auth Header for Remote Ollama…": stores a header in SecretStorage (empty input removes it). */
import * as vscode from 'vscode';
import type { AuthHeader } from '../services/authHeader';
import { parseHeader } from '../services/authHeader';

/** Asks for the header (hidden input) unless `text` is given; resolves with the header name stored, if any. */
export async function setAuthHeader(auth: AuthHeader, text?: string): Promise<string | undefined> {
  const input = text ?? await vscode.window.showInputBox({
    title: 'Ollama Chat: Auth Header for Remote Ollama',
    prompt: 'Header sent with every request to Ollama, e.g. "Authorization: Bearer <token>". Leave empty to remove it. Stored in VS Code\'s secret storage.',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() && !parseHeader(v) ? 'Use "Name: value" on one line.' : undefined),
  });
  if (input === undefined) return undefined;
  await auth.set(input);
  const name = auth.headerName();
  void vscode.window.showInformationMessage(name ? `Ollama Chat will send the ${name} header to Ollama.` : 'Ollama Chat no longer sends an auth header.');
  return name;
}
