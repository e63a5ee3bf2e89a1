/**
 * The conversation: one view per message, keyed by id so a snapshot re-uses what is already drawn. Streamed text
 * is applied at most once per animation frame (a hidden view gets no frames, so it does no work). Follows the
 * stream while the user is at the bottom, and offers "Jump to latest" once they scroll up. Each message is drawn
 * on its own: one that cannot be drawn is shown as plain text (and reported to the host), and the others still are.
 *
 * A long conversation is shown a little at a time: the views of its messages are built newest first by the frame
 * scheduler (the newest ones before anything else, the older ones after the newest replies are drawn), and replies
 * are formatted only near the viewport or among the newest (see `ReplyDrawing`).
 */
import type { StreamInfo, SystemPromptInfo } from '../shared/protocol';
import type { ChatMessage, Conversation } from '../shared/types';
import { AssistantMessageView, type ReplyPlacement } from './assistantMessageView';
import { button, h } from './dom';
import { createEmptyState, type EmptyState } from './emptyState';
import { DrawPacer } from './drawPacer';
import { waitingText } from './format';
import { renderScheduler, PRIORITY, type RenderTask } from './renderScheduler';
import { handleMessageClick, type MessageView } from './messageActions';
import { SystemMessageView, SystemPromptView } from './systemMessageView';
import { PlainMessageView } from './plainMessageView';
import { reportRenderError } from './renderErrors';
import { ReplyDrawing } from './replyDrawing';
import type { ViewportBand } from './streamingMarkdown';
import { UserMessageView } from './userMessageView';
import type { HostChannel } from './vscodeApi';
import { t } from '../shared/l10n';

/** How close to the bottom (px) still counts as "at the bottom". */
const BOTTOM_SLACK = 24;
/** A scroll this soon (ms) after a wheel turn, key press or pointer press is the user's doing. */
const USER_SCROLL_WINDOW = 1000;
const SCROLL_KEYS = new Set(['ArrowUp', 'PageUp', 'Home']);
/** The newest messages: built before anything else when a conversation is shown, and their replies always drawn. */
const NEWEST_MESSAGES = 12;

export class MessageList {
  readonly element: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly log: HTMLElement;
  private readonly empty: EmptyState;
  private readonly systemPrompt = new SystemPromptView();
  private readonly jump: HTMLButtonElement;
  private readonly views = new Map<string, MessageView>();
  /** Replies drawn before the host sent them (the waiting indicator needs a place). */
  private readonly placeholders = new Set<string>();
  private readonly pending = new Map<string, { content: string; thinking: string }>();
  /** Ids of the shown conversation's messages, in order (views of some may not be built yet), and their indexes. */
  private order: string[] = [];
  private readonly indexes = new Map<string, number>();
  /** Messages of the shown conversation whose views are not built yet, oldest first (built from the end). */
  private unbuilt: ChatMessage[] = [];
  private readonly building: RenderTask = {
    step: () => this.buildNext(),
    priority: () => {
      const newestUnbuilt = this.unbuilt.at(-1);
      return newestUnbuilt && this.isNewest(newestUnbuilt.id) ? PRIORITY.newestMessages : PRIORITY.olderMessages;
    },
  };
  /**
   * Asks the host for the piece of older messages before the first one shown (a long conversation comes newest
   * first): once the view has built what it has and drawn what is urgent, so the piece does not cross VS Code's
   * channels while the view draws what the user looks at.
   */
  private readonly askingEarlier: RenderTask = {
    step: () => {
      const [before] = this.order;
      if (this.earlier && this.conversationId && before && this.unbuilt.length === 0) {
        this.earlier = false;
        this.host.post({ type: 'earlierMessages', conversationId: this.conversationId, before });
      }
      return false;
    },
    priority: () => PRIORITY.olderMessages,
  };
  /** The host has older messages of the shown conversation than those the view has. */
  private earlier = false;
  private readonly drawing: ReplyDrawing;
  private readonly placement: ReplyPlacement;
  /** Draws the queued streamed text on the next frame, or later during a burst. */
  private readonly pacer = new DrawPacer(() => this.flush());
  private conversationId: string | null = null;
  private stream: StreamInfo | null = null;
  private model = '';
  private follow = true;
  private lastScrollTop = 0;
  private lastUserInput = -Infinity;
  private pointerDown = false;

  constructor(private readonly host: HostChannel) {
    // Not a live region (nor role=log, which is one): streamed text would be read out piece by piece. The
    // view's Announcer says when a reply starts and reads it once it is done.
    this.log = h('div', { className: 'message-log', attrs: { role: 'region', 'aria-label': t('Messages') } });
    this.empty = createEmptyState();
    this.scroller = h('div', { className: 'message-scroller' }, this.empty.element, this.systemPrompt.element, this.log);
    this.jump = button({ label: t('Jump to latest'), text: t('Jump to latest'), icon: 'arrowDown', className: 'jump-latest' });
    this.jump.hidden = true;
    this.element = h('div', { className: 'message-area' }, this.scroller, this.jump);
    this.drawing = new ReplyDrawing(this.scroller, (view) => this.isNewest(view.message.id));
    this.placement = {
      following: () => this.follow,
      rank: (view) => (this.drawing.isNear(view) ? 0.5 : 0) + this.position(view.message.id) / 2,
      burstLeftMs: () => this.pacer.burstLeftMs(),
      nearViewport: this.drawing.nearViewport,
      inViewport: this.drawing.inViewport,
      followedViewport: (view) => (this.follow && this.log.lastElementChild === view.element ? this.endViewport() : undefined),
    };

    this.scroller.addEventListener('scroll', () => this.onScroll(), { passive: true });
    const userInput = (): void => {
      this.lastUserInput = performance.now();
    };
    this.scroller.addEventListener('wheel', userInput, { passive: true });
    this.scroller.addEventListener('pointerdown', () => {
      this.pointerDown = true;
      userInput();
    });
    window.addEventListener('pointerup', () => {
      this.pointerDown = false;
    });
    window.addEventListener('keydown', (e) => {
      if (SCROLL_KEYS.has(e.key)) userInput();
    });
    // Follows the end after each layout that changed the conversation's height (new text, a reply finished,
    // off-screen parts measured): scrolling there needs no extra layout then.
    new ResizeObserver(() => {
      if (this.follow) this.scrollToBottom();
    }).observe(this.log);
    this.jump.addEventListener('click', () => {
      this.follow = true;
      this.scrollToBottom();
    });
    this.log.addEventListener('click', (e) => handleMessageClick(e, (el) => this.viewOf(el), host));
    // Middle-click would open a link in a new browser window, outside the host's checks.
    this.log.addEventListener('auxclick', (e) => {
      if ((e.target as Element).closest('a')) e.preventDefault();
    });
  }

  /**
   * Draws the conversation of a snapshot, re-using the views of messages that are already shown. `earlier`: the
   * conversation has older messages than these, which the view asks for once it has drawn them.
   */
  showConversation(conversation: Conversation | null, stream: StreamInfo | null, systemPrompt: SystemPromptInfo | null, earlier = false): void {
    this.flush();
    const switched = (conversation?.id ?? null) !== this.conversationId;
    if (switched) {
      for (const [id, view] of this.views) this.removeView(id, view);
      this.log.replaceChildren();
      this.follow = true;
    }
    this.conversationId = conversation?.id ?? null;
    // Everything the model is sent is shown, system instructions included.
    this.systemPrompt.show(systemPrompt);
    const messages = conversation?.messages ?? [];
    this.order = [];
    this.indexes.clear();
    for (const message of messages) this.addToOrder(message.id);
    const shown = this.indexes;
    for (const [id, view] of this.views) {
      if (!shown.has(id)) this.removeView(id, view);
    }
    // Messages already shown are updated in place (and put in order); the others are built over the next frames.
    this.unbuilt = [];
    let previous: Element | null = null;
    for (const message of messages) {
      if (!this.views.has(message.id)) {
        this.unbuilt.push(message);
        continue;
      }
      const view = this.viewFor(message);
      const expected: Element | null = previous ? previous.nextElementSibling : this.log.firstElementChild;
      if (view.element !== expected) {
        if (previous) previous.after(view.element);
        else this.log.prepend(view.element);
      }
      previous = view.element;
    }
    this.placeholders.clear();
    this.earlier = earlier && messages.length > 0;
    if (this.unbuilt.length > 0) renderScheduler.add(this.building);
    else this.askEarlier();
    this.setStream(stream);
  }

  /**
   * Adds older messages of the shown conversation before its first one, `before` (the host sends a long conversation
   * newest first, a piece each time the view asks); built like the rest of a snapshot, over the next frames.
   * `earlier`: there are older ones still. A piece that no longer fits (another snapshot came meanwhile) is ignored.
   */
  prepend(conversationId: string, before: string, messages: ChatMessage[], earlier = false): void {
    if (conversationId !== this.conversationId || this.order[0] !== before || messages.some((m) => this.indexes.has(m.id))) return;
    this.order = [...messages.map((m) => m.id), ...this.order];
    this.indexes.clear();
    this.order.forEach((id, index) => this.indexes.set(id, index));
    this.unbuilt.unshift(...messages);
    this.earlier = earlier && messages.length > 0;
    renderScheduler.add(this.building);
  }

  /** Asks for the next piece of older messages, if there is one, once the urgent drawing is done. */
  private askEarlier(): void {
    if (this.earlier) renderScheduler.add(this.askingEarlier);
  }

  /** Adds a message or replaces it whole (final text, status, stats). */
  upsert(conversationId: string, message: ChatMessage): void {
    if (conversationId !== this.conversationId) return;
    this.flush();
    this.placeholders.delete(message.id);
    const known = this.builtView(message.id) !== undefined;
    this.addToOrder(message.id);
    const view = this.viewFor(message);
    if (!known) {
      this.append(view);
      this.drawIfReply(view);
      // The user just sent something: show it and what follows, wherever they had scrolled to.
      if (message.role === 'user') this.follow = true;
      this.drawing.undrawFar();
    }
    this.refresh();
  }

  /**
   * Queues streamed text; it is drawn on the next animation frame (later in a burst, see `DrawPacer`), merged with
   * whatever else arrives by then.
   */
  queueDelta(conversationId: string, messageId: string, content: string, thinking = ''): void {
    if (conversationId !== this.conversationId) return;
    const queued = this.pending.get(messageId);
    if (queued) {
      queued.content += content;
      queued.thinking += thinking;
    } else {
      this.pending.set(messageId, { content, thinking });
    }
    this.pacer.request();
  }

  /** Where the reply being generated is; shows the waiting indicator while no token has come. */
  setStream(stream: StreamInfo | null): void {
    this.flush();
    this.stream = stream && stream.conversationId === this.conversationId ? stream : null;
    for (const [id, view] of this.views) {
      if (view instanceof AssistantMessageView && id !== this.stream?.messageId) view.setWaiting(null);
      // A reply drawn only for the waiting indicator that never got any text.
      if (this.placeholders.has(id) && id !== this.stream?.messageId) this.removeView(id, view);
    }
    if (this.stream) {
      const view = this.builtView(this.stream.messageId) ?? this.placeholder(this.stream.messageId);
      if (view instanceof AssistantMessageView) {
        view.setWaiting(this.stream.phase === 'waiting' ? waitingText(view.message.model || this.model) : null);
      }
    }
    this.refresh();
  }

  /** The model new messages go to (for the waiting text and the empty state). */
  setModel(model: string): void {
    this.model = model;
    this.empty.setModel(model);
  }

  /** Applies the queued deltas now (before any message that must come after them). */
  private flush(): void {
    if (this.pending.size === 0) return this.pacer.cancel();
    let chars = 0;
    for (const delta of this.pending.values()) chars += delta.content.length + delta.thinking.length;
    this.pacer.drawn(chars);
    for (const [id, delta] of this.pending) {
      let view = this.builtView(id);
      if (!view) {
        view = this.placeholder(id);
        this.placeholders.delete(id);
      }
      if (view instanceof AssistantMessageView || view instanceof PlainMessageView) {
        const drawn = view;
        this.drawSafely(drawn.message, drawn, () => {
          drawn.appendDelta(delta.content, delta.thinking);
          return drawn;
        });
      }
    }
    this.pending.clear();
    this.settle();
  }

  private placeholder(id: string): AssistantMessageView {
    const view = this.assistantView({ id, role: 'assistant', content: '', timestamp: Date.now(), model: this.model, status: 'streaming' });
    this.append(view);
    this.views.set(id, view);
    this.placeholders.add(id);
    this.drawing.watch(view);
    return view;
  }

  /**
   * Builds the next message's view; returns whether more are left. The newest messages come first, in order (they
   * take a millisecond or two together, and the log's live region hears them in order); then the older ones from
   * the newest back, each put above those shown.
   */
  private buildNext(): boolean {
    let newest = this.unbuilt.length;
    while (newest > 0 && this.isNewest(this.unbuilt[newest - 1].id)) newest--;
    const message = newest === this.unbuilt.length ? this.unbuilt.pop() : this.unbuilt.splice(newest, 1)[0];
    if (message) this.build(message);
    if (this.unbuilt.length > 0) return true;
    this.refresh();
    this.askEarlier();
    return false;
  }

  /** The view of a message, built now if it is still waiting for its turn. */
  private builtView(id: string): MessageView | undefined {
    const view = this.views.get(id);
    if (view) return view;
    const index = this.unbuilt.findIndex((m) => m.id === id);
    if (index === -1) return undefined;
    const built = this.build(this.unbuilt.splice(index, 1)[0]);
    this.refresh();
    return built;
  }

  /** Builds a message's view and puts it in its place: before the next message that is shown. */
  private build(message: ChatMessage): MessageView {
    const view = this.viewFor(message);
    if (!view.element.isConnected) {
      let next: Element | undefined;
      for (let i = (this.indexes.get(message.id) ?? Infinity) + 1; !next?.isConnected && i < this.order.length; i++) {
        next = this.views.get(this.order[i])?.element;
      }
      if (next?.isConnected) next.before(view.element);
      else this.append(view);
    }
    this.drawIfReply(view);
    this.refreshView(view, this.lastReply());
    this.settle();
    return view;
  }

  /** A reply on the page is drawn now if it is among the newest, else once it comes near the viewport. */
  private drawIfReply(view: MessageView): void {
    if (view instanceof AssistantMessageView) this.drawing.watch(view);
  }

  /** Whether a message is among the newest (or not among the host's messages yet: a reply that waits). */
  private isNewest(id: string): boolean {
    const index = this.indexes.get(id);
    return index === undefined || index >= this.order.length - NEWEST_MESSAGES;
  }

  /** Where a message is in the conversation, 0…1 (1: the newest, or not among the host's messages yet). */
  private position(id: string): number {
    const index = this.indexes.get(id);
    return index === undefined ? 1 : (index + 1) / this.order.length;
  }

  private addToOrder(id: string): void {
    if (this.indexes.has(id)) return;
    this.indexes.set(id, this.order.length);
    this.order.push(id);
  }

  /** Adds a view at the end, but before replies that are only waiting (they come after what the user sent). */
  private append(view: MessageView): void {
    const firstPlaceholder = [...this.placeholders].map((id) => this.views.get(id)?.element).find(Boolean);
    if (firstPlaceholder) firstPlaceholder.before(view.element);
    else this.log.append(view.element);
  }

  /**
   * The view of a message, updated to it; a new one if it is not shown yet (or changed role). A message that
   * could not be drawn stays plain text until its conversation is shown anew.
   */
  private viewFor(message: ChatMessage): MessageView {
    const existing = this.views.get(message.id);
    return this.drawSafely(message, existing, () => {
      if (existing && (existing instanceof PlainMessageView || existing.message.role === message.role)) {
        if (existing.message !== message) existing.update(message);
        return existing;
      }
      const view = message.role === 'user' ? new UserMessageView(message)
        : message.role === 'system' ? new SystemMessageView(message) : this.assistantView(message);
      this.views.set(message.id, view);
      if (existing) this.replaceView(existing, view);
      return view;
    });
  }

  /** A reply's view; parts of it that fail to render are shown as plain text and reported. */
  private assistantView(message: ChatMessage): AssistantMessageView {
    return new AssistantMessageView(message, (err) => reportRenderError(this.host, `part of message ${message.id}`, err), this.placement);
  }

  /**
   * Runs `draw` for a message; if it throws, shows the message as plain text in place of `existing` (which may be
   * half updated) and reports the error.
   */
  private drawSafely(message: ChatMessage, existing: MessageView | undefined, draw: () => MessageView): MessageView {
    try {
      return draw();
    } catch (err) {
      reportRenderError(this.host, `message ${message.id}`, err);
      const plain = new PlainMessageView(message);
      this.views.set(message.id, plain);
      if (existing) this.replaceView(existing, plain);
      return plain;
    }
  }

  /** Puts `view` where `old` was (when it is on the page) and stops drawing `old`. */
  private replaceView(old: MessageView, view: MessageView): void {
    if (old instanceof AssistantMessageView) this.drawing.unwatch(old);
    if (!old.element.isConnected) return;
    old.element.replaceWith(view.element);
    this.drawIfReply(view);
  }

  private removeView(id: string, view: MessageView): void {
    if (view instanceof AssistantMessageView) this.drawing.unwatch(view);
    view.element.remove();
    this.views.delete(id);
    this.placeholders.delete(id);
  }

  /** After messages were added or replaced: actions that depend on position and streaming, then `settle`. */
  private refresh(): void {
    const lastReply = this.lastReply();
    for (const view of this.views.values()) this.refreshView(view, lastReply);
    this.settle();
  }

  /** The actions of one message: editing and versions not while a reply streams, Regenerate on the last reply. */
  private refreshView(view: MessageView, lastReply: AssistantMessageView | undefined): void {
    const streaming = this.stream !== null;
    if (view instanceof UserMessageView) view.setCanEdit(!streaming);
    if (!(view instanceof AssistantMessageView)) return;
    view.setCanRegenerate(!streaming && view === lastReply && view.message.status !== 'streaming');
    view.versions.setEnabled(!streaming);
  }

  private lastReply(): AssistantMessageView | undefined {
    for (let el = this.log.lastElementChild; el; el = el.previousElementSibling) {
      const view = this.views.get((el as HTMLElement).dataset.messageId ?? '');
      if (view instanceof AssistantMessageView) return view;
    }
    return undefined;
  }

  /** After any change: the empty state (scrolling follows through the ResizeObserver). */
  private settle(): void {
    this.empty.element.hidden = this.views.size > 0 || this.unbuilt.length > 0;
  }

  /** The viewport once scrolled to the end, where following the end takes it after this layout. */
  private endViewport(): ViewportBand | undefined {
    const { scroller } = this;
    if (scroller.clientHeight === 0) return undefined;
    const end = scroller.getBoundingClientRect().top + scroller.clientTop + scroller.scrollHeight - scroller.scrollTop;
    return { top: end - scroller.clientHeight, bottom: end };
  }

  private scrollToBottom(): void {
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  /**
   * Following stops only when the user moves up (wheel, keys, scrollbar): content that changes size above the
   * viewport (and the browser's scroll anchoring) must not count as "the user left the bottom".
   */
  private onScroll(): void {
    const { scrollHeight, scrollTop, clientHeight } = this.scroller;
    const byUser = this.pointerDown || performance.now() - this.lastUserInput < USER_SCROLL_WINDOW;
    if (scrollHeight - scrollTop - clientHeight <= BOTTOM_SLACK) this.follow = true;
    else if (byUser && scrollTop < this.lastScrollTop) this.follow = false;
    this.lastScrollTop = scrollTop;
    this.jump.hidden = this.follow;
  }

  private viewOf(el: Element): MessageView | undefined {
    return this.views.get(el.closest<HTMLElement>('.message')?.dataset.messageId ?? '');
  }
}
