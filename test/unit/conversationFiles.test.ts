// Conversations in files of their own (the workspace's storage folder) and the rest in workspaceState, read back
// after a restart, moved out of workspaceState from an earlier version, and kept when a file is broken or a write
// fails. Real files in a temporary folder; workspaceState is the in-memory stand-in that counts writes.
import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationFiles, recordFileName } from '../../src/core/conversations/conversationFiles';
import { ConversationStore, isConversationKey, SCHEMA_VERSION } from '../../src/core/conversations/conversationStore';
import type { ChatMessage } from '../../src/shared/types';
import { MemoryStore } from '../fixtures/memoryStore';

function message(i: number, content = `message ${i}`): ChatMessage {
  return { id: `m${i}`, role: i % 2 ? 'assistant' : 'user', content, timestamp: 1000 + i };
}

describe('ConversationFiles', () => {
  let root: string;
  let dir: string;
  let memento: MemoryStore;
  let logs: string[];

  const files = () => new ConversationFiles(memento, dir, isConversationKey, (m) => logs.push(m));
  async function openStore(): Promise<ConversationStore> {
    const store = new ConversationStore(files(), (m) => logs.push(m));
    await store.load();
    return store;
  }

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'conversation-files-'));
    dir = join(root, 'conversations');
    memento = new MemoryStore();
    logs = [];
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('keeps each conversation in a file and only the index and the open conversation in workspaceState', async () => {
    const store = await openStore();
    const c = await store.create('a "weird"/id', 10);
    c.messages.push(message(0), message(1, 'x'.repeat(50_000)));
    await store.persist(c.id);
    await store.setActiveId(c.id);
    memento.resetCounters();
    c.messages.push(message(2));
    await store.persist(c.id);

    assert.deepEqual(memento.keysWritten, [], 'a new message writes nothing to workspaceState');
    assert.deepEqual([...memento.keys()].sort(), ['ollamaChat.activeConversation', 'ollamaChat.index']);
    assert.ok(JSON.stringify([...memento.data]).length < 200, 'workspaceState stays small whatever the history');
    assert.deepEqual(await readdir(dir), [recordFileName('ollamaChat.conversation.a "weird"/id')]);

    const again = await openStore();
    assert.equal(again.activeId(), c.id);
    assert.deepEqual(again.get(c.id)?.messages.map((m) => m.content.length), [9, 50_000, 9]);
    assert.deepEqual(logs, []);
  });

  it('writes what a record was when it was stored, in order, and the newest value last', async () => {
    const kv = files();
    await kv.reload();
    const record = { n: 0 };
    const writes: Promise<void>[] = [];
    for (let n = 1; n <= 20; n++) {
      record.n = n;
      writes.push(kv.update('ollamaChat.conversation.c', record));
    }
    record.n = 99;
    assert.deepEqual(kv.get('ollamaChat.conversation.c'), { n: 20 }, 'read while its writes are under way');
    await Promise.all(writes);
    assert.deepEqual(kv.get('ollamaChat.conversation.c'), { n: 20 }, 'read again once written');
    const again = files();
    await again.reload();
    assert.deepEqual(again.get('ollamaChat.conversation.c'), { n: 20 });
    assert.deepEqual(again.get('ollamaChat.conversation.c'), { n: 20 }, 'a second read comes from the file');
    await rm(join(dir, recordFileName('ollamaChat.conversation.c')));
    assert.equal(again.get('ollamaChat.conversation.c'), undefined, 'a file removed meanwhile reads as nothing, not as an error');
    void kv.update('ollamaChat.conversation.c', undefined);
    await kv.settled();
    assert.deepEqual(await readdir(dir), [], 'a deleted conversation leaves no file, gone once the writes under way are done');
  });

  it('moves conversations an earlier version kept in workspaceState to files, the file first', async () => {
    const old = { schemaVersion: SCHEMA_VERSION, id: 'old', title: 'Old', createdAt: 1, updatedAt: 2, messages: [message(0)] };
    memento = new MemoryStore({ 'ollamaChat.index': { schemaVersion: SCHEMA_VERSION, ids: ['old'] }, 'ollamaChat.conversation.old': old });
    const store = await openStore();
    assert.deepEqual(store.get('old')?.messages.map((m) => m.content), ['message 0']);
    assert.equal(memento.get('ollamaChat.conversation.old'), undefined, 'removed from workspaceState');
    assert.deepEqual(JSON.parse(await readFile(join(dir, recordFileName('ollamaChat.conversation.old')), 'utf8')).value.messages[0].content, 'message 0');
    assert.ok(logs.some((l) => /Moved 1 conversation\(s\) from workspaceState/.test(l)), logs.join('\n'));

    // Also the schema-0 shape of the original backend goes straight to files.
    memento = new MemoryStore({ 'ollamaChat.conversations': { legacy: { messages: [{ role: 'user', content: 'hi' }] } } });
    const migrated = await openStore();
    assert.equal(migrated.get('legacy')?.messages[0].content, 'hi');
    assert.deepEqual(memento.keys(), ['ollamaChat.index']);
  });

  it('sets aside a file it cannot read, keeps it, says so, and loads the rest', async () => {
    const store = await openStore();
    (await store.create('good')).messages.push(message(0));
    await store.persist('good');
    await writeFile(join(dir, recordFileName('ollamaChat.conversation.torn')), '{"key":"ollamaChat.conversation.torn","value":{"id":"torn","mess');
    await writeFile(join(dir, 'renamed-by-hand.json'), JSON.stringify({ key: 'ollamaChat.conversation.x', value: {} }));
    const leftOver = join(dir, '.left-over.tmp');
    await writeFile(leftOver, 'half a record');
    await utimes(leftOver, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));

    const again = await openStore();
    assert.deepEqual(again.list().map((s) => s.id), ['good']);
    assert.ok(logs.some((l) => /Set aside 2 conversation file\(s\)/.test(l)), logs.join('\n'));
    const names = (await readdir(dir)).sort();
    assert.equal(names.filter((n) => n.endsWith('.unreadable')).length, 2, names.join(', '));
    assert.ok(!names.includes('.left-over.tmp'), 'a temporary file left by a crash is removed');
  });

  it('rejects a write that fails and writes the newest value with the next one, losing nothing in memory', async () => {
    const store = await openStore();
    const c = await store.create('c');
    // The folder is gone and a file stands in its way (even root cannot write there).
    await rm(dir, { recursive: true });
    await writeFile(dir, 'in the way');
    c.messages.push(message(0));
    await assert.rejects(store.persist('c'));
    assert.equal(store.get('c')?.messages.length, 1);
    await rm(dir);
    c.messages.push(message(1));
    await store.persist('c');
    const again = await openStore();
    assert.equal(again.get('c')?.messages.length, 2);
  });

  it('makes the folder on the first write and starts empty without one', async () => {
    await mkdir(root, { recursive: true });
    const store = await openStore();
    assert.deepEqual(store.list(), []);
    await store.create('first');
    assert.equal((await readdir(dir)).length, 1);
  });
});
