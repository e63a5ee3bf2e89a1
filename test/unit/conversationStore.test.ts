import * as assert from 'node:assert/strict';
import { titleFrom } from '../../src/core/conversations/conversationSchema';
import { ConversationStore, SCHEMA_VERSION } from '../../src/core/conversations/conversationStore';
import type { ChatMessage } from '../../src/shared/types';
import { MemoryStore } from '../fixtures/memoryStore';

function message(i: number, extra: Partial<ChatMessage> = {}): ChatMessage {
  return { id: `m${i}`, role: i % 2 ? 'assistant' : 'user', content: `message ${i}`, timestamp: 1000 + i, ...extra };
}

describe('ConversationStore', () => {
  let kv: MemoryStore;
  let logs: string[];
  let store: ConversationStore;

  beforeEach(async () => {
    kv = new MemoryStore();
    logs = [];
    store = new ConversationStore(kv, (m) => logs.push(m));
    await store.load();
  });

  it('creates, persists and reloads conversations from the key-value store', async () => {
    const c = await store.create('a', 10);
    c.messages.push(message(0), message(1));
    c.title = 'hello';
    await store.persist('a');
    const again = new ConversationStore(kv);
    await again.load();
    assert.deepEqual(again.get('a')?.messages.map((m) => m.content), ['message 0', 'message 1']);
    assert.equal(again.list()[0].title, 'hello');
    assert.equal(again.list()[0].messageCount, 2);
  });

  it('rejects a duplicate id and ids that are empty or too long', async () => {
    await store.create('dup');
    await assert.rejects(store.create('dup'), /already exists/);
    await assert.rejects(store.create(''), /1 to 200/);
    await assert.rejects(store.create('x'.repeat(201)), /1 to 200/);
  });

  it('writes only the changed conversation when a message is appended, whatever the history size', async () => {
    for (let i = 0; i < 50; i++) {
      const c = await store.create(`c${i}`);
      for (let j = 0; j < 20; j++) c.messages.push(message(j));
      await store.persist(`c${i}`);
    }
    const small = await store.create('small');
    kv.resetCounters();
    small.messages.push(message(0));
    await store.persist('small');
    assert.deepEqual(kv.keysWritten, ['ollamaChat.conversation.small']);
    assert.ok(kv.bytesWritten < 400, `wrote ${kv.bytesWritten} bytes`);
  });

  it('lists newest first and searches titles and message text', async () => {
    const a = await store.create('a', 1);
    const b = await store.create('b', 2);
    a.messages.push(message(0, { content: 'the needle is here' }));
    a.updatedAt = 5;
    await store.persist('a');
    b.title = 'Needle in title';
    await store.persist('b');
    assert.deepEqual(store.list().map((s) => s.id), ['a', 'b']);
    assert.deepEqual(store.search('NEEDLE'), ['a', 'b']);
    assert.deepEqual(store.search('title'), ['b']);
    assert.deepEqual(store.search('absent'), []);
  });

  it('marks a reply that was streaming when the window closed as stopped, keeping its text', async () => {
    const c = await store.create('s');
    c.messages.push(message(0), message(1, { content: 'partial rep', status: 'streaming' }));
    await store.persist('s');
    const again = new ConversationStore(kv, (m) => logs.push(m));
    await again.load();
    const last = again.get('s')?.messages[1];
    assert.equal(last?.status, 'stopped');
    assert.equal(last?.content, 'partial rep');
    assert.equal((kv.get<{ messages: ChatMessage[] }>('ollamaChat.conversation.s'))?.messages[1].status, 'stopped');
  });

  it('recovers from a corrupt index, corrupt records and invalid messages, and logs what it dropped', async () => {
    const corrupt = new MemoryStore({
      'ollamaChat.index': 'not an index',
      'ollamaChat.conversation.good': {
        schemaVersion: SCHEMA_VERSION, id: 'good', title: 'Good', createdAt: 1, updatedAt: 2,
        messages: [message(0), { role: 'hacker', content: 1 }, null, message(1)],
      },
      'ollamaChat.conversation.bad': { messages: 'nope' },
      'ollamaChat.conversation.worse': 42,
    });
    const recovered = new ConversationStore(corrupt, (m) => logs.push(m));
    await recovered.load();
    assert.deepEqual(recovered.list().map((s) => s.id), ['good']);
    assert.equal(recovered.get('good')?.messages.length, 2);
    assert.ok(logs.some((l) => /index was unreadable/.test(l)), logs.join('\n'));
    assert.ok(logs.some((l) => /dropped 2 unreadable message/.test(l)), logs.join('\n'));
    assert.ok(logs.some((l) => /Dropped 2 stored conversation/.test(l)), logs.join('\n'));
    assert.deepEqual(corrupt.get<{ ids: string[] }>('ollamaChat.index')?.ids, ['good']);
  });

  it('migrates schema 0 (the original backend: every conversation in one object)', async () => {
    const old = new MemoryStore({
      'ollamaChat.conversations': {
        abc: { id: 'abc', messages: [{ role: 'user', content: 'What is Rust?' }, { role: 'assistant', content: 'A language.' }] },
        broken: { id: 'broken' },
      },
    });
    const migrated = new ConversationStore(old, (m) => logs.push(m));
    await migrated.load();
    assert.equal(migrated.get('abc')?.title, 'What is Rust?');
    assert.deepEqual(migrated.get('abc')?.messages.map((m) => m.role), ['user', 'assistant']);
    assert.equal(old.get('ollamaChat.conversations'), undefined);
    assert.equal(migrated.has('broken'), false);
  });

  it('deletes, restores, renames and remembers the active conversation', async () => {
    await store.create('x');
    await store.setActiveId('x');
    assert.equal(store.activeId(), 'x');
    await store.rename('x', '  Renamed  ');
    assert.equal(store.get('x')?.title, 'Renamed');
    const copy = structuredClone(store.get('x')!);
    await store.delete('x');
    assert.equal(store.has('x'), false);
    assert.equal(store.activeId(), undefined);
    assert.equal(kv.get('ollamaChat.conversation.x'), undefined);
    await store.restore(copy);
    assert.equal(store.get('x')?.title, 'Renamed');
  });

  it('two windows on one workspace keep each other\'s conversations', async () => {
    const windowA = new ConversationStore(kv);
    const windowB = new ConversationStore(kv);
    await windowA.load();
    await windowB.load();
    await windowA.create('from-a');
    await windowB.create('from-b');
    await windowB.create('b-deleted');
    await windowB.delete('b-deleted');
    const later = new ConversationStore(kv);
    await later.load();
    assert.deepEqual(later.list().map((s) => s.id).sort(), ['from-a', 'from-b']);
    assert.deepEqual(kv.get<{ ids: string[] }>('ollamaChat.index')?.ids.sort(), ['from-a', 'from-b']);
  });

  it('loads 500 conversations of 200 messages', async () => {
    const big = new MemoryStore();
    const ids: string[] = [];
    for (let i = 0; i < 500; i++) {
      ids.push(`c${i}`);
      const messages = Array.from({ length: 200 }, (_, j) => message(j));
      big.data.set(`ollamaChat.conversation.c${i}`, { schemaVersion: 1, id: `c${i}`, title: `t${i}`, createdAt: i, updatedAt: i, messages });
    }
    big.data.set('ollamaChat.index', { schemaVersion: 1, ids });
    const loaded = new ConversationStore(big);
    await loaded.load();
    assert.equal(loaded.list().length, 500);
    assert.equal(loaded.list()[0].id, 'c499');
    assert.equal(loaded.get('c7')?.messages.length, 200);
  });
});

describe('titleFrom', () => {
  it('takes the first non-empty line, skipping code fences, and shortens it', () => {
    assert.equal(titleFrom('\n\n  Explain   this code\nmore'), 'Explain this code');
    assert.equal(titleFrom('```ts\nconst x = 1;\n```'), 'const x = 1;');
    assert.equal(titleFrom('a'.repeat(100)).length, 60);
    assert.equal(titleFrom('   '), 'New conversation');
  });
});
