/**
 * The chat backend: what the original FastAPI app did (`/generate`, `/api/models`, `/api/conversation/…`), as one
 * object the view, the commands and the public API all call. It owns the streams in flight and tells listeners what
 * changed; it never touches the UI. No `vscode` import, so it runs in plain mocha against the test server.
 */
import type { Message } from 'ollama';
import type { StreamInfo } from '../../shared/protocol';
import { Emitter } from '../../shared/emitter';
import { DEFAULT_NUM_CTX, fitToContext } from './contextWindow';
import { addVersion, selectVersion } from '../../shared/replyVersions';
import type { ChatMessage, Conversation, ConversationSettings, ConversationSummary, ModelDto, ReplyVersion, UserFacingError } from '../../shared/types';
import type { Settings } from '../settings/config';
import type { ConversationStore } from '../conversations/conversationStore';
import { titleFrom } from '../conversations/conversationSchema';
import { ChatError, describeError, errorText, isAbortError } from '../ollama/errors';
import type { OllamaClient } from '../ollama/ollamaClient';

/** What changed, for the view and for tests. */
export type ChatEvent =
  | { type: 'message'; conversationId: string; message: ChatMessage }
  | { type: 'delta'; conversationId: string; messageId: string; content: string; thinking?: string }
  | { type: 'stream'; conversationId: string; stream: StreamInfo | null }
  | { type: 'history' }
  | { type: 'active'; conversationId: string | undefined }
  | { type: 'error'; conversationId: string | undefined; error: UserFacingError | null };

/** Options of one message. */
export interface SendOptions {
  /** Model for this message; default: the conversation's, then the `ollamaChat.model` setting. */
  model?: string;
}

interface ActiveStream {
  controller: AbortController;
  message: ChatMessage;
  phase: StreamInfo['phase'];
  done: Promise<ChatMessage>;
}

/** How often a streaming reply is written to `workspaceState`, so a window reload keeps what had arrived. */
const PERSIST_INTERVAL_MS = 500;

let counter = 0;
/** A short unique id (time + counter + randomness), readable in logs. */
export function newId(prefix: string): string {
  counter = (counter + 1) % 1e6;
  return `${prefix}${Date.now().toString(36)}${counter.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Conversations, streaming replies and models. */
export class ChatService {
  private readonly events = new Emitter<ChatEvent>();
  readonly onEvent = this.events.event;
  private readonly streams = new Map<string, ActiveStream>();
  /** Capabilities per `host|model`, so `/api/show` is asked once per model. */
  private readonly capabilities = new Map<string, string[]>();
  private lastError: { conversationId: string | undefined; error: UserFacingError } | null = null;

  constructor(
    private readonly store: ConversationStore,
    private readonly client: OllamaClient,
    private readonly settings: () => Settings,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** Models installed in Ollama, as `ModelDto`s. Throws a `ChatError` in user words when Ollama cannot be asked. */
  async listModels(): Promise<ModelDto[]> {
    try {
      return await this.client.listModels();
    } catch (err) {
      throw this.toChatError(err, this.settings().model);
    }
  }

  /** Creates a conversation (with a fresh id when none is given) and makes it the active one. */
  async startConversation(id?: string): Promise<Conversation> {
    const conversation = await this.store.create(id ?? newId('c'));
    await this.setActive(conversation.id);
    this.events.fire({ type: 'history' });
    return structuredClone(conversation);
  }

  /** A copy of a conversation, or undefined. */
  getConversation(id: string): Conversation | undefined {
    const conversation = this.store.get(id);
    return conversation ? structuredClone(conversation) : undefined;
  }

  listConversations(): ConversationSummary[] {
    return this.store.list();
  }

  searchConversations(query: string): string[] {
    return this.store.search(query);
  }

  activeConversationId(): string | undefined {
    return this.store.activeId();
  }

  /** Shows another conversation in the view. */
  async setActive(id: string | undefined): Promise<void> {
    if (id !== undefined) this.existing(id);
    await this.store.setActiveId(id);
    if (this.lastError && this.lastError.conversationId !== id) this.setError(null);
    this.events.fire({ type: 'active', conversationId: id });
  }

  async renameConversation(id: string, title: string): Promise<void> {
    await this.store.rename(id, title);
    this.events.fire({ type: 'history' });
  }

  /** Changes a conversation's own model, system prompt, temperature or context window (undefined = use the settings). */
  async updateConversationSettings(id: string, changes: ConversationSettings): Promise<void> {
    const conversation = this.existing(id);
    const merged: ConversationSettings = { ...conversation.settings, ...changes };
    for (const key of Object.keys(merged) as (keyof ConversationSettings)[]) {
      if (merged[key] === undefined || merged[key] === '') delete merged[key];
    }
    conversation.settings = Object.keys(merged).length ? merged : undefined;
    await this.store.persist(id);
    this.events.fire({ type: 'active', conversationId: this.store.activeId() });
  }

  /** Adds a conversation read from an export; a new id is given when the id is taken. Returns the id used. */
  importConversation(conversation: Conversation): Promise<string> {
    return this.add(conversation);
  }

  /**
   * Deletes a conversation and returns it, so the caller can offer Undo. A reply still streaming is stopped first,
   * so the copy holds everything that arrived, marked stopped.
   */
  async deleteConversation(id: string): Promise<Conversation | undefined> {
    if (!this.store.has(id)) return undefined;
    await this.stopAndWait(id);
    const conversation = this.getConversation(id);
    if (!conversation) return undefined;
    const wasActive = this.store.activeId() === id;
    await this.store.delete(id);
    this.events.fire({ type: 'history' });
    if (wasActive) this.events.fire({ type: 'active', conversationId: undefined });
    return conversation;
  }

  /** Puts back a deleted conversation (under a new id if an import took its id meanwhile). Returns the id used. */
  restoreConversation(conversation: Conversation): Promise<string> {
    return this.add(conversation);
  }

  /** Adds a conversation that comes from outside this window's store; it never replaces one that is there. */
  private async add(conversation: Conversation): Promise<string> {
    const id = this.store.has(conversation.id) || !conversation.id ? newId('c') : conversation.id;
    await this.store.restore({ ...conversation, id });
    this.events.fire({ type: 'history' });
    return id;
  }

  /** The reply in flight, if any (the view shows one conversation, so at most one matters to it). */
  streamInfo(conversationId: string | undefined): StreamInfo | null {
    const s = conversationId ? this.streams.get(conversationId) : undefined;
    return s && conversationId ? { conversationId, messageId: s.message.id, phase: s.phase } : null;
  }

  /** The error banner to show with `conversationId` (or with no conversation). */
  currentError(conversationId: string | undefined): UserFacingError | null {
    return this.lastError && this.lastError.conversationId === conversationId ? this.lastError.error : null;
  }

  /** Shows (or clears) an error not tied to a reply, e.g. Ollama unreachable when the view opens. */
  setError(error: UserFacingError | null, conversationId = this.store.activeId()): void {
    this.lastError = error ? { conversationId, error } : null;
    this.events.fire({ type: 'error', conversationId, error });
  }

  /**
   * Sends a user message and streams the reply into the conversation. Resolves with the stored assistant message
   * when the reply ends — `complete`, `stopped` (by `stop`) or `error` (with the partial text kept and `error` set).
   * Rejects only when the message is not accepted (blank prompt, unknown conversation, a reply already in progress).
   */
  async sendMessage(id: string, prompt: string, options: SendOptions = {}): Promise<ChatMessage> {
    const conversation = this.existing(id);
    if (typeof prompt !== 'string' || !prompt.trim()) throw new ChatError('invalidPrompt', 'The message is empty.');
    this.checkIdle(id);
    const model = options.model?.trim() || conversation.settings?.model || this.settings().model;
    const user: ChatMessage = { id: newId('m'), role: 'user', content: prompt, timestamp: Date.now(), model, status: 'complete' };
    if (!conversation.messages.some((m) => m.role === 'user')) conversation.title = titleFrom(prompt);
    conversation.messages.push(user);
    this.events.fire({ type: 'message', conversationId: id, message: structuredClone(user) });
    return this.reply(conversation, model);
  }

  /**
   * Asks again for the last reply (also what Retry does). The reply shown until now is kept as an earlier version of
   * the new one, so a failed or worse attempt never costs the user an answer they had.
   */
  async regenerate(id: string): Promise<ChatMessage> {
    const conversation = this.existing(id);
    this.checkIdle(id);
    if (!conversation.messages.some((m) => m.role === 'user')) throw new ChatError('invalidPrompt', 'There is no message to answer yet.');
    const last = conversation.messages[conversation.messages.length - 1];
    return this.reply(conversation, conversation.settings?.model || this.settings().model, last?.role === 'assistant' ? last : undefined);
  }

  /**
   * Shows version `version` (0-based) of a reply. Saved, so Copy, search and the next message's history use it: the
   * model sees exactly the version the user sees.
   */
  async selectVersion(id: string, messageId: string, version: number): Promise<ChatMessage> {
    const conversation = this.existing(id);
    this.checkIdle(id);
    const message = conversation.messages.find((m) => m.id === messageId && m.role === 'assistant');
    if (!message) throw new ChatError('unknown', 'That reply is no longer in the conversation.');
    if (!selectVersion(message, version)) throw new ChatError('unknown', `That reply has no version ${version + 1}.`);
    await this.store.persist(id);
    this.events.fire({ type: 'message', conversationId: id, message: structuredClone(message) });
    this.events.fire({ type: 'history' });
    return structuredClone(message);
  }

  /** Replaces a user message with new text, drops everything after it, and asks again. */
  async editAndResend(id: string, messageId: string, text: string): Promise<ChatMessage> {
    const conversation = this.existing(id);
    this.checkIdle(id);
    const index = conversation.messages.findIndex((m) => m.id === messageId && m.role === 'user');
    if (index < 0) throw new ChatError('unknown', 'That message is no longer in the conversation.');
    if (!text.trim()) throw new ChatError('invalidPrompt', 'The message is empty.');
    conversation.messages.splice(index);
    this.events.fire({ type: 'active', conversationId: id });
    return this.sendMessage(id, text);
  }

  /** Stops the reply of one conversation, or of all. The partial reply is kept, marked `stopped`. */
  stop(id?: string): void {
    for (const [conversationId, stream] of this.streams) {
      if (id === undefined || id === conversationId) stream.controller.abort();
    }
  }

  private async stopAndWait(id: string): Promise<void> {
    const stream = this.streams.get(id);
    if (!stream) return;
    stream.controller.abort();
    await stream.done;
  }

  /**
   * Reads every conversation again from storage, picking up what another window of the same workspace wrote.
   * Refused while a reply streams (its text lives in memory until it ends).
   */
  async reloadFromStorage(): Promise<void> {
    if (this.streams.size) {
      throw new ChatError('replyInProgress', 'Wait for the reply to finish (or stop it) before reloading the conversations.');
    }
    await this.store.load();
    this.events.fire({ type: 'history' });
    this.events.fire({ type: 'active', conversationId: this.store.activeId() });
  }

  /** Writes every streaming reply as it stands now (called before the extension host goes away). */
  async flush(): Promise<void> {
    await Promise.all([...this.streams.keys()].map((id) => this.store.persist(id)));
  }

  /**
   * A one-shot completion streamed as text, like the original `POST /generate`. Not stored. Errors are
   * thrown as `ChatError`s in user words; aborting `signal` ends the iteration and closes the request.
   */
  async *generate(prompt: string, options: { model?: string; signal?: AbortSignal } = {}): AsyncGenerator<string> {
    const model = options.model?.trim() || this.settings().model;
    try {
      yield* this.client.generate(model, prompt, options.signal);
    } catch (err) {
      if (options.signal?.aborted && isAbortError(err)) return;
      throw this.toChatError(err, model);
    }
  }

  /** The stored conversation; throws in user words when there is none with that id. */
  private existing(id: string): Conversation {
    const conversation = this.store.get(id);
    if (!conversation) throw new ChatError('unknown', `No conversation with id "${id}".`);
    return conversation;
  }

  private checkIdle(id: string): void {
    if (this.streams.has(id)) {
      throw new ChatError('replyInProgress', 'A reply is still being written in this conversation. Stop it or wait for it to finish.');
    }
  }

  private toChatError(err: unknown, model: string): ChatError {
    const described = describeError(err, { host: this.settings().host, model });
    return new ChatError(described.kind, described.message, described.detail);
  }

  /**
   * The history sent to the model: system prompt, then every message with text (errors without text left out),
   * trimmed from the oldest turn to fit the context window. `notice` says what was left out, if anything.
   */
  private historyFor(conversation: Conversation): { messages: Message[]; notice?: string } {
    const systemPrompt = conversation.settings?.systemPrompt ?? this.settings().systemPrompt;
    const messages: Message[] = systemPrompt.trim() ? [{ role: 'system', content: systemPrompt }] : [];
    for (const m of conversation.messages) {
      if (m.content) messages.push({ role: m.role, content: m.content });
    }
    const numCtx = Number(this.optionsFor(conversation)?.num_ctx) || DEFAULT_NUM_CTX;
    const fitted = fitToContext(messages, numCtx);
    const notices: string[] = [];
    if (fitted.dropped) {
      notices.push(`The ${fitted.dropped} oldest message${fitted.dropped === 1 ? ' was' : 's were'} left out to fit the model's context window (num_ctx ${numCtx}).`);
    }
    if (fitted.overflow) {
      notices.push(`Your message is longer than the context window (about ${fitted.estimatedTokens} tokens for num_ctx ${numCtx}); Ollama may cut it. Raise num_ctx in the settings.`);
    }
    return { messages: fitted.messages, notice: notices.join(' ') || undefined };
  }

  private optionsFor(conversation: Conversation): Record<string, unknown> | undefined {
    const options: Record<string, unknown> = { ...this.settings().options };
    if (conversation.settings?.temperature !== undefined) options.temperature = conversation.settings.temperature;
    if (conversation.settings?.numCtx !== undefined) options.num_ctx = conversation.settings.numCtx;
    return Object.keys(options).length ? options : undefined;
  }

  /** Whether to ask for separate reasoning: only models that say they can think (asked once per model). */
  private async wantsThinking(model: string, signal: AbortSignal): Promise<boolean> {
    const key = `${this.settings().host}|${model}`;
    let caps = this.capabilities.get(key);
    if (!caps) {
      try {
        caps = await this.client.capabilities(model, signal);
        this.capabilities.set(key, caps);
      } catch {
        return false; // the chat request that follows reports the real problem (model missing, Ollama down)
      }
    }
    return caps.includes('thinking');
  }

  /** Starts a reply: a new message, or a new version of `previous` (which stays one click away). */
  private reply(conversation: Conversation, model: string, previous?: ChatMessage): Promise<ChatMessage> {
    const id = conversation.id;
    const fresh: ReplyVersion = { content: '', timestamp: Date.now(), model, status: 'streaming' };
    let message: ChatMessage;
    if (previous) {
      addVersion(previous, fresh);
      message = previous;
    } else {
      message = { id: newId('m'), role: 'assistant', ...fresh };
      conversation.messages.push(message);
    }
    // The new reply has no text yet, so the history leaves it (and the version it replaces) out.
    const { messages: history, notice } = this.historyFor(conversation);
    if (notice) message.notice = notice;
    conversation.updatedAt = message.timestamp;
    const controller = new AbortController();
    const stream: ActiveStream = { controller, message, phase: 'waiting', done: Promise.resolve(message) };
    this.streams.set(id, stream);
    if (this.lastError) this.setError(null);
    this.events.fire({ type: 'message', conversationId: id, message: structuredClone(message) });
    this.events.fire({ type: 'stream', conversationId: id, stream: this.streamInfo(id) });
    this.events.fire({ type: 'history' });
    stream.done = this.run(conversation, stream, history, model);
    return stream.done;
  }

  private async run(conversation: Conversation, stream: ActiveStream, history: Message[], model: string): Promise<ChatMessage> {
    const id = conversation.id;
    const { message, controller } = stream;
    const started = Date.now();
    let lastPersist = started;
    let error: UserFacingError | undefined;
    try {
      await this.store.persist(id);
      const think = await this.wantsThinking(model, controller.signal);
      for await (const chunk of this.client.chat({
        model, messages: history, options: this.optionsFor(conversation), keepAlive: this.settings().keepAlive,
        think: think || undefined, signal: controller.signal,
      })) {
        if (chunk.type === 'done') {
          message.stats = { ...chunk.stats, timeToFirstTokenMs: message.stats?.timeToFirstTokenMs };
          continue;
        }
        if (stream.phase === 'waiting') {
          stream.phase = 'streaming';
          message.stats = { evalCount: 0, promptEvalCount: 0, totalDurationMs: 0, loadDurationMs: 0, evalDurationMs: 0, tokensPerSecond: 0, timeToFirstTokenMs: Date.now() - started };
          this.events.fire({ type: 'stream', conversationId: id, stream: this.streamInfo(id) });
        }
        message.content += chunk.content;
        if (chunk.thinking) message.thinking = (message.thinking ?? '') + chunk.thinking;
        this.events.fire({ type: 'delta', conversationId: id, messageId: message.id, content: chunk.content, thinking: chunk.thinking });
        const now = Date.now();
        if (now - lastPersist >= PERSIST_INTERVAL_MS) {
          lastPersist = now;
          void this.store.persist(id);
        }
      }
      message.status = 'complete';
    } catch (err) {
      if (controller.signal.aborted) {
        message.status = 'stopped';
      } else {
        error = describeError(err, { host: this.settings().host, model });
        message.status = 'error';
        message.error = errorText(error);
        this.log(`Reply in ${id} failed (${error.kind}): ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
      }
    } finally {
      this.streams.delete(id);
    }
    conversation.updatedAt = Date.now();
    await this.store.persist(id);
    this.events.fire({ type: 'message', conversationId: id, message: structuredClone(message) });
    this.events.fire({ type: 'stream', conversationId: id, stream: null });
    this.events.fire({ type: 'history' });
    if (error) this.setError(error, id);
    return structuredClone(message);
  }
}
