// Everything read from storage or an import is checked field by field: wrong types are dropped or repaired and
// reported, so nothing but the declared types ever reaches the chat service or the view.
import * as assert from 'node:assert/strict';
import { parseExport, toJson } from '../../src/core/conversations/exportFormat';
import { ConversationStore, SCHEMA_VERSION } from '../../src/core/conversations/conversationStore';
import type { ChatMessage, Conversation, GenerationStats, ReplyVersion } from '../../src/shared/types';
import { MemoryStore } from '../fixtures/memoryStore';

const STATUSES = ['complete', 'stopped', 'error', 'streaming'];
const VERSION_KEYS = ['content', 'timestamp', 'model', 'status', 'stats', 'thinking', 'error', 'notice'];
const MESSAGE_KEYS = [...VERSION_KEYS, 'id', 'role', 'versions', 'versionIndex'];

const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const optional = (v: unknown, check: (v: unknown) => boolean): boolean => v === undefined || check(v);
const isString = (v: unknown): boolean => typeof v === 'string';

function assertWellTypedStats(stats: GenerationStats | undefined, where: string): void {
  if (stats === undefined) return;
  for (const key of ['evalCount', 'promptEvalCount', 'totalDurationMs', 'loadDurationMs', 'evalDurationMs', 'tokensPerSecond'] as const) {
    assert.ok(isCount(stats[key]), `${where}.stats.${key} = ${JSON.stringify(stats[key])}`);
  }
  assert.ok(optional(stats.timeToFirstTokenMs, isCount), `${where}.stats.timeToFirstTokenMs`);
  assert.ok(optional(stats.doneReason, isString), `${where}.stats.doneReason`);
  assert.deepEqual(Object.keys(stats).filter((k) => !['evalCount', 'promptEvalCount', 'totalDurationMs', 'loadDurationMs',
    'evalDurationMs', 'tokensPerSecond', 'timeToFirstTokenMs', 'doneReason'].includes(k)), [], `${where}.stats has unknown keys`);
}

function assertWellTypedVersion(v: ReplyVersion, where: string, streamingAllowed: boolean): void {
  assert.equal(typeof v.content, 'string', `${where}.content`);
  assert.ok(isCount(v.timestamp), `${where}.timestamp = ${JSON.stringify(v.timestamp)}`);
  assert.ok(optional(v.model, isString), `${where}.model`);
  assert.ok(optional(v.status, (s) => STATUSES.includes(s as string) && (streamingAllowed || s !== 'streaming')), `${where}.status = ${String(v.status)}`);
  for (const key of ['thinking', 'error', 'notice'] as const) assert.ok(optional(v[key], isString), `${where}.${key}`);
  assertWellTypedStats(v.stats, where);
}

/** Fails unless every field of the conversation has exactly its declared type (and no unknown field is kept). */
function assertWellTyped(c: Conversation): void {
  assert.equal(typeof c.id, 'string');
  assert.ok(typeof c.title === 'string' && c.title.length > 0 && c.title.length <= 200, `title ${JSON.stringify(c.title)}`);
  assert.ok(isCount(c.createdAt) && isCount(c.updatedAt), 'createdAt/updatedAt');
  const ids = new Set<string>();
  c.messages.forEach((m: ChatMessage, i) => {
    const where = `messages[${i}]`;
    assert.ok(typeof m.id === 'string' && m.id.length > 0 && m.id.length <= 200, `${where}.id`);
    assert.ok(!ids.has(m.id), `${where}.id ${m.id} is a duplicate`);
    ids.add(m.id);
    assert.ok(['user', 'assistant', 'system'].includes(m.role), `${where}.role`);
    assertWellTypedVersion(m, where, true);
    assert.deepEqual(Object.keys(m).filter((k) => !MESSAGE_KEYS.includes(k)), [], `${where} has unknown keys`);
    if (m.versions !== undefined) {
      assert.equal(m.role, 'assistant', `${where}: only replies have versions`);
      assert.ok(Array.isArray(m.versions) && m.versions.length > 0, `${where}.versions`);
      m.versions.forEach((v, j) => {
        assertWellTypedVersion(v, `${where}.versions[${j}]`, false);
        assert.deepEqual(Object.keys(v).filter((k) => !VERSION_KEYS.includes(k)), [], `${where}.versions[${j}] has unknown keys`);
      });
    }
    assert.ok(optional(m.versionIndex, (n) => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= (m.versions?.length ?? 0)),
      `${where}.versionIndex = ${String(m.versionIndex)}`);
  });
  const s = c.settings;
  if (s) {
    assert.ok(optional(s.model, isString) && optional(s.systemPrompt, isString), 'settings strings');
    assert.ok(optional(s.temperature, isCount), `settings.temperature = ${String(s.temperature)}`);
    assert.ok(optional(s.numCtx, (n) => Number.isInteger(n) && (n as number) > 0), `settings.numCtx = ${String(s.numCtx)}`);
  }
}

/** A complete, valid stored conversation: a question and a reply with stats and an earlier version. */
function validRecord(): Record<string, unknown> {
  return {
    schemaVersion: SCHEMA_VERSION, id: 'c', title: 'Closures', createdAt: 1, updatedAt: 2,
    settings: { model: 'mistral', systemPrompt: 'Be brief.', temperature: 0.2, numCtx: 8192 },
    messages: [
      { id: 'm0', role: 'user', content: 'What is a closure?', timestamp: 10, model: 'mistral', status: 'complete' },
      {
        id: 'm1', role: 'assistant', content: 'A function with its scope.', timestamp: 11, model: 'mistral', status: 'complete',
        stats: { evalCount: 5, promptEvalCount: 3, totalDurationMs: 100, loadDurationMs: 1, evalDurationMs: 50, tokensPerSecond: 100, timeToFirstTokenMs: 20, doneReason: 'stop' },
        thinking: 'hmm', notice: 'n',
        versions: [{ content: 'An earlier answer.', timestamp: 9, model: 'mistral', status: 'stopped' }], versionIndex: 1,
      },
    ],
  };
}

/** Sets `path` (dot-separated, numbers index arrays) in a copy of `record`. */
function withField(record: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(record);
  const keys = path.split('.');
  let target = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys[keys.length - 1]] = value;
  return copy;
}

/** A wrong value for one field, and the name the log must give it (undefined: dropped silently, e.g. unknown fields). */
const BAD_FIELDS: [path: string, value: unknown, reported?: string][] = [
  ['messages.1.stats.tokensPerSecond', '9', 'messages[1].stats'],
  ['messages.1.stats.evalCount', '12', 'messages[1].stats'],
  ['messages.1.stats.loadDurationMs', -1, 'messages[1].stats'],
  ['messages.1.stats.timeToFirstTokenMs', 'soon', 'messages[1].stats.timeToFirstTokenMs'],
  ['messages.1.stats.doneReason', 5, 'messages[1].stats.doneReason'],
  ['messages.1.stats', 'fast', 'messages[1].stats'],
  ['messages.1.timestamp', 'yesterday', 'messages[1].timestamp'],
  ['messages.1.model', { name: 'x' }, 'messages[1].model'],
  ['messages.1.status', 'exploded', 'messages[1].status'],
  ['messages.1.thinking', 42, 'messages[1].thinking'],
  ['messages.1.error', ['x'], 'messages[1].error'],
  ['messages.1.notice', true, 'messages[1].notice'],
  ['messages.1.id', 7, 'messages[1].id'],
  ['messages.1.id', 'm0', 'messages[1].id'],
  ['messages.1.versions', 'many', 'messages[1].versions'],
  ['messages.1.versions', [{ content: 5, timestamp: 1 }], 'messages[1].versions[0]'],
  ['messages.1.versions', [{ content: 'old', timestamp: 1, stats: { evalCount: 'x' } }], 'messages[1].versions[0].stats'],
  ['messages.1.versions', [{ content: 'old', timestamp: 1, status: 'streaming' }], 'messages[1].versions[0].status'],
  ['messages.1.versionIndex', 7, 'messages[1].versionIndex'],
  ['messages.0.versions', [{ content: 'a question has no versions', timestamp: 1 }], 'messages[0].versions'],
  ['settings.temperature', 'hot', 'settings.temperature'],
  ['settings.numCtx', -4096, 'settings.numCtx'],
  ['settings.numCtx', 1.5, 'settings.numCtx'],
  ['settings.systemPrompt', 42, 'settings.systemPrompt'],
  ['settings.model', 42, 'settings.model'],
  ['settings', 'all of them', 'settings'],
  ['title', 42, 'title'],
  ['createdAt', 'then', 'createdAt'],
  ['messages.1.extra', 'unknown fields are dropped'],
];

describe('stored and imported conversations are type-checked field by field', () => {
  it('a valid record keeps every field, versions included', async () => {
    const kv = new MemoryStore({ 'ollamaChat.conversation.c': validRecord() });
    const store = new ConversationStore(kv);
    await store.load();
    const { schemaVersion: _, ...expected } = validRecord();
    assert.deepEqual(store.get('c'), expected);
  });

  for (const [path, value, reported] of BAD_FIELDS) {
    it(`${path} = ${JSON.stringify(value)}: repaired or dropped${reported ? ', and reported' : ''} (storage and import)`, async () => {
      const record = withField(validRecord(), path, value);
      const logs: string[] = [];
      const store = new ConversationStore(new MemoryStore({ 'ollamaChat.conversation.c': record }), (m) => logs.push(m));
      await store.load();
      const stored = store.get('c');
      assert.ok(stored, 'the conversation is kept');
      assert.equal(stored.messages.length, 2, 'both messages are kept');
      assertWellTyped(stored);
      if (reported) assert.ok(logs.some((l) => l.includes(reported)), `log names ${reported}: ${logs.join(' | ')}`);

      const importLogs: string[] = [];
      const imported = parseExport(JSON.stringify({ format: 'ollama-chat-conversation', version: 1, conversation: record }), (m) => importLogs.push(m));
      assertWellTyped(imported);
      if (reported) assert.ok(importLogs.some((l) => l.includes(reported)), `import log names ${reported}: ${importLogs.join(' | ')}`);
    });
  }

  it('imports: a reply that was streaming is stopped, duplicate ids become unique, nothing is dropped', () => {
    const conversation: Conversation = {
      id: 'c', title: 't', createdAt: 1, updatedAt: 1, messages: [
        { id: 'same', role: 'user', content: 'one', timestamp: 1 },
        { id: 'same', role: 'assistant', content: 'half a rep', timestamp: 2, status: 'streaming' },
        { id: 'same', role: 'user', content: 'two', timestamp: 3 },
      ],
    };
    const imported = parseExport(toJson(conversation));
    assertWellTyped(imported);
    assert.deepEqual(imported.messages.map((m) => m.content), ['one', 'half a rep', 'two']);
    assert.equal(imported.messages[1].status, 'stopped');
    assert.equal(new Set(imported.messages.map((m) => m.id)).size, 3);
    assert.equal(imported.messages[0].id, 'same', 'the first keeps its id');
  });
});
