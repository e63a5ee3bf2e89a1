/**
 * The chat in an editor tab, in the real extension host with real webviews running the chat bundle: the tab and a
 * second webview in the sidebar's slot, both fed by one relay, get the same streamed text from one reply; a panel
 * handed over as after a reload (what the serializer does) draws the chat; "Open Chat in Editor" opens one tab and
 * reveals it when run again.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChatService } from '../../src/core/chat/chatService';
import type { HostMessage } from '../../src/shared/protocol';
import { ChatPanel, PANEL_VIEW_TYPE } from '../../src/vscode/chatPanel';
import { ChatViewProvider } from '../../src/vscode/chatViewProvider';
import { MentionProvider } from '../../src/vscode/mentionProvider';
import { PromptTemplateLibrary } from '../../src/vscode/promptTemplateLibrary';
import { WorkspaceFileIndex } from '../../src/vscode/workspaceFileIndex';
import type { OllamaSimulator } from '../../simulator';
import { closeAllEditors, EXTENSION_ID, getApi, startServer, waitFor } from './helpers';
import { memoryChat, simulatorSettings } from '../fixtures/memoryChat';

/** What the extension posted to a real webview, recorded on its way. */
function recordPosts(webview: vscode.Webview): HostMessage[] {
  const posted: HostMessage[] = [];
  const post = webview.postMessage.bind(webview);
  webview.postMessage = (message: HostMessage) => {
    posted.push(structuredClone(message));
    return post(message);
  };
  return posted;
}

const streamed = (posted: HostMessage[], messageId: string) =>
  posted.flatMap((m) => (m.type === 'delta' && m.messageId === messageId ? [m.content] : [])).join('');

describe('the chat in an editor tab', function () {
  this.timeout(60_000);
  let server: OllamaSimulator;
  let chat: ChatService;
  let provider: ChatViewProvider;
  let chatPanel: ChatPanel;
  let index: WorkspaceFileIndex;
  const log = vscode.window.createOutputChannel('Ollama Chat editor tab tests', { log: true });
  const newPanel = (column = vscode.ViewColumn.One) => vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'Ollama Chat', column, { enableScripts: true });

  before(async () => {
    server = await startServer();
    await getApi();
  });

  beforeEach(async () => {
    const settings = simulatorSettings(server.url);
    chat = await memoryChat(() => settings);
    index = new WorkspaceFileIndex();
    provider = new ChatViewProvider(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, chat, {
      settings: { model: () => settings.model, host: () => settings.host, systemPrompt: () => undefined },
      runErrorAction: async () => undefined,
      checkConnection: async () => undefined,
      mentions: new MentionProvider(index),
      templates: new PromptTemplateLibrary(log),
    }, log);
    chatPanel = new ChatPanel(provider, vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri);
  });

  afterEach(async () => {
    chat.stop();
    chatPanel.dispose();
    provider.dispose();
    index.dispose();
    await closeAllEditors();
  });

  after(async () => {
    log.dispose();
    await server?.stop();
  });

  it('the tab and the sidebar get the same deltas from one reply', async () => {
    // A second webview stands in for the sidebar's (VS Code has one view of that id: the extension's); both visible.
    const sidebarPanel = newPanel(vscode.ViewColumn.One);
    const toSidebar = recordPosts(sidebarPanel.webview);
    const listeners = provider.attach(sidebarPanel.webview, 'view');
    const tab = newPanel(vscode.ViewColumn.Two);
    const toTab = recordPosts(tab.webview);
    chatPanel.adopt(tab);
    try {
      // Each real webview loads the chat bundle and says `ready`; the relay answers each with a snapshot.
      await waitFor(() => toSidebar.some((m) => m.type === 'snapshot') && toTab.some((m) => m.type === 'snapshot'), 'both webviews to be drawn', 30_000);
      const reply = await provider.relay.send('Stream this [[long:2000]]', 'panel');
      assert.ok(reply.content.length > 1000);
      assert.equal(streamed(toTab, reply.id), reply.content, 'the tab got every piece of the reply');
      assert.equal(streamed(toSidebar, reply.id), reply.content, 'the sidebar got every piece of the reply');
      for (const posted of [toSidebar, toTab]) {
        assert.ok(posted.some((m) => m.type === 'message' && m.message.id === reply.id && m.message.status === 'complete'));
        assert.ok(posted.some((m) => m.type === 'history'), 'the history list follows in both');
      }
    } finally {
      for (const d of listeners) d.dispose();
      sidebarPanel.dispose();
    }
  });

  it('a panel handed over after a reload (as the serializer does) draws the conversation', async () => {
    const { id } = await chat.startConversation();
    const reply = await chat.sendMessage(id, 'Remember me');
    const restored = newPanel();
    const posted = recordPosts(restored.webview);
    chatPanel.adopt(restored);
    const snapshot = await waitFor(() => posted.find((m): m is Extract<HostMessage, { type: 'snapshot' }> => m.type === 'snapshot'), 'the restored tab to be drawn', 30_000);
    assert.ok(snapshot);
    assert.deepEqual(snapshot.state.conversation?.messages.map((m) => m.id).at(-1), reply.id);
    assert.ok(chatPanel.isOpen());
    restored.dispose();
    await waitFor(() => !chatPanel.isOpen(), 'the tab to be closed');
    assert.equal(provider.relay.isConnected('panel'), false, 'a closed tab is not fed');
    assert.equal(chat.getConversation(id)?.messages.length, 2, 'closing the tab loses nothing');
  });

  it('"Open Chat in Editor" opens one chat tab, and reveals it when run again', async () => {
    const chatTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(PANEL_VIEW_TYPE));
    await vscode.commands.executeCommand('ollamaChat.openChatInEditor');
    await waitFor(() => chatTabs().length === 1, 'the chat tab');
    const doc = await vscode.workspace.openTextDocument({ content: 'x' });
    await vscode.window.showTextDocument(doc, { viewColumn: chatTabs()[0]!.group.viewColumn });
    await vscode.commands.executeCommand('ollamaChat.openChatInEditor');
    await waitFor(() => chatTabs()[0]?.isActive, 'the chat tab to be shown again');
    assert.equal(chatTabs().length, 1, 'still one tab');
  });
});
