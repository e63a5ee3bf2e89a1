/**
 * The chat webview view in VS Code: creates the webview (HTML with a strict CSP), connects it to the `ViewRelay`
 * (which decides what the view is told and when), and carries out what the user asks for in it. Without
 * `retainContextWhenHidden` the webview is rebuilt each time it is shown; the relay's ready handshake restores it,
 * including a reply that is still streaming.
 */
import vscode = require('vscode');
import type { ChatService } from '../core/chat/chatService';
import type { ImageStore } from '../core/images/imageStore';
import { ChatError, describeError } from '../core/ollama/errors';
import type { Attachment } from '../core/prompts/attachments';
import type { RelaySettings, ViewSlot } from '../core/view/viewRelay';
import { ViewRelay } from '../core/view/viewRelay';
import { createNonce, renderWebviewHtml } from '../core/view/webviewHtml';
import type { WebviewMessage } from '../shared/protocol';
import { assertNever, parseWebviewMessage } from '../shared/protocol';
import type { ErrorActionId } from '../shared/types';
import { Command } from './commandIds';
import { copyToClipboard, insertAtCursor, openInNewFile } from './editorActions';
import { openLinkSafely } from './links';
import type { MentionProvider } from './mentionProvider';
import type { PromptTemplateLibrary } from './promptTemplateLibrary';

export const VIEW_ID = 'ollamaChat.chatView';

/** What the view needs from the rest of the extension. */
export interface ViewHost {
  settings: RelaySettings & { host(): string };
  /** Carries out one of an error's ways forward (the same dispatcher the commands' notifications use). */
  runErrorAction(action: ErrorActionId, context: { model: string; retry: () => Promise<unknown>; host?: string; conversationId?: string }): Promise<void>;
  /** Asks Ollama whether it is reachable and the model installed; shows a banner if not, clears it if so. */
  checkConnection(): Promise<void>;
  /** Where attached images are stored; the view may load images from that folder (and only those of ours). */
  images?: ImageStore;
  /** What `@` and `#` offer in the message box. */
  mentions: MentionProvider;
  /** The `/` commands. */
  templates: PromptTemplateLibrary;
}

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  /** What the webview is told and when; also used without VS Code by the tests and benchmarks. */
  readonly relay: ViewRelay;
  private viewDisposables: vscode.Disposable[] = [];
  /** Fires each time the webview has (re)loaded and received its snapshot. */
  readonly onDidBecomeReady: ViewRelay['onDidBecomeReady'];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly chat: ChatService,
    private readonly host: ViewHost,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.relay = new ViewRelay(chat, host.settings, {
      images: host.images,
      expandSlashCommand: (text) => host.templates.expand(text),
    });
    this.onDidBecomeReady = this.relay.onDidBecomeReady;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    for (const d of this.viewDisposables) d.dispose();
    this.viewDisposables = [
      ...this.attach(view.webview, 'view'),
      // A hidden webview is destroyed; it says `ready` again when shown, and gets a fresh snapshot then.
      view.onDidChangeVisibility(() => {
        if (!view.visible) this.reconnect(view.webview, 'view');
      }),
      view.onDidDispose(() => this.relay.connect(undefined, 'view')),
    ];
  }

  /**
   * Shows the chat in `webview` (the sidebar's, or the editor tab's in slot `panel`): the same bundle, CSP and
   * protocol everywhere. The returned disposables stop listening to it.
   */
  attach(webview: vscode.Webview, slot: ViewSlot): vscode.Disposable[] {
    const mediaRoot = vscode.Uri.joinPath(this.extensionUri, 'media');
    const distRoot = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const imageRoot = this.host.images && vscode.Uri.file(this.host.images.dir);
    webview.options = {
      enableScripts: true, enableCommandUris: false, localResourceRoots: imageRoot ? [mediaRoot, distRoot, imageRoot] : [mediaRoot, distRoot],
    };
    if (imageRoot) this.relay.setImageBase(webview.asWebviewUri(imageRoot).toString());
    webview.html = renderWebviewHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(distRoot, 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, 'chat.css')).toString(),
    });
    this.reconnect(webview, slot);
    return [webview.onDidReceiveMessage((raw) => this.onWebviewMessage(raw, slot))];
  }

  /** The webview in `slot` is new or was hidden (and so destroyed): it gets a snapshot when it says `ready`. */
  reconnect(webview: vscode.Webview, slot: ViewSlot): void {
    this.relay.connect((message) => void webview.postMessage(message), slot);
  }

  /** Shows the view (creating it if needed). What is asked of it meanwhile waits until its webview is ready. */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  }

  /** Puts the focus in the message box, now or as soon as the view is ready. */
  focusInput(): void {
    this.relay.request({ type: 'focusInput' }, 'view');
  }

  /** Adds a file to the next message (replacing an earlier attachment of the same file). */
  addAttachment(attachment: Attachment): void {
    this.relay.addAttachment(attachment);
  }

  /** The settings changed: the model and the system prompt the view shows. */
  settingsChanged(): void {
    this.relay.refresh();
  }

  dispose(): void {
    this.relay.dispose();
    for (const d of this.viewDisposables) d.dispose();
  }

  private onWebviewMessage(raw: unknown, slot: ViewSlot): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.log.warn(`Ignored a malformed message from the chat view: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    this.handle(message, slot).catch((err: unknown) => this.showError(err));
  }

  private showError(err: unknown): void {
    const described = describeError(err, { host: this.host.settings.host(), model: this.relay.modelForView() });
    if (!(err instanceof ChatError)) this.log.error(err instanceof Error ? err : String(err));
    this.chat.setError(described);
  }

  /** Carries out what the user asked for in the view in `slot`. */
  private async handle(message: WebviewMessage, slot: ViewSlot): Promise<void> {
    const active = this.chat.activeConversationId();
    switch (message.type) {
      case 'ready':
        return this.relay.viewReady(slot);
      case 'send':
        await this.relay.send(message.text, slot);
        return;
      case 'stop':
        return this.chat.stop(active);
      case 'newConversation':
        await this.chat.startConversation();
        return;
      case 'openConversation':
        return this.chat.setActive(message.id);
      case 'search':
        return this.relay.search(message.query, slot);
      case 'earlierMessages':
        return this.relay.sendEarlier(message.conversationId, message.before, slot);
      case 'regenerate':
        if (active) await this.chat.regenerate(active);
        return;
      case 'editAndResend':
        if (active) await this.chat.editAndResend(active, message.messageId, message.text);
        return;
      case 'selectVersion':
        if (active) await this.chat.selectVersion(active, message.messageId, message.version);
        return;
      case 'selectBranch':
        if (active) await this.chat.selectBranch(active, message.messageId, message.branch);
        return;
      case 'regenerateWith':
        await vscode.commands.executeCommand(Command.regenerateWith);
        return;
      case 'removeAttachment':
        return this.relay.removeAttachment(message.id);
      case 'addImage':
        await this.relay.addImage(Buffer.from(message.data, 'base64'), message.name);
        return;
      case 'attachImage':
        await vscode.commands.executeCommand(Command.attachImage);
        return;
      case 'suggest': {
        const items = message.trigger === '/' ? await this.host.templates.suggest(message.query) : await this.host.mentions.suggest(message.query);
        return this.relay.suggestions(message.requestId, items, slot);
      }
      case 'addMention': {
        const reference = this.host.mentions.choose(message.id);
        if (reference) this.relay.addAttachment(reference);
        return;
      }
      case 'attachFile':
        await vscode.commands.executeCommand(message.source === 'current' ? Command.attachCurrentFile : Command.attachFile);
        return;
      case 'renameConversation':
        await vscode.commands.executeCommand(Command.renameConversation, message.id);
        return;
      case 'deleteConversation':
        await vscode.commands.executeCommand(Command.deleteConversation, message.id);
        return;
      case 'pickModel':
        await vscode.commands.executeCommand(Command.pickModel);
        return;
      case 'continueReply':
        if (active) await this.chat.continueReply(active, message.messageId);
        return;
      case 'raiseContext':
        if (active) await this.chat.raiseContext(active);
        return;
      case 'setThinking':
        return this.chat.setThinking(active ?? (await this.chat.startConversation()).id, message.on);
      case 'editSettings':
        await vscode.commands.executeCommand(Command.conversationSettings);
        return;
      case 'errorAction':
        return this.host.runErrorAction(message.action, {
          model: this.relay.modelForView(), retry: () => this.retry(), host: message.host, conversationId: active,
        });
      case 'copy':
        return copyToClipboard(message.text);
      case 'insertCode':
        return insertAtCursor(message.code);
      case 'newFile':
        return openInNewFile(message.code, message.language);
      case 'applyCode':
        await vscode.commands.executeCommand(Command.applyCode, message.code, message.messageId);
        return;
      case 'openLink':
        await openLinkSafely(message.href, this.log);
        return;
      case 'renderError':
        this.log.warn(`The chat view could not draw ${message.what} and shows it as plain text: ${message.error}`);
        return;
      default:
        assertNever(message);
    }
  }

  /** Retry in the view: asks again when the last reply failed (or never came), else checks the connection again. */
  private async retry(): Promise<void> {
    const active = this.chat.activeConversationId();
    const last = active ? this.chat.getConversation(active, (messages) => messages.slice(-1))?.messages[0] : undefined;
    if (active && last && (last.status === 'error' || last.role === 'user')) await this.chat.regenerate(active);
    else await this.host.checkConnection();
  }
}
