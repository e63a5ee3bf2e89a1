/**
 * Conversations kept in VS Code's `workspaceState`: one key per conversation plus a small index of ids, so writing
 * one message rewrites that conversation only. Everything read back is validated; bad records are dropped (and
 * reported), never allowed to crash the extension. No `vscode` import: the key-value store is passed in.
 */
import type { ChatMessage, Conversation, ConversationSettings, ConversationSummary, MessageStatus, Role } from '../shared/types';

/** The part of `vscode.Memento` the store needs. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
  keys(): readonly string[];
}

export const SCHEMA_VERSION = 1;
const PREFIX = 'ollamaChat.';
const INDEX_KEY = `${PREFIX}index`;
const ACTIVE_KEY = `${PREFIX}activeConversation`;
const CONVERSATION_PREFIX = `${PREFIX}conversation.`;
/** Schema 0: the original backend's shape, every conversation in one object `{[id]: {id, messages: [{role, content}]}}`. */
const LEGACY_KEY = `${PREFIX}conversations`;

interface StoredIndex {
  schemaVersion: number;
  ids: string[];
}

interface StoredConversation extends Conversation {
  schemaVersion: number;
}

const ROLES: readonly Role[] = ['user', 'assistant', 'system'];
const STATUSES: readonly MessageStatus[] = ['complete', 'stopped', 'error', 'streaming'];
const TITLE_LENGTH = 60;

/** Longest id accepted for a conversation. */
export const MAX_ID_LENGTH = 200;

/** Title from the first line of a user's first message. */
export function titleFrom(text: string): string {
  const line = text.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('```')) ?? '';
  const clean = line.replace(/\s+/g, ' ');
  if (!clean) return 'New conversation';
  return clean.length > TITLE_LENGTH ? `${clean.slice(0, TITLE_LENGTH - 1)}…` : clean;
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** A message as stored, or undefined if it is not usable. Unknown fields are dropped. */
function validMessage(raw: unknown, index: number): ChatMessage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  if (!ROLES.includes(m.role as Role) || typeof m.content !== 'string') return undefined;
  const message: ChatMessage = {
    id: typeof m.id === 'string' && m.id ? m.id : `m${index}`,
    role: m.role as Role,
    content: m.content,
    timestamp: isFiniteNumber(m.timestamp) ? m.timestamp : 0,
  };
  if (typeof m.model === 'string') message.model = m.model;
  if (STATUSES.includes(m.status as MessageStatus)) message.status = m.status as MessageStatus;
  if (typeof m.thinking === 'string') message.thinking = m.thinking;
  if (typeof m.error === 'string') message.error = m.error;
  if (typeof m.notice === 'string') message.notice = m.notice;
  if (typeof m.stats === 'object' && m.stats !== null && isFiniteNumber((m.stats as { evalCount?: unknown }).evalCount)) {
    message.stats = m.stats as ChatMessage['stats'];
  }
  return message;
}

function validSettings(raw: unknown): ConversationSettings | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const s = raw as Record<string, unknown>;
  const out: ConversationSettings = {};
  if (typeof s.model === 'string') out.model = s.model;
  if (typeof s.systemPrompt === 'string') out.systemPrompt = s.systemPrompt;
  if (isFiniteNumber(s.temperature)) out.temperature = s.temperature;
  if (isFiniteNumber(s.numCtx)) out.numCtx = s.numCtx;
  return Object.keys(out).length ? out : undefined;
}

/**
 * Reads a conversation from untrusted data (storage, an imported file): keeps the valid messages, fills in what
 * can be derived, and returns undefined when there is nothing usable. Dropped messages are reported to `log`.
 */
export function validateConversation(raw: unknown, id: string, log: (message: string) => void = () => undefined): Conversation | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Partial<Record<keyof Conversation, unknown>>;
  if (!Array.isArray(r.messages)) return undefined;
  const messages: ChatMessage[] = [];
  r.messages.forEach((m, i) => {
    const valid = validMessage(m, i);
    if (valid) messages.push(valid);
  });
  if (messages.length !== r.messages.length) {
    log(`Conversation ${id}: dropped ${r.messages.length - messages.length} unreadable message(s).`);
  }
  const firstUser = messages.find((m) => m.role === 'user');
  const createdAt = isFiniteNumber(r.createdAt) ? r.createdAt : messages[0]?.timestamp ?? 0;
  const conversation: Conversation = {
    id,
    title: typeof r.title === 'string' && r.title ? r.title.slice(0, 200) : firstUser ? titleFrom(firstUser.content) : 'New conversation',
    createdAt,
    updatedAt: isFiniteNumber(r.updatedAt) ? r.updatedAt : createdAt,
    messages,
  };
  const settings = validSettings(r.settings);
  if (settings) conversation.settings = settings;
  return conversation;
}

function summaryOf(c: Conversation): ConversationSummary {
  let model: string | undefined;
  for (let i = c.messages.length - 1; i >= 0 && !model; i--) model = c.messages[i].model;
  return { id: c.id, title: c.title, createdAt: c.createdAt, updatedAt: c.updatedAt, messageCount: c.messages.length, model };
}

/** Conversations of one workspace. Reads are synchronous from memory; writes go through to the key-value store. */
export class ConversationStore {
  /** Validated conversations, filled lazily on first access. */
  private readonly loaded = new Map<string, Conversation>();
  private readonly summaries = new Map<string, ConversationSummary>();
  private ids: string[] = [];
  /** Ids deleted in this window, so a merged index write does not bring them back. */
  private readonly deleted = new Set<string>();

  constructor(private readonly kv: KeyValueStore, private readonly log: (message: string) => void = () => undefined) {}

  /**
   * Reads the index and every conversation's header, migrating schema 0 and repairing what is broken.
   * A reply that was streaming when the window closed is kept and marked `stopped`.
   */
  async load(): Promise<void> {
    await this.migrateLegacy();
    const index = this.kv.get<StoredIndex>(INDEX_KEY);
    const indexed = this.storedIndexIds();
    if (index !== undefined && !indexed) this.log('Conversation index was unreadable; rebuilt it from the stored conversations.');
    // The keys are the truth: a conversation written by another window (whose index write lost the race) is found too.
    const ids = [...new Set([...(indexed ?? []), ...this.storedConversationIds()])];
    this.ids = [];
    this.loaded.clear();
    this.summaries.clear();
    let dropped = 0;
    let interrupted = 0;
    for (const id of new Set(ids)) {
      const conversation = this.readConversation(id);
      if (!conversation) {
        dropped++;
        continue;
      }
      const streaming = conversation.messages.filter((m) => m.status === 'streaming');
      for (const m of streaming) m.status = 'stopped';
      interrupted += streaming.length;
      this.ids.push(id);
      this.loaded.set(id, conversation);
      this.summaries.set(id, summaryOf(conversation));
      if (streaming.length) await this.persist(id);
    }
    if (dropped) this.log(`Dropped ${dropped} stored conversation(s) that could not be read.`);
    if (interrupted) this.log(`Kept ${interrupted} reply(ies) interrupted by a window reload, marked as stopped.`);
    if (dropped || this.ids.length !== (indexed?.length ?? -1)) await this.writeIndex();
  }

  private readConversation(id: string): Conversation | undefined {
    const raw = this.kv.get<StoredConversation>(CONVERSATION_PREFIX + id);
    if (typeof raw === 'object' && raw !== null && raw.schemaVersion !== SCHEMA_VERSION) {
      this.log(`Conversation ${id} has unknown schema version ${String(raw.schemaVersion)}; reading what is valid.`);
    }
    return validateConversation(raw, id, this.log);
  }

  private async migrateLegacy(): Promise<void> {
    const legacy = this.kv.get<Record<string, { messages?: unknown[] }>>(LEGACY_KEY);
    if (legacy === undefined) return;
    let migrated = 0;
    if (typeof legacy === 'object' && legacy !== null) {
      const index = this.kv.get<StoredIndex>(INDEX_KEY);
      const ids = new Set(index && Array.isArray(index.ids) ? index.ids : []);
      for (const [id, old] of Object.entries(legacy)) {
        if (!old || !Array.isArray(old.messages) || ids.has(id)) continue;
        const messages = old.messages.map(validMessage).filter((m): m is ChatMessage => !!m);
        const firstUser = messages.find((m) => m.role === 'user');
        const record: StoredConversation = {
          schemaVersion: SCHEMA_VERSION, id, title: firstUser ? titleFrom(firstUser.content) : 'New conversation',
          createdAt: 0, updatedAt: 0, messages,
        };
        await this.kv.update(CONVERSATION_PREFIX + id, record);
        ids.add(id);
        migrated++;
      }
      await this.kv.update(INDEX_KEY, { schemaVersion: SCHEMA_VERSION, ids: [...ids] } satisfies StoredIndex);
    }
    await this.kv.update(LEGACY_KEY, undefined);
    this.log(`Migrated ${migrated} conversation(s) from schema 0.`);
  }

  /** Summaries, most recently updated first. */
  list(): ConversationSummary[] {
    return [...this.summaries.values()].sort((a, b) => b.updatedAt - a.updatedAt || b.createdAt - a.createdAt);
  }

  /** The live conversation object (do not hand it out: copy with `structuredClone` first). */
  get(id: string): Conversation | undefined {
    return this.loaded.get(id);
  }

  has(id: string): boolean {
    return this.loaded.has(id);
  }

  /** Creates an empty conversation; rejects an id that exists already. */
  async create(id: string, now = Date.now()): Promise<Conversation> {
    if (!id || id.length > MAX_ID_LENGTH) throw new Error(`A conversation id must be 1 to ${MAX_ID_LENGTH} characters long.`);
    if (this.loaded.has(id)) throw new Error(`A conversation with id "${id}" already exists.`);
    const conversation: Conversation = { id, title: 'New conversation', createdAt: now, updatedAt: now, messages: [] };
    this.loaded.set(id, conversation);
    this.ids.push(id);
    await this.persist(id);
    await this.writeIndex();
    return conversation;
  }

  /** Writes one conversation (after its messages changed in place). Does not touch the index or other conversations. */
  async persist(id: string): Promise<void> {
    const conversation = this.loaded.get(id);
    if (!conversation) return;
    this.summaries.set(id, summaryOf(conversation));
    const record: StoredConversation = { schemaVersion: SCHEMA_VERSION, ...conversation };
    await this.kv.update(CONVERSATION_PREFIX + id, record);
  }

  async rename(id: string, title: string): Promise<void> {
    const conversation = this.loaded.get(id);
    if (!conversation) throw new Error(`No conversation with id "${id}".`);
    conversation.title = title.trim().slice(0, 200) || conversation.title;
    await this.persist(id);
  }

  async delete(id: string): Promise<void> {
    if (!this.loaded.delete(id)) return;
    this.deleted.add(id);
    this.summaries.delete(id);
    this.ids = this.ids.filter((i) => i !== id);
    await this.kv.update(CONVERSATION_PREFIX + id, undefined);
    await this.writeIndex();
    if (this.activeId() === id) await this.setActiveId(undefined);
  }

  /** Puts back a conversation removed by `delete` (for Undo). */
  async restore(conversation: Conversation): Promise<void> {
    if (this.loaded.has(conversation.id)) return;
    this.deleted.delete(conversation.id);
    this.loaded.set(conversation.id, conversation);
    this.ids.push(conversation.id);
    await this.persist(conversation.id);
    await this.writeIndex();
  }

  /** Ids of conversations whose title or message text contains `query` (case-insensitive), newest first. */
  search(query: string): string[] {
    const q = query.trim().toLowerCase();
    if (!q) return this.list().map((s) => s.id);
    return this.list()
      .filter((s) => {
        const c = this.loaded.get(s.id);
        return s.title.toLowerCase().includes(q) || !!c?.messages.some((m) => m.content.toLowerCase().includes(q));
      })
      .map((s) => s.id);
  }

  activeId(): string | undefined {
    const id = this.kv.get<string>(ACTIVE_KEY);
    return typeof id === 'string' && this.loaded.has(id) ? id : undefined;
  }

  async setActiveId(id: string | undefined): Promise<void> {
    await this.kv.update(ACTIVE_KEY, id);
  }

  private storedIndexIds(): string[] | undefined {
    const index = this.kv.get<StoredIndex>(INDEX_KEY);
    const valid = index && index.schemaVersion === SCHEMA_VERSION && Array.isArray(index.ids) && index.ids.every((i) => typeof i === 'string');
    return valid ? index.ids : undefined;
  }

  private storedConversationIds(): string[] {
    return this.kv.keys().filter((k) => k.startsWith(CONVERSATION_PREFIX)).map((k) => k.slice(CONVERSATION_PREFIX.length));
  }

  /**
   * Writes the index merged with what is stored now, so two windows on one workspace do not erase each other's
   * conversations; ids this window deleted stay deleted.
   */
  private async writeIndex(): Promise<void> {
    const stored = (this.storedIndexIds() ?? []).filter((id) => !this.deleted.has(id) && this.kv.get(CONVERSATION_PREFIX + id) !== undefined);
    const ids = [...new Set([...stored, ...this.ids])];
    await this.kv.update(INDEX_KEY, { schemaVersion: SCHEMA_VERSION, ids } satisfies StoredIndex);
  }
}
