/**
 * Conversations in a key-value store: one key per conversation plus a small index of ids, so writing one message
 * serializes that conversation only. In the extension the store is `ConversationFiles` (each conversation's key a
 * file in the workspace's storage folder, the index and the open conversation in `workspaceState`); without a
 * workspace folder, `workspaceState` alone. Nothing the user waits for waits for a write. Everything read back is
 * validated; bad records are dropped (and reported), never allowed to crash the extension. No `vscode` import: the
 * key-value store is passed in.
 */
import type { Conversation, ConversationSummary } from '../../shared/types';
import { markInterrupted, MAX_ID_LENGTH, validateConversation } from './conversationSchema';
import { t } from '../../shared/l10n';

/** The part of `vscode.Memento` the store needs. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
  keys(): readonly string[];
  /** Reads again what is stored, where `get` answers from a copy in memory that can go stale. */
  reload?(): Promise<void>;
}

export const SCHEMA_VERSION = 1;
const PREFIX = 'ollamaChat.';
const INDEX_KEY = `${PREFIX}index`;
const ACTIVE_KEY = `${PREFIX}activeConversation`;
const CONVERSATION_PREFIX = `${PREFIX}conversation.`;

/** Whether `key` holds one conversation's record (the keys that `ConversationFiles` keeps in files). */
export function isConversationKey(key: string): boolean {
  return key.startsWith(CONVERSATION_PREFIX);
}
/** Schema 0: the original backend's shape, every conversation in one object `{[id]: {id, messages: [{role, content}]}}`. */
const LEGACY_KEY = `${PREFIX}conversations`;

interface StoredIndex {
  schemaVersion: number;
  ids: string[];
}

interface StoredConversation extends Conversation {
  schemaVersion: number;
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
  /** The active conversation once set in this window: it counts before its write has gone through. */
  private active: { id: string | undefined } | undefined;

  constructor(private readonly kv: KeyValueStore, private readonly log: (message: string) => void = () => undefined) {}

  /**
   * Reads the index and every conversation's header, migrating schema 0 and repairing what is broken.
   * A reply that was streaming when the window closed is kept and marked `stopped`.
   */
  async load(): Promise<void> {
    await this.kv.reload?.();
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
      const stopped = markInterrupted(conversation);
      interrupted += stopped;
      this.ids.push(id);
      this.loaded.set(id, conversation);
      this.summaries.set(id, summaryOf(conversation));
      if (stopped) await this.persist(id);
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
        const conversation = validateConversation({ messages: old.messages }, id, this.log);
        if (!conversation) continue;
        await this.kv.update(CONVERSATION_PREFIX + id, { schemaVersion: SCHEMA_VERSION, ...conversation } satisfies StoredConversation);
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
    const conversation = this.add(id, now);
    await this.writeAdded(id);
    return conversation;
  }

  /**
   * `create` in two steps: the new conversation is there at once (throws on an empty, too long or taken id), and
   * `writeAdded` writes it and the index (round trips to VS Code's storage, which the view need not wait for).
   */
  add(id: string, now = Date.now()): Conversation {
    if (!id || id.length > MAX_ID_LENGTH) throw new Error(`A conversation id must be 1 to ${MAX_ID_LENGTH} characters long.`);
    if (this.loaded.has(id)) throw new Error(`A conversation with id "${id}" already exists.`);
    const conversation: Conversation = { id, title: t('New conversation'), createdAt: now, updatedAt: now, messages: [] };
    this.loaded.set(id, conversation);
    this.ids.push(id);
    return conversation;
  }

  /** Writes a conversation made with `add`, and the index. */
  async writeAdded(id: string): Promise<void> {
    await this.persist(id);
    await this.writeIndex();
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

  /** Ids of conversations whose title or message text (any version of a reply) contains `query` (case-insensitive), newest first. */
  search(query: string): string[] {
    const q = query.trim().toLowerCase();
    if (!q) return this.list().map((s) => s.id);
    return this.list()
      .filter((s) => {
        const c = this.loaded.get(s.id);
        // Earlier versions of a reply count too: they are one click away in the view.
        return s.title.toLowerCase().includes(q) || !!c?.messages.some((m) =>
          m.content.toLowerCase().includes(q) || !!m.versions?.some((v) => v.content.toLowerCase().includes(q)));
      })
      .map((s) => s.id);
  }

  activeId(): string | undefined {
    const id = this.active ? this.active.id : this.kv.get<string>(ACTIVE_KEY);
    return typeof id === 'string' && this.loaded.has(id) ? id : undefined;
  }

  /** Makes `id` the active conversation at once; resolves when that is written. */
  async setActiveId(id: string | undefined): Promise<void> {
    this.active = { id };
    await this.kv.update(ACTIVE_KEY, id);
  }

  private storedIndexIds(): string[] | undefined {
    const index = this.kv.get<StoredIndex>(INDEX_KEY);
    const valid = index && index.schemaVersion === SCHEMA_VERSION && Array.isArray(index.ids) && index.ids.every((i) => typeof i === 'string');
    return valid ? index.ids : undefined;
  }

  private storedConversationIds(): string[] {
    return this.kv.keys().filter(isConversationKey).map((k) => k.slice(CONVERSATION_PREFIX.length));
  }

  /**
   * Writes the index merged with what is stored now, so two windows on one workspace do not erase each other's
   * conversations; ids this window deleted stay deleted.
   */
  private async writeIndex(): Promise<void> {
    const present = new Set(this.storedConversationIds());
    const stored = (this.storedIndexIds() ?? []).filter((id) => !this.deleted.has(id) && present.has(id));
    const ids = [...new Set([...stored, ...this.ids])];
    await this.kv.update(INDEX_KEY, { schemaVersion: SCHEMA_VERSION, ids } satisfies StoredIndex);
  }
}
