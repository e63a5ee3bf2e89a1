/**
 * A reply of the model: collapsed reasoning, the answer as sanitized markdown (rendered incrementally while it
 * streams), a waiting indicator before the first token, a Stopped mark or the error, then stats and actions.
 *
 * The answer is formatted only once the message list asks for it (`draw`: a reply near the viewport, or among the
 * newest), and it can go back (`undraw`, far off screen) so a long conversation does not keep every reply's
 * elements. Until then its text is shown as it is, unformatted (so find-in-page and screen readers still have it).
 * `aria-busy` is true while the reply streams or is still being drawn.
 */
import type { ChatMessage } from '../shared/types';
import { button, h } from './dom';
import { formatStats, formatStatsDetail } from './format';
import { icon } from './icons';
import { estimateSize, messageShell } from './messageShell';
import type { NearViewport } from './nearViewport';
import { plainText, type PlainText } from './plainText';
import { ReplyNotices } from './replyNotices';
import { StreamingMarkdown, type ViewportBand } from './streamingMarkdown';
import { VersionPager } from './versionPager';
import { t } from '../shared/l10n';

/** Where a reply stands among the others, for the order in which replies are drawn. */
export interface ReplyPlacement {
  /** Whether the user follows the end of the conversation (then a reply's newest text is drawn first). */
  following(): boolean;
  /** 0…1, higher for a reply the user is more likely to look at. */
  rank(view: AssistantMessageView): number;
  /** Milliseconds until the burst of streamed text is over (see `DrawPacer`): a streaming reply is formatted after it. */
  burstLeftMs(): number;
  /** Tells which parts of the conversation are near the viewport (a long reply formats those first). */
  readonly nearViewport: NearViewport;
  /** Tells which parts are in the viewport (a long reply counts as drawn once those are formatted). */
  readonly inViewport: NearViewport;
  /**
   * Where the viewport is while the user follows the end and this reply is the last message, laid out as it is now
   * (the view scrolls to the end before the next frame); undefined otherwise.
   */
  followedViewport(view: AssistantMessageView): ViewportBand | undefined;
}

export class AssistantMessageView {
  readonly element: HTMLElement;
  private readonly author: HTMLElement;
  private readonly thinking: HTMLDetailsElement;
  private readonly thinkingSummary: HTMLElement;
  private readonly thinkingText: HTMLElement;
  private readonly waiting: HTMLElement;
  private readonly waitingText: HTMLElement;
  private readonly body: HTMLElement;
  private readonly stopped: HTMLElement;
  private readonly error: HTMLElement;
  private readonly footer: HTMLElement;
  private readonly stats: HTMLElement;
  private readonly copy: HTMLButtonElement;
  private readonly regenerate: HTMLButtonElement;
  private readonly regenerateWith: HTMLButtonElement;
  readonly versions = new VersionPager();
  /** The formatted answer; undefined while the reply is not drawn (its text is shown as it is). */
  private markdown: StreamingMarkdown | undefined;
  /** The answer's text as it is, while it is not drawn. */
  private unformatted: PlainText | undefined;
  private readonly notices = new ReplyNotices();
  /** The content and reasoning already in the DOM (deltas are appended to them). */
  private renderedContent = '';
  private renderedThinking = '';
  private finished = false;

  /** `onRenderError` hears of each part of the reply that failed to render (it is shown as plain text). */
  constructor(
    public message: ChatMessage,
    private readonly onRenderError: (error: unknown) => void,
    private readonly placement: ReplyPlacement,
  ) {
    const shell = messageShell(message, message.model || 'Assistant');
    this.element = shell.element;
    this.author = shell.author;
    this.footer = shell.footer;
    this.thinkingSummary = h('summary', { text: t('Thinking…') });
    this.thinkingText = h('div', { className: 'thinking-text' });
    this.thinking = h('details', { className: 'thinking', hidden: true }, this.thinkingSummary, this.thinkingText);
    this.waitingText = h('span');
    this.waiting = h('div', { className: 'waiting', hidden: true }, h('span', { className: 'spinner' }), this.waitingText);
    this.body = h('div', { className: 'markdown-body' });
    this.stopped = h('div', { className: 'message-stopped', hidden: true }, icon('stop'), h('span', { text: t('Stopped') }));
    this.error = h('div', { className: 'message-error', hidden: true });
    shell.content.append(this.thinking, this.waiting, this.body, this.stopped, this.error, this.notices.element);
    this.stats = h('span', { className: 'message-stats' });
    shell.info.append(this.versions.element, this.stats);
    this.regenerate = button({ label: t('Regenerate reply'), icon: 'refresh', action: 'regenerate' });
    this.regenerateWith = button({ label: t('Regenerate with another model…'), icon: 'refreshWith', action: 'regenerate-with' });
    this.copy = button({ label: t('Copy message'), icon: 'copy', action: 'copy-message' });
    shell.actions.append(this.copy, this.regenerate, this.regenerateWith);
    this.update(message);
  }

  /** Appends streamed text (no-op once the reply is final). */
  appendDelta(content: string, thinking: string): void {
    if (this.finished) return;
    this.message = {
      ...this.message,
      content: this.message.content + content,
      thinking: thinking ? (this.message.thinking ?? '') + thinking : this.message.thinking,
    };
    if (thinking) this.appendThinking(thinking);
    if (content && this.markdown) {
      this.markdown.append(content);
      this.renderedContent = this.message.content;
    } else if (content) {
      this.unformatted?.append(content);
    }
    this.setWaiting(null); // the model is loaded and answering
    this.labelThinking();
    this.renderBusy();
  }

  /** Shows the message as given; reuses the DOM when the new text extends the rendered one. */
  update(message: ChatMessage): void {
    // Stored or imported data of another shape is shown as plain text by the message list.
    if (typeof message.content !== 'string') throw new TypeError(`the content is ${typeof message.content}, not text`);
    const textChanged = message.content !== this.message.content;
    this.message = message;
    if (this.markdown) this.syncMarkdown();
    else if (this.unformatted && textChanged) this.showUnformatted();
    this.syncThinking(message.thinking ?? '');
    this.renderStatus();
  }

  /** Formats the answer (over the next frames, within their budget). */
  draw(): void {
    if (this.markdown) return;
    this.body.replaceChildren();
    this.unformatted = undefined;
    this.markdown = new StreamingMarkdown(this.body, {
      onError: this.onRenderError,
      onDrawn: () => this.renderBusy(),
      newestFirst: () => this.placement.following(),
      rank: () => this.placement.rank(this),
      formattingHeldMs: () => (this.message.status === 'streaming' ? this.placement.burstLeftMs() : 0),
      nearViewport: this.placement.nearViewport,
      inViewport: this.placement.inViewport,
      followedViewport: () => this.placement.followedViewport(this),
    });
    this.renderedContent = '';
    this.finished = false;
    this.syncMarkdown();
    this.renderBusy();
  }

  /**
   * Shows the answer's text unformatted: a reply not drawn yet, or far off screen (a reply that streams stays
   * drawn). Until `draw` or `undraw` the answer is not shown at all (the message list calls one of them at once).
   */
  undraw(): void {
    if (this.message.status === 'streaming' || (!this.markdown && this.unformatted)) return;
    this.markdown?.dispose();
    this.markdown = undefined;
    this.showUnformatted();
    this.renderBusy();
  }

  /** Stops the drawing still to come (the reply left the page). */
  dispose(): void {
    this.markdown?.dispose();
  }

  /** Shows or hides the "Waiting for <model>…" line. */
  setWaiting(text: string | null): void {
    this.waiting.hidden = text === null;
    if (text !== null) this.waitingText.textContent = text;
  }

  /** Regenerate is offered on the last reply only, and not while one streams. */
  setCanRegenerate(can: boolean): void {
    this.regenerate.hidden = !can;
    this.regenerateWith.hidden = !can;
    this.notices.setActionable(can);
  }

  /** Brings the formatted answer up to the message: appends what was added, or starts anew if it changed. */
  private syncMarkdown(): void {
    const { content, status } = this.message;
    const final = status !== 'streaming';
    // Another text (a version, an edit), or the same message streaming again.
    if (!content.startsWith(this.renderedContent) || (this.finished && (content !== this.renderedContent || !final))) {
      this.markdown?.dispose();
      this.markdown = undefined;
      this.draw();
      return;
    }
    if (this.finished) return;
    this.markdown!.append(content.slice(this.renderedContent.length));
    this.renderedContent = content;
    if (final) {
      this.markdown!.finish();
      this.finished = true;
    }
  }

  /** The answer's text as it is, while it is not drawn. */
  private showUnformatted(): void {
    estimateSize(this.element, this.message.content);
    this.unformatted = plainText(this.message.content);
    this.unformatted.element.classList.add('markdown-pending');
    this.body.replaceChildren(this.unformatted.element);
  }

  /** Busy while the reply streams or its text is not all on the page yet (screen readers wait for it). */
  private renderBusy(): void {
    const busy = String(this.message.status === 'streaming' || (this.markdown !== undefined && !this.markdown.drawn));
    if (this.element.getAttribute('aria-busy') !== busy) this.element.setAttribute('aria-busy', busy);
  }

  private syncThinking(thinking: string): void {
    if (!thinking.startsWith(this.renderedThinking)) {
      this.thinkingText.replaceChildren();
      this.renderedThinking = '';
    }
    this.appendThinking(thinking.slice(this.renderedThinking.length));
    // Another version of the reply (Regenerate, the version pager) may have no reasoning at all.
    this.thinking.hidden = !this.renderedThinking;
  }

  /** One text node per piece: appending to one long node would copy it each time. */
  private appendThinking(text: string): void {
    if (!text) return;
    this.thinkingText.append(text);
    this.renderedThinking += text;
    this.thinking.hidden = false;
  }

  /** "Thinking…" while the model is still reasoning, "Thinking" once the answer has started. */
  private labelThinking(): void {
    const reasoning = this.message.status === 'streaming' && !this.renderedContent;
    this.thinkingSummary.textContent = reasoning ? t('Thinking…') : t('Thinking');
  }

  private renderStatus(): void {
    const { status = 'complete', model, stats, error } = this.message;
    const streaming = status === 'streaming';
    this.element.dataset.status = status;
    this.renderBusy();
    this.author.textContent = model || t('Assistant');
    this.labelThinking();
    this.stopped.hidden = status !== 'stopped';
    this.error.hidden = status !== 'error';
    this.error.textContent = status === 'error' ? error || t('The reply failed.') : '';
    this.footer.hidden = streaming;
    this.copy.hidden = !this.message.content;
    this.versions.update(this.message);
    this.notices.update(this.message);
    this.stats.textContent = formatStats(model, stats);
    if (stats) this.stats.title = formatStatsDetail(stats);
    else this.stats.removeAttribute('title');
    if (!streaming) this.setWaiting(null);
  }
}
