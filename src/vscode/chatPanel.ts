/**
 * The chat in an editor tab: a webview panel showing the same chat as the sidebar view (same bundle, protocol, CSP
 * and relay), in the relay's `panel` slot. There is at most one; opening it again reveals it. VS Code restores it
 * after a window reload through the serializer registered for `PANEL_VIEW_TYPE` (which also activates the extension).
 * Like the sidebar view it keeps no context while hidden: the relay's ready handshake redraws it when shown.
 */
import vscode = require('vscode');
import type { ChatViewProvider } from './chatViewProvider';

/** The panel's view type: what VS Code stores for a reload and finds the serializer by. */
export const PANEL_VIEW_TYPE = 'ollamaChat.chatPanel';

export class ChatPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private listeners: vscode.Disposable[] = [];

  constructor(private readonly view: ChatViewProvider, private readonly extensionUri: vscode.Uri) {}

  /** Opens the chat in an editor tab, or reveals the tab when it is open; then puts the focus in its message box. */
  open(): void {
    if (this.panel) this.panel.reveal();
    else {
      // Beside the code being worked on, so Apply and Insert at Cursor have an editor to go to in view.
      const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
      this.adopt(vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'Ollama Chat', column, { enableScripts: true }));
    }
    this.view.relay.request({ type: 'focusInput' }, 'panel');
  }

  /** Shows the chat in `panel`: one just created, or one VS Code restored after a reload. */
  adopt(panel: vscode.WebviewPanel): void {
    // One tab at a time: a second restored panel (e.g. from two editor groups) replaces the first.
    const previous = this.panel;
    if (previous) {
      this.closed(previous);
      previous.dispose();
    }
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.svg');
    this.listeners = [
      ...this.view.attach(panel.webview, 'panel'),
      // A tab in the background loses its webview; it says `ready` again when shown and gets a fresh snapshot.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.view.reconnect(panel.webview, 'panel');
      }),
      panel.onDidDispose(() => this.closed(panel)),
    ];
  }

  /** Whether the tab is open. */
  isOpen(): boolean {
    return this.panel !== undefined;
  }

  dispose(): void {
    this.panel?.dispose();
  }

  private closed(panel: vscode.WebviewPanel): void {
    if (this.panel !== panel) return;
    for (const d of this.listeners) d.dispose();
    this.listeners = [];
    this.panel = undefined;
    this.view.relay.connect(undefined, 'panel');
  }
}
