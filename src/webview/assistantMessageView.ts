/**
 * A reply of the model: collapsed reasoning, the answer as sanitized markdown (rendered incrementally while it
 * streams), a waiting indicator before the first token, a Stopped mark or the error, then stats and actions.
 */
import type { ChatMessage } from '../shared/types';
import { button, h } from './dom';
import { formatStats, formatStatsDetail } from './format';
import { icon } from './icons';
import { messageShell } from './messageShell';
import { ReplyNotices } from './replyNotices';
import { StreamingMarkdown } from './streamingMarkdown';
import { VersionPager } from './versionPager';

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
  readonly versions = new VersionPager();
  private readonly notices = new ReplyNotices();
  private markdown: StreamingMarkdown;
  /** The content and reasoning already in the DOM (deltas are appended to them). */
  private renderedContent = '';
  private renderedThinking = '';
  private finished = false;

  /** `onRenderError` hears of each part of the reply that failed to render (it is shown as plain text). */
  constructor(
    public message: ChatMessage,
    private readonly onRenderError: (error: unknown) => void,
  ) {
    const shell = messageShell(message, message.model || 'Assistant');
    this.element = shell.element;
    this.author = shell.author;
    this.footer = shell.footer;
    this.thinkingSummary = h('summary', { text: 'Thinking…' });
    this.thinkingText = h('div', { className: 'thinking-text' });
    this.thinking = h('details', { className: 'thinking', hidden: true }, this.thinkingSummary, this.thinkingText);
    this.waitingText = h('span');
    this.waiting = h('div', { className: 'waiting', hidden: true }, h('span', { className: 'spinner' }), this.waitingText);
    this.body = h('div', { className: 'markdown-body' });
    this.stopped = h('div', { className: 'message-stopped', hidden: true }, icon('stop'), h('span', { text: 'Stopped' }));
    this.error = h('div', { className: 'message-error', hidden: true });
    shell.content.append(this.thinking, this.waiting, this.body, this.stopped, this.error, this.notices.element);
    this.stats = h('span', { className: 'message-stats' });
    shell.info.append(this.versions.element, this.stats);
    this.regenerate = button({ label: 'Regenerate reply', icon: 'refresh', action: 'regenerate' });
    this.copy = button({ label: 'Copy message', icon: 'copy', action: 'copy-message' });
    shell.actions.append(this.copy, this.regenerate);
    this.markdown = new StreamingMarkdown(this.body, onRenderError);
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
    if (content) {
      this.markdown.append(content);
      this.renderedContent = this.message.content;
    }
    this.setWaiting(null); // the model is loaded and answering
    this.labelThinking();
  }

  /** Shows the message as given; reuses the DOM when the new text extends the rendered one. */
  update(message: ChatMessage): void {
    this.message = message;
    const final = message.status !== 'streaming';
    if (!message.content.startsWith(this.renderedContent) || (this.finished && message.content !== this.renderedContent)) {
      this.resetContent();
    } else if (this.finished && !final) {
      this.resetContent(); // the same message streams again
    }
    if (!this.finished) {
      this.markdown.append(message.content.slice(this.renderedContent.length));
      this.renderedContent = message.content;
      if (final) {
        this.markdown.finish();
        this.finished = true;
      }
    }
    this.syncThinking(message.thinking ?? '');
    this.renderStatus();
  }

  /** Shows or hides the "Waiting for <model>…" line. */
  setWaiting(text: string | null): void {
    this.waiting.hidden = text === null;
    if (text !== null) this.waitingText.textContent = text;
  }

  /** Regenerate is offered on the last reply only, and not while one streams. */
  setCanRegenerate(can: boolean): void {
    this.regenerate.hidden = !can;
    this.notices.setActionable(can);
  }

  private resetContent(): void {
    this.markdown.dispose();
    this.body.replaceChildren();
    this.markdown = new StreamingMarkdown(this.body, this.onRenderError);
    this.renderedContent = '';
    this.finished = false;
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
    this.thinkingSummary.textContent = reasoning ? 'Thinking…' : 'Thinking';
  }

  private renderStatus(): void {
    const { status = 'complete', model, stats, error } = this.message;
    const streaming = status === 'streaming';
    this.element.dataset.status = status;
    this.element.setAttribute('aria-busy', String(streaming));
    this.author.textContent = model || 'Assistant';
    this.labelThinking();
    this.stopped.hidden = status !== 'stopped';
    this.error.hidden = status !== 'error';
    this.error.textContent = status === 'error' ? error || 'The reply failed.' : '';
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
