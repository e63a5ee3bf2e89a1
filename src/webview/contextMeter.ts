/**
 * The composer's context meter: "used / limit" tokens of the next request, with a tooltip in words, and a warning
 * under the message box when what would be sent does not fit (which turns would be left out, or that the message
 * itself is too long). The host sends the base (history, attachments, window) when it changes; the text being typed
 * is estimated here from its length alone, so a key press costs a few arithmetic operations and, at most, a text
 * change in three elements.
 */
import { fitTurns, replyReserve, tokensForChars } from '../shared/contextBudget';
import type { ContextInfo } from '../shared/contextInfo';
import { formatNumber, t } from '../shared/l10n';
import { leftOutNotice } from '../shared/leftOutNotice';
import { formatTokens, windowOrigin } from './contextWords';
import { h } from './dom';

export class ContextMeter {
  /** The meter itself, for the composer's toolbar. Hidden until the host has sent a base. */
  readonly element: HTMLElement;
  /** The warning line, for under the message box. */
  readonly warning: HTMLElement;
  private readonly fill: HTMLElement;
  private readonly label: HTMLElement;
  private info: ContextInfo | null = null;
  /** Tokens of the system prompt and the history (from `info`). */
  private historyTokens = 0;
  private typedChars = 0;
  /** What the DOM shows now, so unchanged text is not written again. */
  private shown = { label: '', title: '', warning: '', level: '', width: '' };

  constructor() {
    this.fill = h('span', { className: 'context-meter-fill' });
    this.label = h('span', { className: 'context-meter-label' });
    this.element = h('div', { className: 'context-meter', hidden: true, attrs: { role: 'status', 'aria-live': 'off' } },
      h('span', { className: 'context-meter-bar' }, this.fill), this.label);
    this.warning = h('div', { className: 'context-warning', hidden: true, attrs: { role: 'status' } });
  }

  /** A new base from the host (the conversation, attachments, model or settings changed). */
  setInfo(info: ContextInfo): void {
    this.info = info;
    this.historyTokens = info.systemTokens + info.turns.reduce((sum, t) => sum + t.tokens, 0);
    this.element.hidden = false;
    this.render();
  }

  /** The message box now holds `chars` characters. */
  setTyped(chars: number): void {
    if (chars === this.typedChars) return;
    this.typedChars = chars;
    if (this.info) this.render();
  }

  private render(): void {
    const info = this.info!;
    const message = tokensForChars(this.typedChars + info.attachmentChars, info.ratio);
    const files = info.attachmentChars ? Math.ceil((info.attachmentChars / 3.5) * info.ratio) : 0;
    const used = this.historyTokens + message;
    const budget = info.numCtx - replyReserve(info.numCtx);
    const level = used > budget ? 'over' : used > budget * 0.8 ? 'near' : 'ok';
    const parts = [t('{0} for the conversation', formatTokens(this.historyTokens))];
    if (files) parts.push(t('{0} for attached files', formatTokens(files)));
    parts.push(t('{0} for your message', formatTokens(message - files)));
    let title: string;
    let label: string;
    if (info.known) {
      label = `${formatTokens(used)} / ${formatTokens(info.numCtx)}`;
      title = t('About {0} of {1} tokens: {2}. {3} more are kept free for the reply. Window: {4}.',
        formatTokens(used), formatTokens(info.numCtx), parts.join(', '), formatTokens(replyReserve(info.numCtx)), windowOrigin(info));
    } else {
      label = t('{0} / unknown', formatTokens(used));
      title = t('About {0} tokens: {1}. The limit is unknown: Ollama did not say how long a context {2} takes (its model details failed or were too slow). Assuming {3}.',
        formatTokens(used), parts.join(', '), info.model, windowOrigin(info));
    }
    if (info.ratio !== 1) title += ` ${t("Counts are corrected by this conversation's replies (×{0}).", formatNumber(info.ratio, 2))}`;
    this.show(label, title, level, `${Math.min(100, (used / info.numCtx) * 100).toFixed(1)}%`, level === 'over' ? this.warningText(info, message) : '');
  }

  /** Which turns sending now would leave out, or that the message alone is too long. */
  private warningText(info: ContextInfo, message: number): string {
    const fit = fitTurns(info.systemTokens, [...info.turns, { role: 'user', tokens: message }], info.numCtx);
    if (fit.overflow) {
      return t('This message is too long for the context window: about {0} tokens with the system prompt, and {1} fit (num_ctx {2}, less room for the reply). Shorten it, attach less, or raise num_ctx in the conversation settings.',
        formatTokens(info.systemTokens + message), formatTokens(info.numCtx - replyReserve(info.numCtx)), formatTokens(info.numCtx));
    }
    return fit.start ? leftOutNotice(info.turns.slice(0, fit.start).map((t) => t.words), info.numCtx, true) : '';
  }

  private show(label: string, title: string, level: string, width: string, warning: string): void {
    const s = this.shown;
    if (label !== s.label) this.label.textContent = s.label = label;
    if (title !== s.title) this.element.title = s.title = title;
    if (level !== s.level) this.element.dataset.level = s.level = level;
    if (width !== s.width) this.fill.style.width = s.width = width;
    if (warning !== s.warning) {
      this.warning.textContent = s.warning = warning;
      this.warning.hidden = !warning;
    }
  }
}
