/**
 * The plain-text floor of the view benchmarks: the smallest chat view that shows a streamed reply, as plain text
 * (`webview.ts`). It asks the same Ollama server through the same ollama-js client, and coalesces the stream with
 * the extension's own `DeltaBatcher`, so what is left between it and Ollama Chat is the cost of the chat view.
 * Like Ollama Chat it keeps no webview alive while hidden: a shown-again view gets the reply so far at once.
 * Built into a temporary extension by `install.ts`; `ollama` is bundled, `vscode` is the extension host's.
 */
import { Ollama } from 'ollama';
import * as vscode from 'vscode';
import { DeltaBatcher } from '../../src/core/view/deltaBatcher';
import { FLOOR_VIEW_ID, type FloorHostMessage, type FloorViewMessage } from './protocol';

/** Entry point called by VS Code. */
export function activate(context: vscode.ExtensionContext): void {
  const config = vscode.workspace.getConfiguration('ollamaChat');
  const ollama = new Ollama({ host: config.get<string>('host') });
  const model = config.get<string>('model') ?? 'mistral';
  let view: vscode.WebviewView | undefined;
  let ready = false;
  let reply = '';
  const post = (message: FloorHostMessage): void => {
    if (ready) void view?.webview.postMessage(message);
  };
  const deltas = new DeltaBatcher((delta) => post({ type: 'append', text: delta.content }));

  const send = async (prompt: string): Promise<void> => {
    reply = '';
    post({ type: 'show', text: '' });
    const stream = await ollama.chat({ model, messages: [{ role: 'user', content: prompt }], stream: true });
    for await (const part of stream) {
      reply += part.message.content;
      if (ready) deltas.add({ type: 'delta', conversationId: '', messageId: '', content: part.message.content });
    }
    deltas.flush();
  };

  const provider: vscode.WebviewViewProvider = {
    resolveWebviewView(webviewView) {
      view = webviewView;
      ready = false;
      const script = webviewView.webview.asWebviewUri(vscode.Uri.joinPath(context.extensionUri, 'webview.js'));
      const nonce = crypto.randomUUID().replace(/-/g, '');
      webviewView.webview.options = { enableScripts: true, localResourceRoots: [context.extensionUri] };
      webviewView.webview.html = `<!DOCTYPE html><html><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<style nonce="${nonce}">body{margin:0;height:100vh;display:flex;flex-direction:column}
#reply{flex:1;overflow:auto;padding:4px}pre{margin:0;white-space:pre-wrap}textarea{height:3em}</style></head>
<body><div id="reply"></div><textarea id="prompt" aria-label="Message"></textarea>
<script nonce="${nonce}" src="${script.toString()}"></script></body></html>`;
      context.subscriptions.push(
        webviewView.webview.onDidReceiveMessage((message: FloorViewMessage) => {
          if (message.type === 'ready') {
            ready = true;
            deltas.clear();
            post({ type: 'show', text: reply });
          } else {
            send(message.text).catch((err: unknown) => post({ type: 'append', text: `\n${String(err)}` }));
          }
        }),
        webviewView.onDidChangeVisibility(() => {
          if (!webviewView.visible) ready = false;
        }),
      );
    },
  };
  context.subscriptions.push(vscode.window.registerWebviewViewProvider(FLOOR_VIEW_ID, provider));
}
