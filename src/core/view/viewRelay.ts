/**
 * The host side of the chat view without VS Code: what the webview is told and when. It answers the webview's
 * `ready` with a full snapshot, turns the chat service's events into messages for the conversation on screen
 * (streamed text coalesced to one post per frame), keeps the files that go with the next message, and holds
 * one-shot requests (focus the input) until a webview is ready to take them. The VS Code adapter
 * (`ChatViewProvider`) only creates webviews and connects them here; the benchmarks drive this same class.
 *
 * Several webviews may show the chat at once (the sidebar view and the editor tab), each in its own slot: all of
 * them get the same snapshots, deltas and history, and share the files attached to the next message; answers to
 * what one view asked (suggestions, search results, a draft given back) go to that view only.
 */
import type { ChatEvent, ChatService } from '../chat/chatService';
import type { ImageStore } from '../images/imageStore';
import { ChatError } from '../ollama/errors';
import type { Attachment } from '../prompts/attachments';
import { withAttachments } from '../prompts/attachments';
import type { Pending } from '../prompts/references';
import { resolveReferences } from '../prompts/references';
import { Emitter } from '../../shared/emitter';
import type { ImageRef } from '../../shared/images';
import { cannotSeeText, MAX_IMAGES_PER_MESSAGE, tooManyText } from '../../shared/images';
import type { AttachmentInfo, HostMessage, ImageInputState, Suggestion, SystemPromptInfo, ViewState } from '../../shared/protocol';
import { assertNever } from '../../shared/protocol';
import type { ChatMessage } from '../../shared/types';
import { DeltaBatcher } from './deltaBatcher';
import { hasEarlier, newestMessages, piecePreceding } from './snapshotPieces';
import { t } from '../../shared/l10n';

/** What the relay needs to know from the settings. */
export interface RelaySettings {
  /** Model new messages go to when the conversation has none of its own. */
  model(): string;
  /** The system prompt of the settings and where it comes from; undefined when it is empty. */
  systemPrompt(): SystemPromptInfo | undefined;
}

/** An image attached to the next message (already stored). */
interface PendingImage {
  id: string;
  ref: ImageRef;
}

let nextImage = 0;

/**
 * Turns a `/command` typed in the view into the message it stands for; undefined when the text is not one. Throws a
 * `ChatError` in user words when the command cannot be carried out (unknown placeholder, nothing selected, …).
 */
export type SlashCommandExpander = (text: string) => Promise<string | undefined>;

/** What the relay may use besides the chat service and the settings. */
export interface RelayOptions {
  /** Where attached images are stored; without it images cannot be attached. */
  images?: ImageStore;
  /** Expands `/` commands; without it a message is sent as typed. */
  expandSlashCommand?: SlashCommandExpander;
}

/** Messages the view is sent once, when it is (or next becomes) ready: the newest of each kind counts. */
export type OneShotMessage = Extract<HostMessage, { type: 'focusInput' | 'imageNotice' }>;

/** Where a webview shows the chat: the sidebar view (the default) or the editor tab. */
export type ViewSlot = 'view' | 'panel';

/** One connected webview: how to reach it, and whether it has said `ready` (and so has its snapshot). */
interface ConnectedView {
  port: (message: HostMessage) => void;
  ready: boolean;
  /** The conversation of the last snapshot it was sent (null: none shown). */
  shown?: string | null;
}

export class ViewRelay {
  /** The webviews showing the chat, by slot. */
  private readonly views = new Map<ViewSlot, ConnectedView>();
  private readonly deltas = new DeltaBatcher((delta) => this.broadcast(delta));
  private attachments: Pending[] = [];
  private images: PendingImage[] = [];
  /** Whether the model shown can see, as Ollama last said; null until it has. */
  private imageInput: ImageInputState = { model: '', canSee: null };
  /** The model whose capabilities are being asked, if any. */
  private askingVision: string | undefined;
  private imageBase = '';
  /** One-shot messages held for a slot, or for whichever view is ready first (`any`). */
  private readonly pending = new Map<ViewSlot | 'any', Map<OneShotMessage['type'], OneShotMessage>>();
  private readonly becameReady = new Emitter<void>();
  /** Fires each time a webview has (re)loaded and received its snapshot. */
  readonly onDidBecomeReady = this.becameReady.event;
  private readonly subscription: { dispose(): void };
  /** Numbers the context meter's updates: only the newest answer is posted (model facts may arrive late). */
  private contextRequest = 0;

  constructor(
    private readonly chat: ChatService,
    private readonly settings: RelaySettings,
    private readonly options: RelayOptions = {},
  ) {
    this.subscription = chat.onEvent((event) => this.onChatEvent(event));
  }

  /**
   * A new webview to talk to in `slot`, not ready yet (it says so with `ready`), or undefined when it went away. A
   * webview that is hidden is destroyed: it is disconnected then, and the next one gets a fresh snapshot.
   */
  connect(port: ((message: HostMessage) => void) | undefined, slot: ViewSlot = 'view'): void {
    if (port) this.views.set(slot, { port, ready: false });
    else this.views.delete(slot);
    // What is queued belongs to the views that stay drawn; this one gets it in its next snapshot.
    this.deltas.flush();
  }

  /** The webview in `slot` has loaded: it gets everything it needs to draw itself, then what was held for it. */
  viewReady(slot: ViewSlot = 'view'): void {
    const view = this.views.get(slot);
    if (!view) return;
    // Queued text goes to the views already drawn; this one's snapshot has it.
    this.deltas.flush();
    view.ready = true;
    this.postSnapshot(slot);
    this.postContext(slot);
    for (const key of [slot, 'any'] as const) {
      for (const message of this.pending.get(key)?.values() ?? []) this.postTo(slot, message);
      this.pending.delete(key);
    }
    this.becameReady.fire();
  }

  /**
   * Sends `message` now to the view in `slot` if it is ready, else when it is (e.g. focus after revealing the view).
   * Without a slot it goes to every ready view, or to the first one to become ready.
   */
  request(message: OneShotMessage, slot?: ViewSlot): void {
    const targets = slot ? [slot] : this.readySlots();
    if (targets.length && targets.every((s) => this.views.get(s)?.ready)) {
      for (const s of targets) this.postTo(s, message);
      return;
    }
    const key = slot ?? 'any';
    const held = this.pending.get(key) ?? new Map<OneShotMessage['type'], OneShotMessage>();
    held.set(message.type, message);
    this.pending.set(key, held);
  }

  /** Whether a webview is connected in `slot` (shown or about to be). */
  isConnected(slot: ViewSlot): boolean {
    return this.views.has(slot);
  }

  /** Sends a fresh snapshot (e.g. the settings changed: the model and the system prompt shown). */
  refresh(): void {
    this.postSnapshot();
    this.postContext();
  }

  /**
   * Sends the user's message, with the files attached to it, to the conversation on screen (a new one if there is
   * none). A `/command` is expanded first; when it cannot be, nothing is sent and the text goes back into the message
   * box. Mentions are read now, as they are at this moment. The chips are let go once the message was accepted,
   * i.e. its reply started.
   */
  async send(text: string, slot: ViewSlot = 'view'): Promise<ChatMessage> {
    const images = this.images;
    const model = this.modelForView();
    if (images.length && this.imageInput.model === model && this.imageInput.canSee === false) {
      // The view does not offer Send then; this keeps a message from going without the images it was written for.
      throw new ChatError('invalidPrompt', t('{0} Remove the attached images, or pick a model that can see, then send again.', cannotSeeText(model)));
    }
    let prompt: string;
    try {
      prompt = (await this.options.expandSlashCommand?.(text)) ?? text;
    } catch (err) {
      this.postTo(slot, { type: 'restoreDraft', text });
      throw err;
    }
    const id = this.chat.activeConversationId() ?? (await this.chat.startConversation()).id;
    const pending = this.attachments;
    const { attachments, references } = await resolveReferences(pending);
    const before = this.chat.streamInfo(id);
    // The space a chosen mention leaves at the end of the text (ready for more typing) is not part of the message.
    const reply = this.chat.sendMessage(id, withAttachments(pending.length ? prompt.trimEnd() : prompt, attachments), {
      references, images: images.map((i) => i.ref),
    });
    if ((pending.length || images.length) && this.chat.streamInfo(id)?.messageId !== before?.messageId) {
      this.attachments = this.attachments.filter((a) => !pending.includes(a));
      this.images = this.images.filter((i) => !images.includes(i));
      this.postAttachments();
    }
    return reply;
  }

  /**
   * Checks and stores an image and adds it to the next message; what went wrong (too big, not an image, too many)
   * is said next to the message box. Resolves with whether it was added.
   */
  async addImage(bytes: Uint8Array, name: string): Promise<boolean> {
    if (!this.options.images) return false;
    if (this.images.length >= MAX_IMAGES_PER_MESSAGE) {
      this.imageNotice(tooManyText());
      return false;
    }
    let ref: ImageRef;
    try {
      ref = await this.options.images.put(bytes, name);
    } catch (err) {
      this.imageNotice(err instanceof Error ? err.message : String(err));
      return false;
    }
    // The same picture twice is one chip; a second paste while the first was stored is that too.
    if (this.images.some((i) => i.ref.hash === ref.hash)) return true;
    if (this.images.length >= MAX_IMAGES_PER_MESSAGE) {
      this.imageNotice(tooManyText());
      return false;
    }
    this.images = [...this.images, { id: `i${++nextImage}`, ref }];
    this.postAttachments();
    return true;
  }

  /** Says next to the message box why an image was not attached. */
  imageNotice(text: string): void {
    this.request({ type: 'imageNotice', text });
  }

  /** The hashes of the images attached to the next message (not to be deleted with a conversation). */
  pendingImageHashes(): Set<string> {
    return new Set(this.images.map((i) => i.ref.hash));
  }

  /** The URL the webview loads stored images from (set by the VS Code adapter for each webview). */
  setImageBase(url: string): void {
    this.imageBase = url;
  }

  /** Answers the `suggest` number `requestId` of the view in `slot`. */
  suggestions(requestId: number, items: Suggestion[], slot: ViewSlot = 'view'): void {
    this.postTo(slot, { type: 'suggestions', requestId, items });
  }

  /** Adds a file or a mention to the next message (replacing an earlier one with the same name). */
  addAttachment(attachment: Pending): void {
    this.attachments = [...this.attachments.filter((a) => a.name !== attachment.name), attachment];
    this.postAttachments();
  }

  removeAttachment(id: string): void {
    const image = this.images.find((i) => i.id === id);
    this.attachments = this.attachments.filter((a) => a.id !== id);
    this.images = this.images.filter((i) => i.id !== id);
    this.postAttachments();
    // An image no message refers to is not kept.
    if (image && !this.chat.referencedImages().has(image.ref.hash)) void this.options.images?.remove([image.ref]).catch(() => undefined);
  }

  /** Answers a search of the history (typed in the view in `slot`) with the ids of the conversations that match. */
  search(query: string, slot: ViewSlot = 'view'): void {
    this.postTo(slot, { type: 'searchResults', query, ids: this.chat.searchConversations(query) });
  }

  /** The model new messages of the shown conversation go to. */
  modelForView(): string {
    const active = this.chat.activeConversationId();
    return (active && this.chat.conversationSettings(active)?.model) || this.settings.model();
  }

  dispose(): void {
    // Nothing more goes to the webviews (an answer from Ollama that comes late).
    this.views.clear();
    this.deltas.clear();
    this.subscription.dispose();
    this.becameReady.dispose();
  }

  private postAttachments(): void {
    this.post({ type: 'attachments', attachments: this.attachmentInfos() });
    this.postContext();
  }

  /**
   * Sends the context meter's base for the conversation on screen. The model's facts may take a while the first
   * time (`/api/show`, given up after a few seconds): a newer update makes an older answer moot.
   */
  private postContext(slot?: ViewSlot): void {
    if (!this.anyReady()) return;
    const request = ++this.contextRequest;
    // Mentions are read when the message is sent, so only files already read count here.
    const read = this.attachments.filter((a): a is Attachment => 'text' in a);
    const attachmentChars = read.length ? withAttachments('', read).length : 0;
    void this.chat.contextInfo(this.chat.activeConversationId(), attachmentChars).then((context) => {
      if (request !== this.contextRequest) return;
      if (slot) this.postTo(slot, { type: 'context', context });
      else this.post({ type: 'context', context });
    });
  }

  private attachmentInfos(): AttachmentInfo[] {
    return [
      ...this.attachments.map(({ id, name, languageId, chars, truncated, kind, readOnSend }): AttachmentInfo =>
        ({ id, name, languageId, chars, truncated, ...(kind ? { kind } : {}), ...(readOnSend ? { readOnSend } : {}) })),
      ...this.images.map(({ id, ref }): AttachmentInfo => ({
        id, kind: 'image', name: ref.name ?? 'image', languageId: '', chars: 0, truncated: false, image: ref,
      })),
    ];
  }

  /** Whether the model shown can see; asks Ollama (once per host and model) when that is not known yet. */
  private visionState(): ImageInputState {
    const model = this.modelForView();
    if (this.imageInput.model !== model) this.imageInput = { model, canSee: null };
    if (this.imageInput.canSee === null && this.askingVision !== model) void this.askVision(model);
    return this.imageInput;
  }

  private async askVision(model: string): Promise<void> {
    this.askingVision = model;
    const canSee = await this.chat.canSee(model);
    if (this.askingVision === model) this.askingVision = undefined;
    if (canSee === null || this.imageInput.model !== model) return;
    this.imageInput = { model, canSee };
    this.post({ type: 'imageInput', imageInput: this.imageInput });
  }

  /**
   * Posts the snapshot to the view in `slot`, or to every ready view. A view that does not show its conversation yet
   * gets a long conversation's newest messages only, and asks for the older ones a piece at a time (see
   * `snapshotPieces`); a view that shows the conversation gets it whole at once (the newest messages alone would make
   * it drop the older ones and draw them again).
   */
  private postSnapshot(slot?: ViewSlot): void {
    const id = this.chat.activeConversationId() ?? null;
    let whole: ViewState | undefined;
    let newest: ViewState | undefined;
    let earlier = false;
    for (const target of slot ? [slot] : this.readySlots()) {
      const view = this.views.get(target);
      if (!view?.ready) continue;
      if (id && view.shown !== id) {
        newest ??= this.snapshot((messages) => {
          const selected = newestMessages(messages);
          earlier = hasEarlier(messages, selected);
          return selected;
        });
        this.postTo(target, earlier ? { type: 'snapshot', state: newest, earlier } : { type: 'snapshot', state: newest });
      } else {
        whole ??= this.snapshot();
        this.postTo(target, { type: 'snapshot', state: whole });
      }
      view.shown = id;
    }
  }

  /**
   * Answers the view in `slot` that asks for the older messages of its conversation that go before `before`: the
   * next piece. Nothing when the view has been sent another conversation since (its snapshot replaces what it has).
   */
  sendEarlier(conversationId: string, before: string, slot: ViewSlot = 'view'): void {
    if (this.views.get(slot)?.shown !== conversationId || this.chat.activeConversationId() !== conversationId) return;
    let earlier = false;
    const messages = this.chat.getConversation(conversationId, (all) => {
      const piece = piecePreceding(all, before);
      earlier = hasEarlier(all, piece);
      return piece;
    })?.messages ?? [];
    if (messages.length) this.postTo(slot, { type: 'earlierMessages', conversationId, before, messages, earlier });
  }

  /** What a view needs to draw itself; `select` picks the conversation's messages it has (default: all). */
  private snapshot(select?: (messages: readonly ChatMessage[]) => readonly ChatMessage[]): ViewState {
    const active = this.chat.activeConversationId();
    const conversation = active ? this.chat.getConversation(active, select) ?? null : null;
    const own = conversation?.settings?.systemPrompt;
    return {
      conversation,
      systemPrompt: !conversation ? null : own ? { text: own, source: 'conversation' } : this.settings.systemPrompt() ?? null,
      conversations: this.chat.listConversations(),
      model: this.modelForView(),
      stream: this.chat.streamInfo(active),
      error: this.chat.currentError(active),
      attachments: this.attachmentInfos(),
      imageInput: this.visionState(),
      imageBase: this.imageBase || undefined,
    };
  }

  private onChatEvent(event: ChatEvent): void {
    if (!this.anyReady()) return; // the next `ready` brings a snapshot with everything
    const active = this.chat.activeConversationId();
    switch (event.type) {
      case 'delta':
        if (event.conversationId === active) this.deltas.add(event);
        return;
      case 'message':
        if (event.conversationId !== active) return;
        this.post({ type: 'message', conversationId: event.conversationId, message: event.message });
        // The history the next message goes with changed (a message added, a reply ended).
        if (event.message.status !== 'streaming') this.postContext();
        return;
      case 'stream':
        if (event.conversationId === active) this.post({ type: 'stream', stream: event.stream });
        return;
      case 'history':
        this.post({ type: 'history', conversations: this.chat.listConversations() });
        return;
      case 'active':
        this.postSnapshot();
        this.postContext();
        return;
      case 'error':
        if (event.conversationId === active) this.post({ type: 'error', error: event.error });
        return;
      default:
        assertNever(event);
    }
  }

  /** Posts to every ready view, in order: pending deltas first, so a final `message` never overtakes the text before it. */
  private post(message: HostMessage): void {
    this.deltas.flush();
    this.broadcast(message);
  }

  /** Posts to the view in `slot` only, if it is ready (after the deltas every view is owed). */
  private postTo(slot: ViewSlot, message: HostMessage): void {
    const view = this.views.get(slot);
    if (!view?.ready) return;
    this.deltas.flush();
    view.port(message);
  }

  private broadcast(message: HostMessage): void {
    for (const view of this.views.values()) if (view.ready) view.port(message);
  }

  private readySlots(): ViewSlot[] {
    return [...this.views].filter(([, view]) => view.ready).map(([slot]) => slot);
  }

  /** Whether any view is ready (asked for every streamed token: no arrays made). */
  private anyReady(): boolean {
    for (const view of this.views.values()) if (view.ready) return true;
    return false;
  }
}
