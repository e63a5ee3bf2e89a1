/**
 * Store (host side): history with 500 conversations of 50 messages against the same operations
 * with 10 conversations — listing, opening one, load time, bytes written per appended message — and the host heap
 * the loaded history takes. The store as the extension has it: each conversation a file (`ConversationFiles`, in a
 * temporary folder), the rest in a stand-in for `workspaceState`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationFiles } from '../src/core/conversations/conversationFiles';
import { ConversationStore, isConversationKey } from '../src/core/conversations/conversationStore';
import type { ChatMessage, Conversation } from '../src/shared/types';
import { MemoryStore } from '../test/fixtures/memoryStore';
import { OllamaSimulator } from '../simulator';
import { longReplyTokens } from '../simulator';
import { createChatService, MODEL } from './chatHost';
import { CountingWebview, openViewRelay } from './hostView';
import { heapUsedAfterGc, median, medianTimeSync, timed } from './measure';
import { atMost, none, ratioAtMost, type Figure, type SectionResult } from './report';

const MANY = 500;
const FEW = 10;
const MESSAGES = 50;
/** Tokens of each stored assistant reply (about 1 KB of mixed markdown). */
const REPLY_TOKENS = 300;
const REPEAT = 50;
/** `load()` runs this many times on fresh stores (the median counts); only the last store is kept. */
const LOADS = 5;

/** A conversation of `MESSAGES` messages, user and assistant in turn, with distinct text per conversation. */
function sampleConversation(n: number, reply: string): Conversation {
  const created = 1_700_000_000_000 + n * 60_000;
  const messages: ChatMessage[] = Array.from({ length: MESSAGES }, (_, i) => ({
    id: `m${n}-${i}`,
    role: i % 2 ? 'assistant' : 'user',
    content: i % 2 ? `${reply}\n\nReply ${i} in conversation ${n}.` : `Question ${i} of conversation ${n}: how do I stream tokens from Ollama into a webview without flicker?`,
    timestamp: created + i * 1000,
    model: MODEL,
    status: 'complete',
  }));
  return { id: `c${n}`, title: `Conversation ${n}`, createdAt: created, updatedAt: created + MESSAGES * 1000, messages };
}

/** `ConversationFiles` that also counts what is written to files, as `MemoryStore` does for `workspaceState`. */
class CountingFiles extends ConversationFiles {
  bytesWritten = 0;
  keysWritten: string[] = [];

  override update(key: string, value: unknown): Promise<void> {
    if (isConversationKey(key)) {
      this.keysWritten.push(key);
      this.bytesWritten += value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value));
    }
    return super.update(key, value);
  }
}

/** The stored history of one workspace: its folder of conversation files and its `workspaceState`. */
interface Stored {
  dir: string;
  memento: MemoryStore;
  open(): CountingFiles;
}

/** Fills a folder and a Memento stand-in through the store's own API, so the records have exactly the stored shape. */
async function storedHistory(count: number): Promise<Stored> {
  const dir = join(mkdtempSync(join(tmpdir(), 'ollama-chat-store-')), 'conversations');
  const memento = new MemoryStore();
  const stored = { dir, memento, open: () => new CountingFiles(memento, dir, isConversationKey) };
  const builder = new ConversationStore(stored.open());
  await builder.load();
  const reply = longReplyTokens(REPLY_TOKENS).join('');
  for (let n = 0; n < count; n++) await builder.restore(sampleConversation(n, reply));
  return stored;
}

interface Measured {
  loadMs: number;
  listMs: number;
  openMs: number;
  appendBytes: number;
  /** Keys written by the append other than the conversation's own record and the active-conversation key. */
  otherKeysWritten: string[];
  storedBytes: number;
  /** Heap added by the loaded store (with the text of every file, kept as VS Code keeps a copy of `workspaceState`). */
  storeHeap: number;
}

/** Loads `count` conversations as a new window would, then lists, opens and appends through ChatService. */
async function measureHistory(count: number, serverUrl: string): Promise<Measured> {
  const stored = await storedHistory(count);
  try {
    const before = heapUsedAfterGc();
    const loadTimes: number[] = [];
    let files = stored.open();
    const loadStore = async (): Promise<ConversationStore> => {
      files = stored.open();
      const fresh = new ConversationStore(files);
      loadTimes.push((await timed(() => fresh.load())).ms);
      return fresh;
    };
    for (let i = 1; i < LOADS; i++) await loadStore();
    const store = await loadStore();
    const loaded = heapUsedAfterGc();
    const storedBytes = files.keys().reduce((sum, key) => sum + Buffer.byteLength(JSON.stringify(files.get(key))), 0);
    const chat = createChatService(store, serverUrl);
    const relay = openViewRelay(chat, MODEL, new CountingWebview());
    // What the view does whenever the history changes: list, then post the list.
    const listMs = medianTimeSync(() => JSON.stringify({ type: 'history', conversations: chat.listConversations() }), REPEAT);
    // Opening posts a snapshot (the conversation plus the list) from inside setActive.
    const openTimes: number[] = [];
    for (let i = 0; i < Math.min(REPEAT, count); i++) openTimes.push((await timed(() => chat.setActive(`c${(i * 7) % count}`))).ms);
    const target = `c${count - 1}`;
    await chat.setActive(target);
    await chat.sendMessage(target, 'warm-up so the model capabilities are cached');
    await files.settled();
    stored.memento.resetCounters();
    files.bytesWritten = 0;
    files.keysWritten = [];
    const reply = await chat.sendMessage(target, 'One more question.');
    if (reply.status !== 'complete') throw new Error(`append: reply ended ${reply.status}`);
    await files.settled();
    relay.dispose();
    const keysWritten = [...stored.memento.keysWritten, ...files.keysWritten];
    const ownKeys = new Set(keysWritten.filter((k) => k.endsWith(`.${target}`) || k.endsWith('activeConversation')));
    return {
      loadMs: median(loadTimes),
      listMs,
      openMs: median(openTimes),
      appendBytes: stored.memento.bytesWritten + files.bytesWritten,
      otherKeysWritten: [...new Set(keysWritten.filter((k) => !ownKeys.has(k)))],
      storedBytes,
      storeHeap: loaded - before,
    };
  } finally {
    rmSync(join(stored.dir, '..'), { recursive: true, force: true });
  }
}

export async function benchStore(): Promise<SectionResult> {
  const server = await OllamaSimulator.start({ defaultTokenDelayMs: 0 });
  try {
    const few = await measureHistory(FEW, server.url);
    const many = await measureHistory(MANY, server.url);
    const area = 'Store';
    const scale = `${MANY} conversations × ${MESSAGES} messages`;
    const baseline = (value: number): Figure['baseline'] => ({ label: `${FEW} conversations`, value });
    return {
      figures: [
        { area, measure: `list history + serialize it for the view, ${scale}`, value: many.listMs, unit: 'ms', baseline: baseline(few.listMs), goal: atMost(20, 'ms') },
        { area, measure: `open a conversation (setActive + snapshot posted), ${scale}`, value: many.openMs, unit: 'ms', baseline: baseline(few.openMs), goal: atMost(5, 'ms') },
        {
          area, measure: 'bytes written per appended message (question + reply)', value: many.appendBytes, unit: 'bytes', baseline: baseline(few.appendBytes), goal: ratioAtMost(1.05),
          note: 'rewrites that conversation\'s file (when the reply starts and when it ends), nothing else',
        },
        {
          area, measure: 'other keys written by an append', value: many.otherKeysWritten.length, unit: '', goal: none,
          note: many.otherKeysWritten.length ? many.otherKeysWritten.join(', ') : undefined,
        },
        {
          area, measure: `store.load() at activation, ${scale}`, value: many.loadMs, unit: 'ms', baseline: baseline(few.loadMs),
          note: `activate() awaits it: part of the start-up time with this history; reads and checks every conversation file (median of ${LOADS})`,
        },
        {
          area: 'Memory', measure: `host heap of the loaded store, ${scale}`, value: many.storeHeap, unit: 'bytes',
          baseline: { label: 'stored JSON size', value: many.storedBytes },
          note: 'the conversations and the text of their files',
        },
      ],
    };
  } finally {
    await server.stop();
  }
}
