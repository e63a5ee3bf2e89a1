/**
 * Wiring only: creates the services, registers the view, the commands and the status-bar item, and returns the
 * public API. Activated when the chat view is shown or one of its commands runs (nothing at VS Code start-up).
 */
import * as vscode from 'vscode';
import type { OllamaChatApi } from './api';
import { ChatService } from './core/chat/chatService';
import { ChatViewProvider, VIEW_ID } from './vscode/chatViewProvider';
import { checkConnection } from './core/chat/connectionCheck';
import { ModelStatusItem } from './vscode/modelStatusItem';
import { registerChatParticipant, registerLanguageModelProvider } from './vscode/vscodeChat';
import { askAboutSelection } from './commands/askAboutSelection';
import { attachFile } from './commands/attachFile';
import { deleteConversation, newConversation, openConversation, renameConversation } from './commands/conversations';
import { pickModel } from './commands/pickModel';
import { pullModel } from './commands/pullModel';
import type { Services } from './commands/services';
import { editConversationSettings } from './commands/conversationSettings';
import { deleteModel } from './commands/deleteModel';
import { diagnose, testConnection } from './commands/diagnose';
import { exportConversation, importConversation } from './commands/exportImport';
import type { ExportFormat } from './commands/exportImport';
import { ModalPrompt } from './vscode/modalPrompt';
import { offerAuthHeaderFor, setAuthHeader } from './commands/setAuthHeader';
import { WorkspaceHostNotice } from './vscode/workspaceHostNotice';
import type { ConversationSettings } from './shared/types';
import { AuthHeader } from './core/settings/authHeader';
import { ConversationStore } from './core/conversations/conversationStore';
import { OllamaClient } from './core/ollama/ollamaClient';
import { SettingsService } from './vscode/settingsService';

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
  const view = new ChatViewProvider(context.extensionUri, chat, {
    currentModel: () => settings.current().model,
    currentHost: () => settings.current().host,
    settingsSystemPrompt: () => {
      const text = settings.current().systemPrompt;
      return text.trim() ? { text, source: settings.systemPromptSource() } : undefined;
    },
    pickModel: () => vscode.commands.executeCommand('ollamaChat.pickModel'),
    pullModel: (model) => vscode.commands.executeCommand('ollamaChat.pullModel', model),
    renameConversation: (id) => vscode.commands.executeCommand('ollamaChat.renameConversation', id),
    deleteConversation: (id) => vscode.commands.executeCommand('ollamaChat.deleteConversation', id),
    showLog: () => log.show(),
    attachFile: (source) => vscode.commands.executeCommand(source === 'current' ? 'ollamaChat.attachCurrentFile' : 'ollamaChat.attachFile'),
    editConversationSettings: () => vscode.commands.executeCommand('ollamaChat.conversationSettings'),
    checkConnection: check,
  }, log);
  const modal = new ModalPrompt();
  const s: Services = { chat, view, settings, client, log, modal };
  const version = String(context.extension.packageJSON.version ?? '');
  const workspaceHost = new WorkspaceHostNotice(context.workspaceState, settings, log);
  void workspaceHost.check();

  context.subscriptions.push(
    log, settings, auth, statusItem, view, workspaceHost,
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
    vscode.commands.registerCommand('ollamaChat.askAboutSelection', (args?: { question?: string }) => askAboutSelection(s, args)),
    vscode.commands.registerCommand('ollamaChat.pickModel', () => pickModel(s)),
    vscode.commands.registerCommand('ollamaChat.pullModel', (name?: string) => pullModel(s, typeof name === 'string' ? name : undefined)),
    vscode.commands.registerCommand('ollamaChat.newConversation', () => newConversation(s)),
    vscode.commands.registerCommand('ollamaChat.openConversation', (id?: string) => openConversation(s, id)),
    vscode.commands.registerCommand('ollamaChat.renameConversation', (id?: string, title?: string) => renameConversation(s, id, title)),
    vscode.commands.registerCommand('ollamaChat.deleteConversation', (id?: string) => deleteConversation(s, id)),
    vscode.commands.registerCommand('ollamaChat.stop', (id?: string) => chat.stop(typeof id === 'string' ? id : chat.activeConversationId())),
    vscode.commands.registerCommand('ollamaChat.setAuthHeader', (text?: string) => setAuthHeader(auth, settings.current().host, typeof text === 'string' ? text : undefined)),
    vscode.commands.registerCommand('ollamaChat.deleteModel', (name?: string) => deleteModel(s, typeof name === 'string' ? name : undefined)),
    vscode.commands.registerCommand('ollamaChat.testConnection', () => testConnection(s, auth, version)),
    vscode.commands.registerCommand('ollamaChat.diagnose', () => diagnose(s, auth, version)),
    vscode.commands.registerCommand('ollamaChat.exportConversation', (id?: string, format?: ExportFormat) => exportConversation(s, typeof id === 'string' ? id : undefined, format)),
    vscode.commands.registerCommand('ollamaChat.importConversation', (uri?: vscode.Uri) => importConversation(s, uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand('ollamaChat.conversationSettings', (id?: string, changes?: ConversationSettings) => editConversationSettings(s, typeof id === 'string' ? id : undefined, changes)),
    vscode.commands.registerCommand('ollamaChat.attachCurrentFile', () => attachFile(s, 'current')),
    vscode.commands.registerCommand('ollamaChat.attachFile', (uri?: vscode.Uri) => attachFile(s, 'pick', uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand('ollamaChat.reloadConversations', () => chat.reloadFromStorage()),
    vscode.commands.registerCommand('ollamaChat.focusInput', async () => {
      await view.reveal();
      view.focusInput();
    }),
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
