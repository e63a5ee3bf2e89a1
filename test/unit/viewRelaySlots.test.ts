/**
 * The chat shown in two webviews at once (the sidebar view and the editor tab): both get the same streamed text
 * from one reply, a view that opens mid-reply catches up without the other losing a piece, the files attached to
 * the next message are shared, and what one view asked for (suggestions, search results) goes to that view only.
 * Against the real chat service, ollama client and the project's Ollama simulator.
 */
import * as assert from 'node:assert/strict';
import type { ChatService } from '../../src/core/chat/chatService';
import { createAttachment } from '../../src/core/prompts/attachments';
import { ViewRelay } from '../../src/core/view/viewRelay';
import type { HostMessage } from '../../src/shared/protocol';
import { OllamaSimulator } from '../../simulator';
import { memoryChat, simulatorSettings } from '../fixtures/memoryChat';

describe('ViewRelay with the sidebar view and the editor tab open at once', () => {
  let server: OllamaSimulator;
  let chat: ChatService;
  let relay: ViewRelay;
  let sidebar: HostMessage[];
  let tab: HostMessage[];
  const toSidebar = (message: HostMessage) => sidebar.push(structuredClone(message));
  const toTab = (message: HostMessage) => tab.push(structuredClone(message));
  const streamed = (posted: HostMessage[], messageId: string) =>
    posted.flatMap((m) => (m.type === 'delta' && m.messageId === messageId ? [m.content] : [])).join('');

  beforeEach(async () => {
    server = await OllamaSimulator.start();
    const settings = simulatorSettings(server.url);
    chat = await memoryChat(() => settings);
    relay = new ViewRelay(chat, { model: () => settings.model, systemPrompt: () => undefined });
    sidebar = [];
    tab = [];
  });

  afterEach(async () => {
    chat.stop();
    relay.dispose();
    await server.stop();
  });

  it('streams one reply sent from the tab to both views, delta for delta, final message after the text', async () => {
    relay.connect(toSidebar, 'view');
    relay.connect(toTab, 'panel');
    relay.viewReady('view');
    relay.viewReady('panel');
    const reply = await relay.send('Stream this [[long:300]]', 'panel');
    assert.equal(streamed(sidebar, reply.id), reply.content, 'the sidebar got every piece');
    assert.equal(streamed(tab, reply.id), reply.content, 'the tab got every piece');
    for (const posted of [sidebar, tab]) {
      const final = posted.findIndex((m) => m.type === 'message' && m.message.id === reply.id && m.message.status === 'complete');
      assert.ok(final > posted.map((m) => m.type).lastIndexOf('delta'), 'the final message comes after the last delta');
    }
  });

  it('a tab opened mid-reply gets the text so far in its snapshot; the sidebar loses nothing meanwhile', async function () {
    this.timeout(15_000);
    relay.connect(toSidebar, 'view');
    relay.viewReady('view');
    const reply = relay.send('Slowly [[slow]]');
    const request = await server.waitForRequest((r) => r.path === '/api/chat');
    while (request.tokensSent < 3) await new Promise((resolve) => setTimeout(resolve, 20));
    relay.connect(toTab, 'panel');
    relay.viewReady('panel');
    const snapshot = tab[0] as Extract<HostMessage, { type: 'snapshot' }>;
    assert.equal(snapshot.type, 'snapshot');
    const partial = snapshot.state.conversation!.messages[1];
    assert.equal(partial.status, 'streaming');
    const final = await reply;
    assert.equal(partial.content + streamed(tab, final.id), final.content, 'tab: snapshot text + later deltas = the reply');
    assert.equal(streamed(sidebar, final.id), final.content, 'sidebar: every delta, none dropped when the tab joined');
  });

  it('shares the attached files between the views, and answers a view\'s own questions to it alone', async () => {
    relay.connect(toSidebar, 'view');
    relay.connect(toTab, 'panel');
    relay.viewReady('view');
    relay.viewReady('panel');
    sidebar = [];
    tab = [];
    relay.addAttachment(createAttachment('src/a.ts', 'typescript', 'export const a = 1;\n'));
    for (const posted of [sidebar, tab]) {
      assert.deepEqual(posted.flatMap((m) => (m.type === 'attachments' ? m.attachments.map((a) => a.name) : [])), ['src/a.ts']);
    }
    relay.suggestions(7, [], 'panel');
    relay.search('monad', 'panel');
    assert.deepEqual(tab.filter((m) => m.type === 'suggestions' || m.type === 'searchResults').map((m) => m.type), ['suggestions', 'searchResults']);
    assert.ok(!sidebar.some((m) => m.type === 'suggestions' || m.type === 'searchResults'), 'the sidebar did not ask');
    relay.request({ type: 'focusInput' }, 'panel');
    assert.ok(tab.some((m) => m.type === 'focusInput') && !sidebar.some((m) => m.type === 'focusInput'), 'focus goes to one view');
  });

  it('closing the tab leaves the sidebar as it was: the next reply still reaches it', async () => {
    relay.connect(toSidebar, 'view');
    relay.connect(toTab, 'panel');
    relay.viewReady('view');
    relay.viewReady('panel');
    relay.connect(undefined, 'panel');
    tab = [];
    const reply = await relay.send('Hello', 'view');
    assert.equal(streamed(sidebar, reply.id), reply.content);
    assert.deepEqual(tab, [], 'nothing goes to a closed tab');
  });
});
