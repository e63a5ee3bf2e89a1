/**
 * The chat backend: what the original FastAPI app did (`/generate`, `/api/models`, `/api/conversation/…`), as one
 * object the view, the commands and the public API all call. It owns the streams in flight and tells listeners what
 * changed; it never touches the UI. No `vscode` import, so it runs in plain mocha against the simulator.
 */
import type { StreamInfo } from '../../shared/protocol';
import { Emitter } from '../../shared/emitter';
import { addVersion, selectVersion } from '../../shared/replyVersions';
import { selectBranch, startBranch } from '../../shared/messageBranches';
import type {
  ChatMessage, Conversation, ConversationSettings, ConversationSummary, MessageReference, ModelDto, ReplyVersion, UserFacingError,
} from '../../shared/types';
import type { ImageRef } from '../../shared/images';
import { titleFrom } from '../conversations/conversationSchema';
import type { ConversationStore } from '../conversations/conversationStore';
import { imagesOf } from '../images/conversationImages';
import type { ImageReader } from '../images/imageStore';
import { ChatError, describeError, isAbortError } from '../ollama/errors';
import { ModelCapabilities } from '../ollama/modelCapabilities';
import type { OllamaClient } from '../ollama/ollamaClient';
import type { HostRouting, HostTarget } from '../ollama/hostRouter';
import { singleHost } from '../ollama/hostRouter';
import { otherHostsWith, withHostOffers } from '../ollama/hostModels';
import { findHost } from '../settings/hosts';
import type { Settings } from '../settings/config';
import type { ChatEvent } from './chatEvents';
import { ErrorBanner } from './errorBanner';
import { newId } from './ids';
import { ReplyRunner } from './replyRunner';
import type { ContextInfo } from '../../shared/contextInfo';
import { contextReport } from './contextReport';
import { effectiveWindow, raisedNumCtx } from './effectiveWindow';
import { t } from '../../shared/l10n';

export type { ChatEvent };

/** Options of one message. */
export interface SendOptions {
  /** Model for this message; default: the conversation's, then the `ollamaChat.model` setting. */
  model?: string;
  /** Images that go with it (already stored); sent only to a model that can see. */
  images?: ImageRef[];
  /** What went with the message (attached files, mentions), listed under it. */
  references?: MessageReference[];
}

/** Without image storage (the public API's tests, benchmarks) every stored image reads as missing. */
const NO_IMAGES: ImageReader = { read: () => Promise.reject(new Error('There is no image storage.')) };

/** Conversations, the replies being written, and models. */
export class ChatService {
  private readonly events = new Emitter<ChatEvent>();
  readonly onEvent = this.events.event;
  private readonly banner = new ErrorBanner((conversationId, error) => this.events.fire({ type: 'error', conversationId, error }));
  private readonly replies: ReplyRunner;
  private readonly models: ModelCapabilities;
  private readonly hosts: HostRouting;

  /** `hosts`: the configured Ollama hosts; without it every conversation talks to `client` (one host). */
  constructor(
    private readonly store: ConversationStore,
    private readonly client: OllamaClient,
    private readonly settings: () => Settings,
    log: (message: string) => void = () => undefined,
    images: ImageReader = NO_IMAGES,
    hosts?: HostRouting,
  ) {
    this.hosts = hosts ?? singleHost(client, () => settings().host);
    this.models = new ModelCapabilities(client);
    this.replies = new ReplyRunner({
      store, settings, log, images,
      hosts: this.hosts,
      capabilities: this.models,
      fire: (event) => this.events.fire(event),
      onFailed: (error, conversationId, model) => void this.failed(error, conversationId, model),
    });
  }

  /** Models installed in Ollama, as `ModelDto`s. Throws a `ChatError` in user words when Ollama cannot be asked. */
  async listModels(): Promise<ModelDto[]> {
    try {
      return await this.client.listModels();
    } catch (err) {
      throw this.toChatError(err, this.settings().model);
    }
  }

  /**
   * Whether `model` can see images (its `/api/show` capabilities list `vision`); null when Ollama cannot be asked
   * now (then the request itself will say what is wrong).
   */
  async canSee(model: string): Promise<boolean | null> {
    const active = this.store.activeId();
    const target = this.targetOf(active ? this.store.get(active) : undefined);
    const facts = await this.models.facts(target.url, model, undefined, target.client);
    return facts ? facts.capabilities.includes('vision') : null;
  }

  /** The hashes of every image a stored conversation refers to (what must not be deleted). */
  referencedImages(): Set<string> {
    const stored = this.store.list().map(({ id }) => this.store.get(id)).filter((c): c is Conversation => !!c);
    return new Set(imagesOf(stored).keys());
  }

  /** Creates a conversation (with a fresh id when none is given) and makes it the active one. */
  async startConversation(id?: string): Promise<Conversation> {
    const conversation = this.store.add(id ?? newId('c'));
    // Shown at once; the writes go on meanwhile.
    const written = this.store.writeAdded(conversation.id);
    written.catch(() => undefined); // awaited below, after the view was told
    await this.setActive(conversation.id);
    this.events.fire({ type: 'history' });
    await written;
    return structuredClone(conversation);
  }

  /**
   * A copy of a conversation, or undefined. `select`, when given, picks the messages the copy has from the live list
   * (only those are copied): a long conversation's newest messages then cost what they are, not what the whole is.
   */
  getConversation(id: string, select?: (messages: readonly ChatMessage[]) => readonly ChatMessage[]): Conversation | undefined {
    const conversation = this.store.get(id);
    if (!conversation) return undefined;
    return structuredClone(select ? { ...conversation, messages: select(conversation.messages).slice() } : conversation);
  }

  /** A copy of a conversation's own settings (undefined when it has none, or there is no such conversation). */
  conversationSettings(id: string): ConversationSettings | undefined {
    const settings = this.store.get(id)?.settings;
    return settings ? { ...settings } : undefined;
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
    // Shown at once: the write is a round trip to VS Code's storage (0.2–0.4 s in VS Code in the browser).
    const written = this.store.setActiveId(id);
    this.banner.clearUnless(id);
    this.events.fire({ type: 'active', conversationId: id });
    await written;
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

  /**
   * Sends the requests of conversation `id` to the configured host called `hostName` from now on (undefined: the
   * default host). Throws in user words when no host has that name.
   */
  async setHost(id: string, hostName: string | undefined): Promise<void> {
    const conversation = this.existing(id);
    const host = hostName === undefined ? undefined : findHost(this.hosts.list(), hostName);
    if (hostName !== undefined && !host) throw new ChatError('unknown', t('There is no Ollama host called "{0}" in ollamaChat.hosts.', hostName));
    if (!host || host.name === this.hosts.list()[0].name) delete conversation.host;
    else conversation.host = host.name;
    await this.store.persist(id);
    this.events.fire({ type: 'active', conversationId: this.store.activeId() });
  }

  /** The host conversation `id` talks to (the default for none, an old conversation, or a host no longer configured). */
  hostOf(id: string | undefined): HostTarget {
    return this.targetOf(id ? this.store.get(id) : undefined);
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
    await this.replies.stopAndWait(id);
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
    return this.replies.info(conversationId);
  }

  /** The error banner to show with `conversationId` (or with no conversation). */
  currentError(conversationId: string | undefined): UserFacingError | null {
    return this.banner.current(conversationId);
  }

  /** Shows (or clears) an error not tied to a reply, e.g. Ollama unreachable when the view opens. */
  setError(error: UserFacingError | null, conversationId = this.store.activeId()): void {
    this.banner.set(error, conversationId);
  }

  /**
   * Sends a user message and streams the reply into the conversation. Resolves with the stored assistant message
   * when the reply ends — `complete`, `stopped` (by `stop`) or `error` (with the partial text kept and `error` set).
   * Rejects only when the message is not accepted (blank prompt, unknown conversation, a reply already in progress).
   */
  async sendMessage(id: string, prompt: string, options: SendOptions = {}): Promise<ChatMessage> {
    const conversation = this.existing(id);
    if (typeof prompt !== 'string' || !prompt.trim()) throw new ChatError('invalidPrompt', t('The message is empty.'));
    this.checkIdle(id);
    const model = options.model?.trim() || conversation.settings?.model || this.settings().model;
    const user = this.question(prompt, model, options);
    if (!conversation.messages.some((m) => m.role === 'user')) conversation.title = titleFrom(prompt);
    conversation.messages.push(user);
    this.events.fire({ type: 'message', conversationId: id, message: structuredClone(user) });
    return this.reply(conversation, model);
  }

  /** A new user message asking `prompt`. */
  private question(prompt: string, model: string, options: SendOptions): ChatMessage {
    const user: ChatMessage = { id: newId('m'), role: 'user', content: prompt, timestamp: Date.now(), model, status: 'complete' };
    if (options.images?.length) user.images = options.images.map((ref) => ({ ...ref }));
    if (options.references?.length) user.references = options.references;
    return user;
  }

  /**
   * Asks again for the last reply (also what Retry does), from `model` when given ("Regenerate with…"; the
   * conversation's own model stays as it is), else from the conversation's. The reply shown until now is kept as an
   * earlier version of the new one, so a failed or worse attempt never costs the user an answer they had.
   */
  async regenerate(id: string, model?: string): Promise<ChatMessage> {
    const conversation = this.existing(id);
    this.checkIdle(id);
    if (!conversation.messages.some((m) => m.role === 'user')) throw new ChatError('invalidPrompt', t('There is no message to answer yet.'));
    const last = conversation.messages[conversation.messages.length - 1];
    return this.reply(conversation, model?.trim() || this.modelOf(conversation), last?.role === 'assistant' ? last : undefined);
  }

  /**
   * Shows version `version` (0-based) of a reply. Saved, so Copy, search and the next message's history use it: the
   * model sees exactly the version the user sees.
   */
  async selectVersion(id: string, messageId: string, version: number): Promise<ChatMessage> {
    const conversation = this.existing(id);
    this.checkIdle(id);
    const message = conversation.messages.find((m) => m.id === messageId && m.role === 'assistant');
    if (!message) throw new ChatError('unknown', t('That reply is no longer in the conversation.'));
    if (!selectVersion(message, version)) throw new ChatError('unknown', t('That reply has no version {0}.', version + 1));
    await this.store.persist(id);
    this.events.fire({ type: 'message', conversationId: id, message: structuredClone(message) });
    this.events.fire({ type: 'history' });
    return structuredClone(message);
  }

  /**
   * Asks the user message `messageId` again with new text, as a new branch: the message as it was and everything
   * after it stay, as the branch the pager on the question goes back to; the model sees only the new branch.
   */
  async editAndResend(id: string, messageId: string, text: string): Promise<ChatMessage> {
    const conversation = this.existing(id);
    this.checkIdle(id);
    const index = conversation.messages.findIndex((m) => m.id === messageId && m.role === 'user');
    if (index < 0) throw new ChatError('unknown', t('That message is no longer in the conversation.'));
    if (typeof text !== 'string' || !text.trim()) throw new ChatError('invalidPrompt', t('The message is empty.'));
    // The edited message keeps the images and the list of files it was sent with.
    const { images, references } = conversation.messages[index];
    const model = this.modelOf(conversation);
    // The conversation keeps its title: it holds both branches.
    startBranch(conversation.messages, index, this.question(text, model, { images, references }));
    this.events.fire({ type: 'active', conversationId: id });
    return this.reply(conversation, model);
  }

  /**
   * Shows branch `branch` (0-based) of the question `messageId`: the conversation below it follows that branch, and
   * it is saved, so the next message continues from what is on screen.
   */
  async selectBranch(id: string, messageId: string, branch: number): Promise<Conversation> {
    const conversation = this.existing(id);
    this.checkIdle(id);
    const index = conversation.messages.findIndex((m) => m.id === messageId && m.role === 'user');
    if (index < 0) throw new ChatError('unknown', t('That message is no longer in the conversation.'));
    if (!selectBranch(conversation.messages, index, branch)) throw new ChatError('unknown', t('That message has no branch {0}.', branch + 1));
    await this.store.persist(id);
    this.events.fire({ type: 'active', conversationId: id });
    this.events.fire({ type: 'history' });
    return structuredClone(conversation);
  }

  /**
   * Continues the last reply of a conversation, which ended at the length limit (or was stopped): the model is asked
   * with the reply so far as the last message, and what it writes is appended to the same reply.
   */
  async continueReply(id: string, messageId: string): Promise<ChatMessage> {
    const conversation = this.existing(id);
    this.checkIdle(id);
    const message = conversation.messages[conversation.messages.length - 1];
    if (message?.id !== messageId || message.role !== 'assistant' || !message.content) {
      throw new ChatError('unknown', t('Only the last reply can be continued, and only when it has text.'));
    }
    message.status = 'streaming';
    delete message.error;
    conversation.updatedAt = Date.now();
    this.banner.clear();
    return this.replies.start(conversation, message, message.model || conversation.settings?.model || this.settings().model);
  }

  /**
   * Doubles the conversation's context window (at most to the model's maximum), for a reply that hit the limit.
   * Resolves with the new `num_ctx`.
   */
  async raiseContext(id: string): Promise<number> {
    const conversation = this.existing(id);
    const target = this.targetOf(conversation);
    const facts = await this.models.facts(target.url, this.modelOf(conversation), undefined, target.client);
    const window = effectiveWindow(conversation, this.settings(), facts);
    const raised = raisedNumCtx(window);
    if (!raised) throw new ChatError('unknown', t('The context window is already the model\'s largest ({0} tokens).', window.numCtx));
    await this.updateConversationSettings(id, { numCtx: raised });
    return raised;
  }

  /** Lets a thinking model think (the default) or asks it not to (`think: false`) in this conversation. */
  setThinking(id: string, on: boolean): Promise<void> {
    return this.updateConversationSettings(id, { think: on ? undefined : false });
  }

  /**
   * The context meter's base for conversation `id` (undefined: a new one) with `attachmentChars` of attached files.
   * Asks `/api/show` once per model; when it fails or is slow the window is Ollama's default and `known` is false.
   */
  async contextInfo(id: string | undefined, attachmentChars: number): Promise<ContextInfo> {
    const conversation = id ? this.store.get(id) : undefined;
    const model = conversation ? this.modelOf(conversation) : this.settings().model;
    const target = this.targetOf(conversation);
    const facts = await this.models.facts(target.url, model, undefined, target.client);
    return contextReport(conversation, this.settings(), model, facts, attachmentChars);
  }

  /** Stops the reply of one conversation, or of all. The partial reply is kept, marked `stopped`. */
  stop(id?: string): void {
    this.replies.stop(id);
  }

  /**
   * Reads every conversation again from storage, picking up what another window of the same workspace wrote.
   * Refused while a reply streams (its text lives in memory until it ends).
   */
  async reloadFromStorage(): Promise<void> {
    if (this.replies.running) {
      throw new ChatError('replyInProgress', t('Wait for the reply to finish (or stop it) before reloading the conversations.'));
    }
    await this.store.load();
    this.events.fire({ type: 'history' });
    this.events.fire({ type: 'active', conversationId: this.store.activeId() });
  }

  /** Writes every streaming reply as it stands now (called before the extension host goes away). */
  flush(): Promise<void> {
    return this.replies.flush();
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
    if (!conversation) throw new ChatError('unknown', t('No conversation with id "{0}".', id));
    return conversation;
  }

  /** The host `conversation` talks to; the default for none. */
  private targetOf(conversation: Conversation | undefined): HostTarget {
    return this.hosts.target(conversation?.host);
  }

  /**
   * Shows a failed reply's error at once; when its host is down and other hosts have the same model, adds a "Use
   * <host>" way forward for each (if the banner still shows that error by then).
   */
  private async failed(error: UserFacingError, conversationId: string, model: string): Promise<void> {
    this.banner.set(error, conversationId);
    if (error.kind !== 'notRunning' || this.hosts.list().length < 2) return;
    const others = await otherHostsWith(this.hosts, this.targetOf(this.store.get(conversationId)).name, model);
    if (others.length && this.banner.current(conversationId) === error) {
      this.banner.set(withHostOffers(error, others, model), conversationId);
    }
  }

  /** The model new messages of `conversation` go to. */
  private modelOf(conversation: Conversation): string {
    return conversation.settings?.model || this.settings().model;
  }

  private checkIdle(id: string): void {
    if (this.replies.isRunning(id)) {
      throw new ChatError('replyInProgress', t('A reply is still being written in this conversation. Stop it or wait for it to finish.'));
    }
  }

  private toChatError(err: unknown, model: string): ChatError {
    const described = describeError(err, { host: this.settings().host, model });
    return new ChatError(described.kind, described.message, described.detail);
  }

  /** Starts a reply: a new message, or a new version of `previous` (which stays one click away). */
  private reply(conversation: Conversation, model: string, previous?: ChatMessage): Promise<ChatMessage> {
    const fresh: ReplyVersion = { content: '', timestamp: Date.now(), model, status: 'streaming' };
    let message: ChatMessage;
    if (previous) {
      addVersion(previous, fresh);
      message = previous;
    } else {
      message = { id: newId('m'), role: 'assistant', ...fresh };
      conversation.messages.push(message);
    }
    // The new reply has no text yet, so the prompt leaves it (and the version it replaces) out.
    conversation.updatedAt = message.timestamp;
    this.banner.clear();
    return this.replies.start(conversation, message, model);
  }
}
