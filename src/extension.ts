/**
 * Wiring only: creates the services, registers the view, the commands and the status-bar item, and returns the
 * public API. Activated when the chat view is shown or one of its commands runs (nothing at VS Code start-up).
 */
import vscode = require('vscode');
import type { OllamaChatApi } from './api';
import { registerCommands } from './commands/registerCommands';
import type { Services } from './commands/services';
import { ChatService } from './core/chat/chatService';
import { checkConnection } from './core/chat/connectionCheck';
import { ConversationFiles } from './core/conversations/conversationFiles';
import { ConversationStore, isConversationKey } from './core/conversations/conversationStore';
import { ImageStore } from './core/images/imageStore';
import { OllamaClient } from './core/ollama/ollamaClient';
import { HostRouter } from './core/ollama/hostRouter';
import { AuthHeader } from './core/settings/authHeader';
import { setL10nBundle } from './shared/l10n';
import { registerChatParticipant } from './vscode/chatParticipant';
import { ChatPanel, PANEL_VIEW_TYPE } from './vscode/chatPanel';
import { ApplyPreview } from './vscode/applyPreview';
import { ChatViewProvider, VIEW_ID } from './vscode/chatViewProvider';
import { registerLanguageModelProvider } from './vscode/languageModelProvider';
import type { ModalTestHooks } from './vscode/modalPrompt';
import { MentionProvider } from './vscode/mentionProvider';
import { PromptTemplateLibrary } from './vscode/promptTemplateLibrary';
import { ModalPrompt } from './vscode/modalPrompt';
import { ModelStatusItem } from './vscode/modelStatusItem';
import { SettingsService } from './vscode/settingsService';
import { WorkspaceFileIndex } from './vscode/workspaceFileIndex';
import { WorkspaceHostNotice } from './vscode/workspaceHostNotice';

let chatService: ChatService | undefined;
let conversationFiles: ConversationFiles | undefined;

/** What the API carries under integration tests only: the modal answers, and where images and conversations are stored. */
export type ExtensionTestHooks = ModalTestHooks & {
  testing: {
    imagesDir: string;
    conversationsDir?: string;
    /** The check of Ollama that the chat view's first `ready` started; undefined until then. */
    firstViewCheck(): Promise<void> | undefined;
  };
};

/** Entry point called by VS Code. */
export async function activate(context: vscode.ExtensionContext): Promise<OllamaChatApi> {
  // Core and the webview translate with the bundle VS Code loaded for the display language (l10n/).
  setL10nBundle(vscode.l10n.bundle, vscode.env.language);
  const log = vscode.window.createOutputChannel('Ollama Chat', { log: true });
  const settings = new SettingsService(log);
  // Each conversation in a file of the workspace's storage folder (see ConversationFiles); without a folder open,
  // VS Code gives no such folder, and workspaceState keeps them.
  const conversationsDir = context.storageUri && vscode.Uri.joinPath(context.storageUri, 'conversations').fsPath;
  conversationFiles = conversationsDir ? new ConversationFiles(context.workspaceState, conversationsDir, isConversationKey, (m) => log.warn(m)) : undefined;
  const keyValues = conversationFiles ?? context.workspaceState;
  const store = new ConversationStore(keyValues, (m) => log.warn(m));
  const auth = new AuthHeader(context.secrets, () => settings.current().host, (m) => log.info(m));
  await store.load();
  const client = new OllamaClient(async () => {
    const { host } = settings.current();
    return { host, headers: await auth.headersFor(host) };
  });
  // Image bytes live in files, not in workspaceState; without a workspace, in the extension's global storage.
  const images = new ImageStore(vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'images').fsPath);
  const hosts = new HostRouter(() => settings.hosts(), (url) => auth.headersFor(url));
  const chat = new ChatService(store, client, () => settings.current(), (m) => log.warn(m), images, hosts);
  chatService = chat;
  const statusItem = new ModelStatusItem(settings.current().model);
  const showStatus = () => statusItem.showFor(chat, settings.current().model, hosts.list().length);
  showStatus();
  const check = () => checkConnection(chat, settings.current());
  /** Ollama is checked once a view is first ready (then after settings change). */
  let firstCheck: Promise<void> | undefined;
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
    // `s` is complete by the time the user can press a button in the view. Like the commands, the actions'
    // code loads when first used.
    runErrorAction: async (action, errorContext) => (await import('./commands/onFirstUse')).runErrorAction(s, action, errorContext),
    checkConnection: check,
    images,
    mentions: new MentionProvider(fileIndex),
    templates: new PromptTemplateLibrary(log),
  }, log);
  const modal = new ModalPrompt();
  const panel = new ChatPanel(view, context.extensionUri);
  const apply = new ApplyPreview();
  const s: Services = {
    chat, view, panel, apply, settings, client, log, modal, auth, images, hosts, extensionVersion: String(context.extension.packageJSON.version ?? ''),
  };
  const workspaceHost = new WorkspaceHostNotice(context.workspaceState, settings, log);
  void workspaceHost.check();

  context.subscriptions.push(
    log, settings, auth, statusItem, view, workspaceHost, fileIndex,
    vscode.window.registerWebviewViewProvider(VIEW_ID, view),
    // The editor tab comes back after a reload; VS Code activates the extension for it.
    panel, apply, vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, { deserializeWebviewPanel: async (restored) => panel.adopt(restored) }),
    view.onDidBecomeReady(() => {
      firstCheck ??= check();
    }),
    auth.onDidWithhold(async (withheld) => (await import('./commands/onFirstUse')).offerAuthHeaderFor(auth, withheld)),
    chat.onEvent((e) => e.type === 'active' && showStatus()),
    settings.onDidChange(() => {
      showStatus();
      view.settingsChanged();
      if (firstCheck) void check();
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
    regenerate: (id, options) => chat.regenerate(id, options?.model),
    editMessage: (id, messageId, text) => chat.editAndResend(id, messageId, text),
    selectBranch: (id, messageId, branch) => chat.selectBranch(id, messageId, branch),
  };
  // VS Code refuses modal dialogs under integration tests; there (only) the tests answer them and find stored images.
  if (context.extensionMode !== vscode.ExtensionMode.Test) return api;
  const hooks: ExtensionTestHooks = {
    testing: { ...modal.testHooks().testing, imagesDir: images.dir, conversationsDir, firstViewCheck: () => firstCheck },
  };
  return { ...api, ...hooks };
}

/** Writes any reply still streaming, and waits for the conversation files being written, so a window reload keeps what had arrived. */
export async function deactivate(): Promise<void> {
  await chatService?.flush();
  await conversationFiles?.settled();
  chatService = undefined;
  conversationFiles = undefined;
}
