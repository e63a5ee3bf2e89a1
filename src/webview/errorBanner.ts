/** An error not tied to one message (e.g. Ollama unreachable): what happened, details, and ways forward. */
import type { UserFacingError } from '../shared/types';
import { button, h } from './dom';
import type { Announcer } from './announcer';
import { icon } from './icons';
import type { HostChannel } from './vscodeApi';
import { t } from '../shared/l10n';

export class ErrorBanner {
  readonly element: HTMLElement;
  private readonly message: HTMLElement;
  private readonly detail: HTMLElement;
  private readonly actions: HTMLElement;
  /** The error last announced, so one shown again (every snapshot carries it) is not read out again. */
  private announced: string | null = null;

  /** The banner is not a live region itself: `announcer` reads each new error once. */
  constructor(
    private readonly host: HostChannel,
    private readonly announcer: Announcer,
  ) {
    this.message = h('div', { className: 'error-message' });
    this.detail = h('div', { className: 'error-detail' });
    this.actions = h('div', { className: 'error-actions' });
    const dismiss = button({ label: t('Dismiss error'), icon: 'close', className: 'error-dismiss' });
    dismiss.addEventListener('click', () => this.show(null));
    this.element = h(
      'div',
      { className: 'error-banner', attrs: { role: 'region', 'aria-label': t('Error') }, hidden: true },
      h('div', { className: 'error-icon' }, icon('error')),
      h('div', { className: 'error-body' }, this.message, this.detail, this.actions),
      dismiss,
    );
  }

  /** Shows the error (its texts as text, never HTML), or hides the banner for `null`. */
  show(error: UserFacingError | null): void {
    this.element.hidden = !error;
    const said = error ? [error.message, error.detail ?? ''].join(' ').trim() : null;
    if (said && said !== this.announced) this.announcer.alert(said);
    this.announced = said;
    if (!error) return;
    this.element.dataset.kind = error.kind;
    this.message.textContent = error.message;
    this.detail.textContent = error.detail ?? '';
    this.detail.hidden = !error.detail;
    this.actions.replaceChildren(
      ...error.actions.map((action, i) => {
        const el = button({ label: action.label, text: action.label, className: i === 0 ? 'button-primary' : 'button-secondary' });
        el.addEventListener('click', () => this.host.post(action.host === undefined ? { type: 'errorAction', action: action.id } : { type: 'errorAction', action: action.id, host: action.host }));
        return el;
      }),
    );
  }
}
