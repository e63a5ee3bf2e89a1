/**
 * The context meter's base as the chat view receives it: after `ready`, and again whenever what the next message
 * goes with changes (a reply, an attachment, the conversation's settings), never waiting forever for `/api/show`.
 * Against the real chat service, ollama client and the project's Ollama simulator.
 */
import * as assert from 'node:assert/strict';
import { ChatService } from '../../src/core/chat/chatService';
import { ConversationStore } from '../../src/core/conversations/conversationStore';
import { OllamaClient } from '../../src/core/ollama/ollamaClient';
import { createAttachment, withAttachments } from '../../src/core/prompts/attachments';
import type { Settings } from '../../src/core/settings/config';
import { ViewRelay } from '../../src/core/view/viewRelay';
import type { ContextInfo } from '../../src/shared/contextInfo';
import type { HostMessage } from '../../src/shared/protocol';
import { MemoryStore } from '../fixtures/memoryStore';
import { OllamaSimulator } from '../../simulator';

describe('ViewRelay: the context meter\'s base', () => {
  let server: OllamaSimulator;
  let chat: ChatService;
  let relay: ViewRelay;
  let posted: HostMessage[];
  const contexts = () => posted.flatMap((m) => (m.type === 'context' ? [m.context] : []));

  /** Waits until a context message satisfying `check` has been posted, and returns it. */
  async function nextContext(check: (c: ContextInfo) => boolean): Promise<ContextInfo> {
    for (;;) {
      const found = contexts().find(check);
      if (found) return found;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  beforeEach(async () => {
    server = await OllamaSimulator.start();
    const settings: Settings = { host: server.url, model: 'mistral', systemPrompt: 'Be brief.', options: {}, keepAlive: '5m' };
    const store = new ConversationStore(new MemoryStore());
    await store.load();
    chat = new ChatService(store, new OllamaClient(() => ({ host: settings.host })), () => settings);
    relay = new ViewRelay(chat, { model: () => settings.model, systemPrompt: () => ({ text: settings.systemPrompt, source: 'user' }) });
    posted = [];
    relay.connect((message) => posted.push(structuredClone(message)));
  });

  afterEach(async () => {
    chat.stop();
    relay.dispose();
    await server.stop();
  });

  it('follows the conversation, the attachments and the settings', async () => {
    relay.viewReady();
    const first = await nextContext(() => true);
    assert.deepEqual([first.conversationId, first.known, first.numCtx, first.modelMax, first.turns, first.attachmentChars], [null, true, 4096, 32_768, [], 0]);
    assert.equal(first.systemTokens, 7, 'the system prompt counts');
    const reply = await relay.send('What is a monad?');
    const afterReply = await nextContext((c) => c.turns.length === 2);
    assert.deepEqual(afterReply.turns.map((t) => [t.role, t.words]), [['user', 'What is a monad?'], ['assistant', reply.content.replace(/\s+/g, ' ').slice(0, 39).trimEnd() + '…']]);
    const file = createAttachment('src/a.ts', 'typescript', 'export const a = 1;\n');
    relay.addAttachment(file);
    const attached = await nextContext((c) => c.attachmentChars > 0);
    assert.equal(attached.attachmentChars, withAttachments('', [file]).length);
    await chat.raiseContext(afterReply.conversationId!);
    const raised = await nextContext((c) => c.numCtx === 8192);
    assert.deepEqual([raised.source, raised.raiseTo], ['conversation', 16_384]);
  });

  it('says "unknown" rather than wait when /api/show fails, and posts only the newest base', async () => {
    server.setShowFault({ delayMs: 300, status: 500, error: 'boom' });
    relay.viewReady();
    relay.addAttachment(createAttachment('b.txt', 'plaintext', 'x'));
    const info = await nextContext(() => true);
    assert.equal(info.known, false);
    assert.equal(info.thinking, 'unknown');
    assert.ok(info.attachmentChars > 0, 'the older request (without the file) was not posted after the newer one');
    assert.equal(contexts().length, 1);
  });
});
