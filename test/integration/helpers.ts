/** Shared set-up for the integration suite: the extension's API and a test Ollama server it is pointed at. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OllamaChatApi } from '../../src/api';
import { OllamaSimulator } from '../../simulator';

export const EXTENSION_ID = 'ollama-chat-local.ollama-chat';

/** Activates the extension (if needed) and returns its API. */
export async function getApi(): Promise<OllamaChatApi> {
  const extension = vscode.extensions.getExtension<OllamaChatApi>(EXTENSION_ID);
  if (!extension) throw new Error(`Extension ${EXTENSION_ID} is not installed in this VS Code`);
  return extension.activate();
}

/** Sets an `ollamaChat.*` user setting and waits until the extension host sees the new value. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('ollamaChat').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Starts an Ollama simulator and points `ollamaChat.host` at it; call `stop` in `after`. */
export async function startServer(): Promise<OllamaSimulator> {
  const server = await OllamaSimulator.start();
  await setSetting('host', server.url);
  return server;
}

/** Resolves when `condition` returns a truthy value; polls, and fails with `what` after `timeoutMs`. */
export async function waitFor<T>(condition: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Closes every editor, discarding unsaved untitled documents the tests created (no "Save?" dialog). */
export async function closeAllEditors(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isUntitled || !doc.isDirty) continue;
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * For one `describe` block: an Ollama simulator the extension is pointed at (with `mistral` as the model) and the
 * extension's API, both ready before its tests; the settings are put back and the simulator stopped after them.
 */
export function useApiWithServer(): { api(): OllamaChatApi; server(): OllamaSimulator } {
  let api: OllamaChatApi | undefined;
  let server: OllamaSimulator | undefined;
  before(async () => {
    server = await startServer();
    await setSetting('model', 'mistral');
    api = await getApi();
  });
  after(async () => {
    api?.stop();
    await server?.stop();
    await setSetting('host', undefined);
    await setSetting('model', undefined);
  });
  return {
    api: () => api ?? assert.fail('the extension did not activate (see the "before all" hook)'),
    server: () => server ?? assert.fail('the simulator did not start (see the "before all" hook)'),
  };
}
