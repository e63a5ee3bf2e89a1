/**
 * The host side of the chat view without VS Code: the ready handshake, what a (re)loaded webview is sent, the
 * order of streamed text and final messages, one-shot requests held until a webview is ready, the files attached to
 * the next message, and the context meter's base. Against the real chat service, ollama client and the project's
 * Ollama simulator.
 */
import * as assert from 'node:assert/strict';
import type { ChatService } from '../../src/core/chat/chatService';
import { createAttachment, withAttachments } from '../../src/core/prompts/attachments';
import { ViewRelay } from '../../src/core/view/viewRelay';
import type { ContextInfo } from '../../src/shared/contextInfo';
import type { HostMessage } from '../../src/shared/protocol';
import { OllamaSimulator } from '../../simulator';
import { memoryChat, simulatorSettings } from '../fixtures/memoryChat';

describe('ViewRelay: what the chat view is told, and when', () => {
  let server: OllamaSimulator;
  let chat: ChatService;
  let relay: ViewRelay;
  let posted: HostMessage[];
  const types = () => posted.map((m) => m.type);
  const port = (message: HostMessage) => posted.push(structuredClone(message));

  beforeEach(async () => {
    server = await OllamaSimulator.start();
    const settings = simulatorSettings(server.url, { systemPrompt: 'Be brief.' });
    chat = await memoryChat(() => settings);
    relay = new ViewRelay(chat, { model: () => settings.model, systemPrompt: () => ({ text: settings.systemPrompt, source: 'user' }) });
    posted = [];
  });

  afterEach(async () => {
    chat.stop();
    relay.dispose();
    await server.stop();
  });

  it('sends nothing before the webview says ready, then a snapshot with everything', async () => {
    relay.connect(port);
    const { id } = await chat.startConversation();
    await chat.sendMessage(id, 'Hello');
    assert.deepEqual(posted, [], 'nothing is posted to a webview that is still loading');
    relay.viewReady();
    assert.deepEqual(types(), ['snapshot']);
    const [snapshot] = posted as Extract<HostMessage, { type: 'snapshot' }>[];
    assert.equal(snapshot.state.conversation?.id, id);
    assert.deepEqual(snapshot.state.conversation?.messages.map((m) => m.role), ['user', 'assistant']);
    assert.deepEqual(snapshot.state.systemPrompt, { text: 'Be brief.', source: 'user' });
    assert.equal(snapshot.state.model, 'mistral');
  });

  it('sends a long conversation to a view that does not show it yet newest first, then each older piece when the view asks', async () => {
    const { id } = await chat.startConversation();
    for (let i = 0; i < 6; i++) await chat.sendMessage(id, `Part ${i} [[long:5000]]`);
    const all = chat.getConversation(id)!.messages;
    const ids = all.map((m) => m.id);
    relay.connect(port);
    relay.viewReady();
    const snapshots = () => posted.flatMap((m) => (m.type === 'snapshot' ? [m] : []));
    const pieces = () => posted.flatMap((m) => (m.type === 'earlierMessages' ? [m] : []));
    assert.equal(snapshots().length, 1, 'the newest messages go at once');
    const head = snapshots()[0].state.conversation!.messages.map((m) => m.id);
    assert.ok(head.length >= 1 && head.length < ids.length, `the snapshot has only the newest messages (${head.length} of ${ids.length})`);
    assert.deepEqual(head, ids.slice(-head.length), 'the newest ones, in order');
    assert.equal(snapshots()[0].earlier, true, 'and says that there are older ones');
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(pieces().length, 0, 'nothing older is sent unasked');

    // Asked for as the view does: the piece before the first message it has, while the host says there are more.
    let shown = head;
    for (let asked = 0; asked < 50 && (pieces().at(-1)?.earlier ?? true); asked++) {
      relay.sendEarlier(id, shown[0]);
      const piece = pieces()[asked];
      assert.ok(piece, `answered request ${asked + 1}`);
      assert.equal(piece.conversationId, id);
      assert.equal(piece.before, shown[0], 'each piece goes just before the first message the view has');
      shown = [...piece.messages.map((m) => m.id), ...shown];
    }
    assert.deepEqual(shown, ids, 'every message once, in order');
    assert.equal(pieces().at(-1)?.earlier, false, 'the last piece says there is nothing older');
    assert.ok(pieces().length >= 2, `the older messages come in several posts (${pieces().length})`);
    const largest = Math.max(...[posted[0], ...pieces()].map((m) => JSON.stringify(m).length));
    assert.ok(largest < JSON.stringify(all).length / 3, `no post carries most of the conversation (largest ${largest} of ${JSON.stringify(all).length} characters)`);
    const count = posted.length;
    relay.sendEarlier(id, ids[0]);
    assert.equal(posted.length, count, 'nothing before the first message');

    posted = [];
    relay.refresh();
    assert.equal(snapshots().length, 1, 'a view that shows the conversation gets it in one post (it keeps what it drew)');
    assert.deepEqual(snapshots()[0].state.conversation?.messages.map((m) => m.id), ids);
    assert.equal(snapshots()[0].earlier, undefined);
    await chat.startConversation();
    await chat.setActive(id);
    assert.equal(snapshots().at(-1)?.state.conversation?.messages.length, head.length, 'opened again from another conversation: the newest messages first again');
  });

  it('answers a request for older messages only for the conversation the view was sent, and sends nothing once disposed', async () => {
    const { id } = await chat.startConversation();
    for (let i = 0; i < 6; i++) await chat.sendMessage(id, `Part ${i} [[long:5000]]`);
    relay.connect(port);
    relay.viewReady();
    const first = (posted[0] as Extract<HostMessage, { type: 'snapshot' }>).state.conversation!.messages[0].id;
    const other = await chat.startConversation();
    const switchedAt = posted.length;
    relay.sendEarlier(id, first);
    assert.deepEqual(types().slice(switchedAt), [], 'a request from before the switch gets no answer');
    const last = posted.filter((m): m is Extract<HostMessage, { type: 'snapshot' }> => m.type === 'snapshot').at(-1);
    assert.equal(last?.state.conversation?.id, other.id, 'the view shows the other conversation');
    relay.sendEarlier(id, first, 'panel');
    assert.deepEqual(types().slice(switchedAt), [], 'nor one from a view that is not there');

    await chat.setActive(id);
    relay.sendEarlier(id, first);
    assert.equal(types().at(-1), 'earlierMessages', 'shown again: answered');
    const before = posted.length;
    relay.dispose();
    relay.sendEarlier(id, first);
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(posted.length, before, `posted after dispose: ${types().slice(before).join(', ')}`);
  });

  it('holds "focus the input" until the view is ready (the view was closed or hidden), and sends it once', async () => {
    relay.request({ type: 'focusInput' });
    relay.connect(port);
    relay.request({ type: 'focusInput' });
    assert.deepEqual(posted, []);
    relay.viewReady();
    assert.deepEqual(types(), ['snapshot', 'focusInput'], 'after the snapshot, so the input exists');
    relay.connect(port); // hidden: the webview is destroyed, and reloads when shown
    relay.viewReady();
    assert.deepEqual(types(), ['snapshot', 'focusInput', 'snapshot'], 'a request is delivered once');
    relay.request({ type: 'focusInput' });
    assert.deepEqual(types(), ['snapshot', 'focusInput', 'snapshot', 'focusInput'], 'a ready view gets it at once');
  });

  it('relays a streaming reply in order: every delta before the final message, no text lost', async () => {
    relay.connect(port);
    relay.viewReady();
    const { id } = await chat.startConversation();
    posted = [];
    const reply = await relay.send('Stream this [[long:300]]');
    const streamed = posted.flatMap((m) => (m.type === 'delta' && m.messageId === reply.id ? [m.content] : [])).join('');
    assert.equal(streamed, reply.content, 'the deltas add up to the reply');
    const lastDelta = types().lastIndexOf('delta');
    const final = posted.findIndex((m) => m.type === 'message' && m.message.id === reply.id && m.message.status === 'complete');
    assert.ok(final > lastDelta, `the final message comes after the last delta (${types().join(', ')})`);
    assert.equal(chat.getConversation(id)?.messages.length, 2);
  });

  it('a view that reloads mid-reply gets the text so far in its snapshot, then only what is new', async function () {
    this.timeout(10_000);
    relay.connect(port);
    relay.viewReady();
    const { id } = await chat.startConversation();
    const reply = relay.send('Slowly [[slow]]');
    const request = await server.waitForRequest((r) => r.path === '/api/chat');
    while (request.tokensSent < 3) await new Promise((resolve) => setTimeout(resolve, 20));
    relay.connect(port); // hidden
    posted = [];
    relay.viewReady();
    const [snapshot] = posted as Extract<HostMessage, { type: 'snapshot' }>[];
    const partial = snapshot.state.conversation!.messages[1];
    assert.equal(snapshot.state.stream?.conversationId, id);
    chat.stop(id);
    const final = await reply;
    const after = posted.slice(1).flatMap((m) => (m.type === 'delta' ? [m.content] : [])).join('');
    assert.equal(partial.content + after, final.content, 'snapshot text + later deltas = the reply');
  });

  it('sends the attached files with the next message only, and lets them go once it was accepted', async () => {
    relay.connect(port);
    relay.viewReady();
    relay.addAttachment(createAttachment('src/a.ts', 'typescript', 'export const a = 1;\n'));
    relay.addAttachment(createAttachment('src/b.ts', 'typescript', 'export const b = 2;\n'));
    const b = (posted.at(-1) as Extract<HostMessage, { type: 'attachments' }>).attachments[1];
    relay.removeAttachment(b.id);
    assert.deepEqual((posted.at(-1) as Extract<HostMessage, { type: 'attachments' }>).attachments.map((a) => a.name), ['src/a.ts']);
    await relay.send('Explain');
    const request = server.requests.filter((r) => r.path === '/api/chat').pop()!;
    const prompt = (request.body as { messages: { content: string }[] }).messages.at(-1)!.content;
    assert.match(prompt, /export const a = 1;/);
    assert.doesNotMatch(prompt, /export const b = 2;/);
    assert.ok(posted.some((m) => m.type === 'attachments' && m.attachments.length === 0), 'the chips are cleared');
    await relay.send('And now?');
    const next = server.requests.filter((r) => r.path === '/api/chat').pop()!;
    assert.doesNotMatch((next.body as { messages: { content: string }[] }).messages.at(-1)!.content, /export const a/);
  });

  describe('the context meter\'s base', () => {
    const contexts = () => posted.flatMap((m) => (m.type === 'context' ? [m.context] : []));

    /** Waits until a context message satisfying `check` has been posted, and returns it. */
    async function nextContext(check: (c: ContextInfo) => boolean): Promise<ContextInfo> {
      for (;;) {
        const found = contexts().find(check);
        if (found) return found;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }

    beforeEach(() => relay.connect(port));

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
});
