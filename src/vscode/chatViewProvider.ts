/**
 * The chat webview view: creates its HTML, answers the webview's `ready` with a full snapshot, relays the chat
 * service's events (deltas coalesced to one post per frame) and turns the webview's intents into calls.
 * Without `retainContextWhenHidden` the webview is rebuilt each time it is shown; the handshake restores it,
 * including a reply that is still streaming.
 */
import * as vscode from 'vscode';
import type { HostMessage, SystemPromptInfo, ViewState, WebviewMessage } from '../shared/protocol';
import { assertNever, parseWebviewMessage } from '../shared/protocol';
import type { ErrorActionId } from '../shared/types';
import { ChatError, describeError } from '../core/ollama/errors';
import type { ChatEvent, ChatService } from '../core/chat/chatService';
import type { Attachment } from '../core/prompts/attachments';
import { withAttachments } from '../core/prompts/attachments';
import { DeltaBatcher } from '../core/view/deltaBatcher';
import { createNonce, renderWebviewHtml } from '../core/view/webviewHtml';
import { openLinkSafely } from './links';

export const VIEW_ID = 'ollamaChat.chatView';


/** Things the view asks for that belong to commands or to the wider extension. */
export interface ViewActions {
  currentModel(): string;
  currentHost(): string;
  /** The system prompt of the settings, with the settings it comes from; undefined when it is empty. */
  settingsSystemPrompt(): SystemPromptInfo | undefined;
  pickModel(): Thenable<unknown>;
  pullModel(model: string): Thenable<unknown>;
  renameConversation(id: string): Thenable<unknown>;
  deleteConversation(id: string): Thenable<unknown>;
  showLog(): void;
  attachFile(source: 'current' | 'pick'): Thenable<unknown>;
  editConversationSettings(): Thenable<unknown>;
  /** Asks Ollama whether it is reachable and the model installed; shows a banner if not, clears it if so. */
  checkConnection(): Promise<void>;
}

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];
  private viewDisposables: vscode.Disposable[] = [];
  private readonly deltas = new DeltaBatcher((delta) => void this.view?.webview.postMessage(delta satisfies HostMessage));
  private searchSeq = 0;
  /** Files that go with the next message; kept here until it is sent. */
  private attachments: Attachment[] = [];
  private readonly becameReady = new vscode.EventEmitter<void>();
  /** Fires each time the webview has (re)loaded and received its snapshot. */
  readonly onDidBecomeReady = this.becameReady.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly chat: ChatService,
    private readonly actions: ViewActions,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(this.chat.onEvent((e) => this.onChatEvent(e)));
  }

  /** True once the webview has rendered its first snapshot and is visible (tests wait for it). */
  get isReady(): boolean {
    return this.ready && !!this.view?.visible;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    for (const d of this.viewDisposables) d.dispose();
    this.view = view;
    this.ready = false;
    const mediaRoot = vscode.Uri.joinPath(this.extensionUri, 'media');
    const distRoot = vscode.Uri.joinPath(this.extensionUri, 'dist');
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [mediaRoot, distRoot] };
    view.webview.html = renderWebviewHtml({
      cspSource: view.webview.cspSource,
      nonce: createNonce(),
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(distRoot, 'webview.js')).toString(),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, 'chat.css')).toString(),
    });
    this.viewDisposables = [
      view.webview.onDidReceiveMessage((raw) => this.onWebviewMessage(raw)),
      // A hidden webview is destroyed; it says `ready` again when shown, and gets a fresh snapshot then.
      view.onDidChangeVisibility(() => {
        if (!view.visible) this.ready = false;
      }),
      view.onDidDispose(() => {
        if (this.view === view) {
          this.view = undefined;
          this.ready = false;
        }
      }),
    ];
  }

  /** Reveals the view (creating it if needed) and waits until its webview is ready. */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  }

  /** Puts text in the input box for the user to edit. */
  prefill(text: string): void {
    this.post({ type: 'prefill', text });
  }

  focusInput(): void {
    this.post({ type: 'focusInput' });
  }

  /** Adds a file to the next message (replacing an earlier attachment of the same file). */
  addAttachment(attachment: Attachment): void {
    this.attachments = [...this.attachments.filter((a) => a.name !== attachment.name), attachment];
    this.postAttachments();
  }

  private postAttachments(): void {
    this.post({ type: 'attachments', attachments: this.attachmentInfos() });
  }

  private attachmentInfos(): ViewState['attachments'] {
    return this.attachments.map(({ id, name, languageId, chars, truncated }) => ({ id, name, languageId, chars, truncated }));
  }

  /** Tells the view the model changed (setting or picker). */
  /** Tells the view the settings changed: the model, and the system prompt shown above the conversation. */
  settingsChanged(): void {
    this.post({ type: 'snapshot', state: this.snapshot() });
  }

  private modelForView(): string {
    const active = this.chat.activeConversationId();
    return (active && this.chat.getConversation(active)?.settings?.model) || this.actions.currentModel();
  }

  private snapshot(): ViewState {
    const active = this.chat.activeConversationId();
    const conversation = active ? this.chat.getConversation(active) ?? null : null;
    const own = conversation?.settings?.systemPrompt;
    return {
      conversation,
      systemPrompt: !conversation ? null : own ? { text: own, source: 'conversation' } : this.actions.settingsSystemPrompt() ?? null,
      conversations: this.chat.listConversations(),
      model: this.modelForView(),
      stream: this.chat.streamInfo(active),
      error: this.chat.currentError(active),
      attachments: this.attachmentInfos(),
    };
  }

  private onChatEvent(event: ChatEvent): void {
    if (!this.ready) return; // the next `ready` brings a snapshot with everything
    const active = this.chat.activeConversationId();
    switch (event.type) {
      case 'delta': {
        if (event.conversationId === active) this.deltas.add(event);
        return;
      }
      case 'message':
        if (event.conversationId === active) this.post({ type: 'message', conversationId: event.conversationId, message: event.message });
        return;
      case 'stream':
        if (event.conversationId === active) this.post({ type: 'stream', stream: event.stream });
        return;
      case 'history':
        this.post({ type: 'history', conversations: this.chat.listConversations() });
        return;
      case 'active':
        this.post({ type: 'snapshot', state: this.snapshot() });
        return;
      case 'error':
        if (event.conversationId === active) this.post({ type: 'error', error: event.error });
        return;
      default:
        assertNever(event);
    }
  }

  /** Posts in order: pending deltas first, so a final `message` never overtakes the text before it. */
  private post(message: HostMessage): void {
    if (!this.view || !this.ready) return;
    this.deltas.flush();
    void this.view.webview.postMessage(message);
  }

  private onWebviewMessage(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.log.warn(`Ignored a malformed message from the chat view: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    this.handle(message).catch((err: unknown) => this.showError(err));
  }

  private showError(err: unknown): void {
    const described = describeError(err, { host: this.actions.currentHost(), model: this.actions.currentModel() });
    if (!(err instanceof ChatError)) this.log.error(err instanceof Error ? err : String(err));
    this.chat.setError(described);
  }

  private async handle(message: WebviewMessage): Promise<void> {
    const active = this.chat.activeConversationId();
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.deltas.clear();
        this.post({ type: 'snapshot', state: this.snapshot() });
        this.becameReady.fire();
        return;
      case 'send': {
        const id = active ?? (await this.chat.startConversation()).id;
        const attachments = this.attachments;
        const before = this.chat.streamInfo(id);
        const pending = this.chat.sendMessage(id, withAttachments(message.text, attachments));
        // A new reply started, so the message was accepted and the files went with it.
        if (attachments.length && this.chat.streamInfo(id)?.messageId !== before?.messageId) {
          this.attachments = [];
          this.postAttachments();
        }
        await pending;
        return;
      }
      case 'attachFile':
        await this.actions.attachFile(message.source);
        return;
      case 'removeAttachment':
        this.attachments = this.attachments.filter((a) => a.id !== message.id);
        this.postAttachments();
        return;
      case 'editSettings':
        await this.actions.editConversationSettings();
        return;
      case 'stop':
        this.chat.stop(active);
        return;
      case 'newConversation':
        await this.chat.startConversation();
        return;
      case 'openConversation':
        await this.chat.setActive(message.id);
        return;
      case 'renameConversation':
        await this.actions.renameConversation(message.id);
        return;
      case 'deleteConversation':
        await this.actions.deleteConversation(message.id);
        return;
      case 'pickModel':
        await this.actions.pickModel();
        return;
      case 'errorAction':
        await this.runErrorAction(message.action, active);
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        vscode.window.setStatusBarMessage('$(check) Copied', 2000);
        return;
      case 'insertCode':
        await insertAtCursor(message.code);
        return;
      case 'newFile': {
        const doc = await vscode.workspace.openTextDocument({ content: message.code, language: languageIdFor(message.language) });
        await vscode.window.showTextDocument(doc);
        return;
      }
      case 'openLink':
        await openLinkSafely(message.href, this.log);
        return;
      case 'regenerate':
        if (active) await this.chat.regenerate(active);
        return;
      case 'editAndResend':
        if (active) await this.chat.editAndResend(active, message.messageId, message.text);
        return;
      case 'selectVersion':
        if (active) await this.chat.selectVersion(active, message.messageId, message.version);
        return;
      case 'renderError':
        this.log.warn(`The chat view could not draw ${message.what} and shows it as plain text: ${message.error}`);
        return;
      case 'search': {
        const seq = ++this.searchSeq;
        const ids = this.chat.searchConversations(message.query);
        if (seq === this.searchSeq) this.post({ type: 'searchResults', query: message.query, ids });
        return;
      }
      default:
        assertNever(message);
    }
  }

  private async runErrorAction(action: ErrorActionId, active: string | undefined): Promise<void> {
    switch (action) {
      case 'retry': {
        const conversation = active ? this.chat.getConversation(active) : undefined;
        const last = conversation?.messages[conversation.messages.length - 1];
        if (active && last && (last.status === 'error' || last.role === 'user')) {
          await this.chat.regenerate(active);
        } else {
          await this.actions.checkConnection();
        }
        return;
      }
      case 'pullModel':
        await this.actions.pullModel(this.modelForView());
        return;
      case 'pickModel':
        await this.actions.pickModel();
        return;
      case 'openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', 'ollamaChat');
        return;
      case 'showLog':
        this.actions.showLog();
        return;
      default:
        assertNever(action);
    }
  }

  dispose(): void {
    this.deltas.clear();
    for (const d of [...this.disposables, ...this.viewDisposables]) d.dispose();
    this.becameReady.dispose();
  }
}

/** Replaces the selection of the active editor (or inserts at the cursor) with `code`. */
async function insertAtCursor(code: string): Promise<void> {
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  if (!editor) {
    void vscode.window.showWarningMessage('Open a file first: there is no editor to insert the code into.');
    return;
  }
  await editor.edit((edit) => {
    for (const selection of editor.selections) edit.replace(selection, code);
  });
}

/** Maps a fence's language tag (`ts`, `py`, `sh`) to a VS Code language id. */
export function languageIdFor(tag: string): string {
  const aliases: Record<string, string> = {
    ts: 'typescript', js: 'javascript', py: 'python', sh: 'shellscript', bash: 'shellscript', shell: 'shellscript',
    zsh: 'shellscript', yml: 'yaml', md: 'markdown', rs: 'rust', cs: 'csharp', 'c++': 'cpp', golang: 'go',
    html: 'html', jsx: 'javascriptreact', tsx: 'typescriptreact', rb: 'ruby', kt: 'kotlin', ps1: 'powershell',
  };
  const t = tag.trim().toLowerCase();
  return aliases[t] ?? (/^[a-z0-9#+.-]{1,40}$/.test(t) ? t : 'plaintext');
}
