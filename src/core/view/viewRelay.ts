/**
 * The host side of the chat view without VS Code: what the webview is told and when. It answers the webview's
 * `ready` with a full snapshot, turns the chat service's events into messages for the conversation on screen
 * (streamed text coalesced to one post per frame), keeps the files that go with the next message, and holds
 * one-shot requests (focus the input) until a webview is ready to take them. The VS Code adapter
 * (`ChatViewProvider`) only creates webviews and connects them here; the benchmarks drive this same class.
 */
import type { ChatEvent, ChatService } from '../chat/chatService';
import { withAttachments } from '../prompts/attachments';
import type { Pending } from '../prompts/references';
import { resolveReferences } from '../prompts/references';
import { Emitter } from '../../shared/emitter';
import type { AttachmentInfo, HostMessage, Suggestion, SystemPromptInfo, ViewState } from '../../shared/protocol';
import { assertNever } from '../../shared/protocol';
import type { ChatMessage } from '../../shared/types';
import { DeltaBatcher } from './deltaBatcher';

/** What the relay needs to know from the settings. */
export interface RelaySettings {
  /** Model new messages go to when the conversation has none of its own. */
  model(): string;
  /** The system prompt of the settings and where it comes from; undefined when it is empty. */
  systemPrompt(): SystemPromptInfo | undefined;
}

/**
 * Turns a `/command` typed in the view into the message it stands for; undefined when the text is not one. Throws a
 * `ChatError` in user words when the command cannot be carried out (unknown placeholder, nothing selected, …).
 */
export type SlashCommandExpander = (text: string) => Promise<string | undefined>;

/** Messages the view is sent once, when it is (or next becomes) ready: the newest of each kind counts. */
export type OneShotMessage = Extract<HostMessage, { type: 'focusInput' }>;

export class ViewRelay {
  /** Delivers a message to the webview; undefined while there is none. */
  private port: ((message: HostMessage) => void) | undefined;
  private ready = false;
  private readonly deltas = new DeltaBatcher((delta) => this.port?.(delta));
  private attachments: Pending[] = [];
  private readonly pending = new Map<OneShotMessage['type'], OneShotMessage>();
  private readonly becameReady = new Emitter<void>();
  /** Fires each time a webview has (re)loaded and received its snapshot. */
  readonly onDidBecomeReady = this.becameReady.event;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly chat: ChatService,
    private readonly settings: RelaySettings,
    private readonly expandSlashCommand: SlashCommandExpander = async () => undefined,
  ) {
    this.subscription = chat.onEvent((event) => this.onChatEvent(event));
  }

  /**
   * A new webview to talk to, not ready yet (it says so with `ready`), or undefined when it went away. A webview that
   * is hidden is destroyed: it is disconnected then, and the next one gets a fresh snapshot.
   */
  connect(port: ((message: HostMessage) => void) | undefined): void {
    this.port = port;
    this.ready = false;
    this.deltas.clear();
  }

  /** The webview has loaded: it gets everything it needs to draw itself, then what was held for it. */
  viewReady(): void {
    if (!this.port) return;
    this.ready = true;
    this.deltas.clear();
    this.post({ type: 'snapshot', state: this.snapshot() });
    for (const message of this.pending.values()) this.post(message);
    this.pending.clear();
    this.becameReady.fire();
  }

  /** Sends `message` now if a webview is ready, else to the next one that is (e.g. focus after revealing the view). */
  request(message: OneShotMessage): void {
    if (this.ready) this.post(message);
    else this.pending.set(message.type, message);
  }

  /** Sends a fresh snapshot (e.g. the settings changed: the model and the system prompt shown). */
  refresh(): void {
    this.post({ type: 'snapshot', state: this.snapshot() });
  }

  /**
   * Sends the user's message, with the files attached to it, to the conversation on screen (a new one if there is
   * none). A `/command` is expanded first; when it cannot be, nothing is sent and the text goes back into the message
   * box. Mentions are read now, as they are at this moment. The chips are let go once the message was accepted,
   * i.e. its reply started.
   */
  async send(text: string): Promise<ChatMessage> {
    let prompt: string;
    try {
      prompt = (await this.expandSlashCommand(text)) ?? text;
    } catch (err) {
      this.post({ type: 'restoreDraft', text });
      throw err;
    }
    const id = this.chat.activeConversationId() ?? (await this.chat.startConversation()).id;
    const pending = this.attachments;
    const { attachments, references } = await resolveReferences(pending);
    const before = this.chat.streamInfo(id);
    // The space a chosen mention leaves at the end of the text (ready for more typing) is not part of the message.
    const reply = this.chat.sendMessage(id, withAttachments(pending.length ? prompt.trimEnd() : prompt, attachments), { references });
    if (pending.length && this.chat.streamInfo(id)?.messageId !== before?.messageId) {
      this.attachments = this.attachments.filter((a) => !pending.includes(a));
      this.postAttachments();
    }
    return reply;
  }

  /** Answers the view's `suggest` number `requestId`. */
  suggestions(requestId: number, items: Suggestion[]): void {
    this.post({ type: 'suggestions', requestId, items });
  }

  /** Adds a file or a mention to the next message (replacing an earlier one with the same name). */
  addAttachment(attachment: Pending): void {
    this.attachments = [...this.attachments.filter((a) => a.name !== attachment.name), attachment];
    this.postAttachments();
  }

  removeAttachment(id: string): void {
    this.attachments = this.attachments.filter((a) => a.id !== id);
    this.postAttachments();
  }

  /** Answers a search of the history with the ids of the conversations that match. */
  search(query: string): void {
    this.post({ type: 'searchResults', query, ids: this.chat.searchConversations(query) });
  }

  /** The model new messages of the shown conversation go to. */
  modelForView(): string {
    const active = this.chat.activeConversationId();
    return (active && this.chat.getConversation(active)?.settings?.model) || this.settings.model();
  }

  dispose(): void {
    this.deltas.clear();
    this.subscription.dispose();
    this.becameReady.dispose();
  }

  private postAttachments(): void {
    this.post({ type: 'attachments', attachments: this.attachmentInfos() });
  }

  private attachmentInfos(): AttachmentInfo[] {
    return this.attachments.map(({ id, name, languageId, chars, truncated, kind, readOnSend }) =>
      ({ id, name, languageId, chars, truncated, ...(kind ? { kind } : {}), ...(readOnSend ? { readOnSend } : {}) }));
  }

  private snapshot(): ViewState {
    const active = this.chat.activeConversationId();
    const conversation = active ? this.chat.getConversation(active) ?? null : null;
    const own = conversation?.settings?.systemPrompt;
    return {
      conversation,
      systemPrompt: !conversation ? null : own ? { text: own, source: 'conversation' } : this.settings.systemPrompt() ?? null,
      conversations: this.chat.listConversations(),
      model: this.modelForView(),
      stream: this.chat.streamInfo(active),
      error: this.chat.currentError(active),
      attachments: this.attachmentInfos(),
    };
  }

  private onChatEvent(event: ChatEvent): void {
    if (!this.ready) return; // the next `ready` brings a snapshot with everything
    const active = this.chat.activeConversationId();
    switch (event.type) {
      case 'delta':
        if (event.conversationId === active) this.deltas.add(event);
        return;
      case 'message':
        if (event.conversationId === active) this.post({ type: 'message', conversationId: event.conversationId, message: event.message });
        return;
      case 'stream':
        if (event.conversationId === active) this.post({ type: 'stream', stream: event.stream });
        return;
      case 'history':
        this.post({ type: 'history', conversations: this.chat.listConversations() });
        return;
      case 'active':
        this.post({ type: 'snapshot', state: this.snapshot() });
        return;
      case 'error':
        if (event.conversationId === active) this.post({ type: 'error', error: event.error });
        return;
      default:
        assertNever(event);
    }
  }

  /** Posts in order: pending deltas first, so a final `message` never overtakes the text before it. */
  private post(message: HostMessage): void {
    if (!this.port || !this.ready) return;
    this.deltas.flush();
    this.port(message);
  }
}
