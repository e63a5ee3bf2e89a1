/**
 * Mentions and `/` commands through the host side of the chat view: a mention is read when the message is sent (not
 * when its chip was added), listed under the user message, and a deleted one leaves the message going without it; a
 * command that cannot be expanded sends nothing and gives the text back. Against the real chat service, ollama client
 * and the project's Ollama simulator.
 */
import * as assert from 'node:assert/strict';
import type { ChatService } from '../../src/core/chat/chatService';
import { validateConversation } from '../../src/core/conversations/conversationSchema';
import { ChatError } from '../../src/core/ollama/errors';
import { BUILT_IN_TEMPLATES, expandTemplate, parseSlashCommand } from '../../src/core/prompts/promptTemplates';
import type { Reference, ReferenceContent } from '../../src/core/prompts/references';
import { ViewRelay } from '../../src/core/view/viewRelay';
import type { HostMessage } from '../../src/shared/protocol';
import { OllamaSimulator } from '../../simulator';
import { memoryChat, simulatorSettings } from '../fixtures/memoryChat';

describe('ViewRelay: mentions and / commands', () => {
  let server: OllamaSimulator;
  let chat: ChatService;
  let relay: ViewRelay;
  let posted: HostMessage[];
  let selection: string | undefined;

  beforeEach(async () => {
    server = await OllamaSimulator.start();
    const settings = simulatorSettings(server.url);
    chat = await memoryChat(() => settings);
    // The VS Code side's expander, with the editor replaced by `selection`.
    relay = new ViewRelay(chat, { model: () => settings.model, systemPrompt: () => undefined }, { expandSlashCommand: async (text) => {
      const command = parseSlashCommand(text);
      const template = BUILT_IN_TEMPLATES.find((t) => t.name === command?.name) ?? (command?.name === 'bad'
        ? { ...BUILT_IN_TEMPLATES[0]!, name: 'bad', prompt: 'Look at {{selektion}}' } : undefined);
      if (!command || !template) return undefined;
      return expandTemplate(template, command.input, (p) => {
        if (selection === undefined) throw new ChatError('invalidPrompt', `/${template.name} works on the selected code: select some, then send again.`);
        return { selection, file: 'src/a.ts', language: 'typescript', diff: '' }[p];
      });
    } });
    posted = [];
    relay.connect((m) => posted.push(structuredClone(m)));
    relay.viewReady();
    selection = undefined;
  });

  afterEach(async () => {
    chat.stop();
    relay.dispose();
    await server.stop();
  });

  const lastChatRequest = () => {
    const body = server.requests.filter((r) => r.path === '/api/chat').at(-1)?.body as { messages: { role: string; content: string }[] } | undefined;
    return body?.messages.at(-1)?.content;
  };

  function mention(name: string, read: () => Promise<ReferenceContent>): Reference {
    return { id: `r-${name}`, name, kind: 'file', languageId: '', chars: 0, truncated: false, readOnSend: true, read };
  }

  it('reads a mention when the message is sent, so the model gets the file as it is then', async () => {
    let content = 'version 1';
    relay.addAttachment(mention('src/a.ts', async () => ({ text: content, languageId: 'typescript' })));
    const chip = (posted.at(-1) as Extract<HostMessage, { type: 'attachments' }>).attachments[0]!;
    assert.deepEqual([chip.name, chip.readOnSend, chip.kind], ['src/a.ts', true, 'file']);
    content = 'version 2';
    await relay.send('What does it do? ');
    assert.equal(lastChatRequest(), 'What does it do?\n\nAttached file `src/a.ts`:\n\n```typescript\nversion 2\n```');
    const id = chat.activeConversationId()!;
    const user = chat.getConversation(id)!.messages.find((m) => m.role === 'user')!;
    assert.deepEqual(user.references, [{ name: 'src/a.ts', kind: 'file' }]);
    assert.ok(posted.some((m) => m.type === 'attachments' && m.attachments.length === 0), 'the chip is cleared');
  });

  it('sends the message without a deleted file, and lists it under the message with the reason', async () => {
    relay.addAttachment(mention('gone.ts', async () => ({ unavailable: 'the file no longer exists' })));
    await relay.send('Hello');
    assert.equal(lastChatRequest(), 'Hello');
    const user = chat.getConversation(chat.activeConversationId()!)!.messages.find((m) => m.role === 'user')!;
    assert.deepEqual(user.references, [{ name: 'gone.ts', kind: 'file', missing: 'the file no longer exists' }]);
    const stored = validateConversation(JSON.parse(JSON.stringify(chat.getConversation(chat.activeConversationId()!))), 'c');
    assert.deepEqual(stored?.messages[0]?.references, user.references, 'kept when stored and read back');
  });

  it('sends /explain as its template, with the selection filled in', async () => {
    selection = '```ts\nconst a = 1;\n```';
    await relay.send('/explain briefly');
    assert.equal(lastChatRequest(), 'Explain what this typescript code from `src/a.ts` does, step by step.\n\n```ts\nconst a = 1;\n```\n\nbriefly');
  });

  it('sends nothing for a command that cannot be filled in, and gives the text back to the message box', async () => {
    await assert.rejects(relay.send('/bad please'), /\/bad uses \{\{selektion\}\}, which is not a placeholder/);
    await assert.rejects(relay.send('/explain'), /select some, then send again/);
    assert.equal(server.requests.filter((r) => r.path === '/api/chat').length, 0);
    assert.deepEqual(posted.filter((m) => m.type === 'restoreDraft'), [{ type: 'restoreDraft', text: '/bad please' }, { type: 'restoreDraft', text: '/explain' }]);
  });

  it('sends text that only looks like a command (no such template) as it is', async () => {
    await relay.send('/usr/bin is where it lives');
    assert.equal(lastChatRequest(), '/usr/bin is where it lives');
  });
});
