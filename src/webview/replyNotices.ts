/**
 * What the user should know under a reply: the host's notice (older turns left out to fit the context window), and,
 * when the reply ended at the length limit (`done_reason: "length"`), that it was cut off, with Continue (the model
 * goes on writing the same reply) and Raise (a larger context window for this conversation, with its memory cost).
 * The buttons act through the message list's delegated clicks (`continue-reply`, `raise-context`).
 */
import type { ContextInfo } from '../shared/contextInfo';
import type { ChatMessage } from '../shared/types';
import { raiseLabel } from './contextWords';
import { button, h } from './dom';
import { t } from '../shared/l10n';

/** The newest context base: what Raise would set `num_ctx` to and what it costs. */
let context: ContextInfo | null = null;

function labelRaise(raise: HTMLButtonElement): void {
  const label = context ? raiseLabel(context) : undefined;
  raise.hidden = !label || raise.dataset.actionable !== 'true';
  if (label) {
    raise.setAttribute('aria-label', label);
    raise.title = label;
    raise.querySelector('.button-label')!.textContent = label.replace(/ \(.*/, '');
  }
}

/** A new context base from the host: the Raise buttons on screen say what raising now would do. */
export function setNoticeContext(info: ContextInfo): void {
  context = info;
  for (const raise of document.querySelectorAll<HTMLButtonElement>('button[data-action="raise-context"]')) labelRaise(raise);
}

export class ReplyNotices {
  readonly element: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly length: HTMLElement;
  private readonly continueButton: HTMLButtonElement;
  private readonly raise: HTMLButtonElement;

  constructor() {
    this.notice = h('div', { className: 'reply-notice', hidden: true });
    this.continueButton = button({ label: t('Continue this reply'), text: t('Continue'), icon: 'send', action: 'continue-reply' });
    this.raise = button({ label: t('Raise the context window'), text: t('Raise the context window'), icon: 'plus', action: 'raise-context' });
    this.length = h('div', { className: 'reply-length', hidden: true },
      h('span', { text: t('The reply was cut off at the length limit (the num_predict option, or a full context window).') }),
      h('span', { className: 'reply-length-actions' }, this.continueButton, this.raise));
    this.element = h('div', { className: 'reply-notices' }, this.notice, this.length);
    this.setActionable(false);
  }

  /** Shows what `message` says: its notice, and whether it ended at the length limit. */
  update(message: ChatMessage): void {
    this.notice.hidden = !message.notice;
    this.notice.textContent = message.notice ?? '';
    this.length.hidden = message.status !== 'complete' || message.stats?.doneReason !== 'length';
  }

  /** Continue and Raise act on the last reply only, and not while a reply streams. */
  setActionable(can: boolean): void {
    this.continueButton.hidden = !can;
    this.raise.dataset.actionable = String(can);
    labelRaise(this.raise);
  }
}
