/**
 * Wiring only: creates the services, registers the view, the commands and the status-bar item, and returns the
 * public API. Activated when the chat view is shown or one of its commands runs (nothing at VS Code start-up).
 */
import * as vscode from 'vscode';
import type { OllamaChatApi } from './api';
import { registerCommands } from './commands/commandTable';
import { runErrorAction } from './commands/errorActions';
import type { Services } from './commands/services';
import { offerAuthHeaderFor } from './commands/setAuthHeader';
import { ChatService } from './core/chat/chatService';
import { checkConnection } from './core/chat/connectionCheck';
import { ConversationStore } from './core/conversations/conversationStore';
import { OllamaClient } from './core/ollama/ollamaClient';
import { AuthHeader } from './core/settings/authHeader';
import { registerChatParticipant } from './vscode/chatParticipant';
import { ChatViewProvider, VIEW_ID } from './vscode/chatViewProvider';
import { registerLanguageModelProvider } from './vscode/languageModelProvider';
import { MentionProvider } from './vscode/mentionProvider';
import { PromptTemplateLibrary } from './vscode/promptTemplateLibrary';
import { ModalPrompt } from './vscode/modalPrompt';
import { ModelStatusItem } from './vscode/modelStatusItem';
import { SettingsService } from './vscode/settingsService';
import { WorkspaceFileIndex } from './vscode/workspaceFileIndex';
import { WorkspaceHostNotice } from './vscode/workspaceHostNotice';

let chatService: ChatService | undefined;

/** Entry point called by VS Code. */
export async function activate(context: vscode.ExtensionContext): Promise<OllamaChatApi> {
  const log = vscode.window.createOutputChannel('Ollama Chat', { log: true });
  const settings = new SettingsService(log);
  const store = new ConversationStore(context.workspaceState, (m) => log.warn(m));
  const auth = new AuthHeader(context.secrets, () => settings.current().host, (m) => log.info(m));
  await store.load();
  const client = new OllamaClient(async () => {
    const { host } = settings.current();
    return { host, headers: await auth.headersFor(host) };
  });
  const chat = new ChatService(store, client, () => settings.current(), (m) => log.warn(m));
  chatService = chat;
  const statusItem = new ModelStatusItem(settings.current().model);
  const check = () => checkConnection(chat, settings.current());
  let checkedOnce = false;
  const fileIndex = new WorkspaceFileIndex();
  const view = new ChatViewProvider(context.extensionUri, chat, {
    settings: {
      model: () => settings.current().model,
      host: () => settings.current().host,
      systemPrompt: () => {
        const text = settings.current().systemPrompt;
        return text.trim() ? { text, source: settings.systemPromptSource() } : undefined;
      },
    },
    // `s` is complete by the time the user can press a button in the view.
    runErrorAction: (action, errorContext) => runErrorAction(s, action, errorContext),
    checkConnection: check,
    mentions: new MentionProvider(fileIndex),
    templates: new PromptTemplateLibrary(log),
  }, log);
  const modal = new ModalPrompt();
  const s: Services = {
    chat, view, settings, client, log, modal, auth, extensionVersion: String(context.extension.packageJSON.version ?? ''),
  };
  const workspaceHost = new WorkspaceHostNotice(context.workspaceState, settings, log);
  void workspaceHost.check();

  context.subscriptions.push(
    log, settings, auth, statusItem, view, workspaceHost, fileIndex,
    vscode.window.registerWebviewViewProvider(VIEW_ID, view),
    view.onDidBecomeReady(() => {
      if (checkedOnce) return;
      checkedOnce = true;
      void check();
    }),
    auth.onDidWithhold((withheld) => void offerAuthHeaderFor(auth, withheld)),
    settings.onDidChange((current) => {
      statusItem.update(current.model);
      view.settingsChanged();
      if (checkedOnce) void check();
    }),
    ...registerCommands(s),
  );

  // VS Code's own chat: only where the running version has the APIs (see engines.vscode in the README).
  for (const registration of [
    registerChatParticipant(context.extensionUri, client, () => settings.current()),
    registerLanguageModelProvider(client, () => settings.current()),
  ]) {
    if (registration) context.subscriptions.push(registration);
  }

  const api: OllamaChatApi = {
    listModels: () => chat.listModels(),
    startConversation: (id) => chat.startConversation(id),
    sendMessage: (id, prompt, options) => chat.sendMessage(id, prompt, options),
    getConversation: (id) => chat.getConversation(id),
    listConversations: () => chat.listConversations(),
    generate: (prompt, options) => chat.generate(prompt, options),
    stop: (id) => chat.stop(id),
  };
  // VS Code refuses modal dialogs under integration tests; there (only) the tests answer them.
  return context.extensionMode === vscode.ExtensionMode.Test ? { ...api, ...modal.testHooks() } : api;
}

/** Writes any reply still streaming, so a window reload keeps what had arrived. */
export async function deactivate(): Promise<void> {
  await chatService?.flush();
  chatService = undefined;
}
