/**
 * The replies being written: at most one streaming request per conversation, its text appended to the message as
 * it arrives (and written to storage about every half second, so a window reload keeps it), Stop that aborts the
 * HTTP request and keeps the text, and the outcome (complete, stopped, or the error in user words) stored with it.
 */
import type { StreamInfo } from '../../shared/protocol';
import type { ChatMessage, Conversation, UserFacingError } from '../../shared/types';
import type { ConversationStore } from '../conversations/conversationStore';
import type { ImageReader } from '../images/imageStore';
import { attachImages } from '../images/promptImages';
import { describeError, errorText } from '../ollama/errors';
import type { ModelCapabilities } from '../ollama/modelCapabilities';
import type { HostRouting } from '../ollama/hostRouter';
import { hostLabel } from '../settings/hosts';
import type { Settings } from '../settings/config';
import type { ChatEvent } from './chatEvents';
import { effectiveWindow } from './effectiveWindow';
import { buildPrompt } from './promptBuilder';

/** How often a streaming reply is written to `workspaceState` at most, so a window reload keeps what had arrived. */
const PERSIST_INTERVAL_MS = 500;
/**
 * The pause after a write of a streaming reply, in multiples of the time the write took (and at least
 * {@link PERSIST_INTERVAL_MS}): VS Code sends the extension's whole `workspaceState` to its window with every write,
 * so with a long history, or a window busy drawing a burst, a write takes long; the writes then come further apart and
 * take at most a third of the time, and one never starts while the last is still on its way.
 */
const PERSIST_PAUSE_FACTOR = 2;

interface ActiveStream {
  controller: AbortController;
  message: ChatMessage;
  phase: StreamInfo['phase'];
  done: Promise<ChatMessage>;
}

/** What the runner works with. */
export interface ReplyRunnerDeps {
  store: ConversationStore;
  /** The host (and its client) each conversation talks to. */
  hosts: HostRouting;
  capabilities: ModelCapabilities;
  settings: () => Settings;
  /** Tells the chat service's listeners what changed. */
  fire: (event: ChatEvent) => void;
  /** A reply failed: the error, in user words, for the banner of its conversation, and the model it was for. */
  onFailed: (error: UserFacingError, conversationId: string, model: string) => void;
  log: (message: string) => void;
  /** Where the images of user messages are read from when a prompt is sent. */
  images: ImageReader;
}

export class ReplyRunner {
  private readonly streams = new Map<string, ActiveStream>();

  constructor(private readonly deps: ReplyRunnerDeps) {}

  /** Whether a reply is being written in the conversation `id`. */
  isRunning(id: string): boolean {
    return this.streams.has(id);
  }

  /** How many replies are being written. */
  get running(): number {
    return this.streams.size;
  }

  /** Where the reply of `conversationId` is, or null when none is being written. */
  info(conversationId: string | undefined): StreamInfo | null {
    const s = conversationId ? this.streams.get(conversationId) : undefined;
    return s && conversationId ? { conversationId, messageId: s.message.id, phase: s.phase } : null;
  }

  /**
   * Streams the reply into `message` (already in `conversation`, `streaming`; empty, or with the text of a reply cut
   * at the length limit, which the model then continues). The prompt is built once the model's context window is
   * known. Resolves with a copy of the stored message when the reply ends: `complete`, `stopped` or `error`, with what
   * arrived kept.
   */
  start(conversation: Conversation, message: ChatMessage, model: string): Promise<ChatMessage> {
    const id = conversation.id;
    const stream: ActiveStream = { controller: new AbortController(), message, phase: 'waiting', done: Promise.resolve(message) };
    this.streams.set(id, stream);
    this.deps.fire({ type: 'message', conversationId: id, message: structuredClone(message) });
    this.deps.fire({ type: 'stream', conversationId: id, stream: this.info(id) });
    this.deps.fire({ type: 'history' });
    stream.done = this.run(conversation, stream, model);
    return stream.done;
  }

  /** Stops the reply of one conversation, or of all. The partial reply is kept, marked `stopped`. */
  stop(id?: string): void {
    for (const [conversationId, stream] of this.streams) {
      if (id === undefined || id === conversationId) stream.controller.abort();
    }
  }

  /** Stops the reply of `id` and waits until it is stored with all that arrived. */
  async stopAndWait(id: string): Promise<void> {
    const stream = this.streams.get(id);
    if (!stream) return;
    stream.controller.abort();
    await stream.done;
  }

  /** Writes every streaming reply as it stands now (called before the extension host goes away). */
  async flush(): Promise<void> {
    await Promise.all([...this.streams.keys()].map((id) => this.deps.store.persist(id)));
  }

  private async run(conversation: Conversation, stream: ActiveStream, model: string): Promise<ChatMessage> {
    const { store, hosts, capabilities, settings, fire } = this.deps;
    const id = conversation.id;
    const target = hosts.target(conversation.host);
    const { message, controller } = stream;
    const started = Date.now();
    let nextPersist = started + PERSIST_INTERVAL_MS;
    let persisting = false;
    let error: UserFacingError | undefined;
    // The question is written while the request goes out: a round trip to VS Code's storage (0.2–0.4 s in VS Code
    // in the browser) must not delay the reply.
    const written = store.persist(id);
    written.catch(() => undefined); // awaited below; a reply that fails first is written at the end anyway
    try {
      // Without `/api/show` (failing, slow) the reply still goes out: no `think`, no images, Ollama's default window.
      const facts = await capabilities.facts(target.url, model, controller.signal, target.client);
      const prompt = buildPrompt(conversation, settings(), effectiveWindow(conversation, settings(), facts));
      if (prompt.images) {
        const canSee = facts?.capabilities.includes('vision') ?? false;
        const notice = await attachImages(prompt, canSee ? this.deps.images : undefined, model);
        if (notice) prompt.notice = prompt.notice ? `${prompt.notice} ${notice}` : notice;
      }
      if (prompt.notice) {
        message.notice = prompt.notice;
        fire({ type: 'message', conversationId: id, message: structuredClone(message) });
      }
      // `think` only for models that say they can think (Ollama refuses it otherwise); `false` when switched off.
      const think = facts?.capabilities.includes('thinking') ? conversation.settings?.think !== false : undefined;
      for await (const chunk of target.client.chat({
        model, messages: prompt.messages, options: prompt.options, keepAlive: settings().keepAlive,
        think, signal: controller.signal,
      })) {
        if (chunk.type === 'done') {
          message.stats = { ...chunk.stats, timeToFirstTokenMs: message.stats?.timeToFirstTokenMs, promptEstimate: prompt.estimate };
          continue;
        }
        if (stream.phase === 'waiting') {
          stream.phase = 'streaming';
          message.stats = { evalCount: 0, promptEvalCount: 0, totalDurationMs: 0, loadDurationMs: 0, evalDurationMs: 0, tokensPerSecond: 0, timeToFirstTokenMs: Date.now() - started };
          fire({ type: 'stream', conversationId: id, stream: this.info(id) });
        }
        message.content += chunk.content;
        if (chunk.thinking) message.thinking = (message.thinking ?? '') + chunk.thinking;
        fire({ type: 'delta', conversationId: id, messageId: message.id, content: chunk.content, thinking: chunk.thinking });
        const now = Date.now();
        if (!persisting && now >= nextPersist) {
          persisting = true;
          const settled = (): void => {
            const done = Date.now();
            nextPersist = done + Math.max(PERSIST_INTERVAL_MS, (done - now) * PERSIST_PAUSE_FACTOR);
            persisting = false;
          };
          // A write that fails is tried again with the next one; the reply's final write reports it.
          store.persist(id).then(settled, settled);
        }
      }
      await written;
      message.status = 'complete';
    } catch (err) {
      if (controller.signal.aborted) {
        message.status = 'stopped';
      } else {
        error = describeError(err, { host: hostLabel(hosts.list(), target), model });
        message.status = 'error';
        message.error = errorText(error);
        this.deps.log(`Reply in ${id} failed (${error.kind}): ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
      }
    } finally {
      this.streams.delete(id);
    }
    conversation.updatedAt = Date.now();
    // The view is told at once and the write goes on meanwhile: a round trip to VS Code's storage (0.2–0.4 s in VS
    // Code in the browser while a long reply is drawn) must not hold the end of the reply back. Callers still get
    // the reply only once it is stored.
    const stored = store.persist(id);
    fire({ type: 'message', conversationId: id, message: structuredClone(message) });
    fire({ type: 'stream', conversationId: id, stream: null });
    fire({ type: 'history' });
    if (error) this.deps.onFailed(error, id, model);
    await stored;
    return structuredClone(message);
  }
}
