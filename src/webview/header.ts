/**
 * The strip above the conversation: the model (click to pick another), the conversation's settings, New, and
 * the History toggle.
 */
import { button, h } from './dom';
import { icon } from './icons';
import type { HostChannel } from './vscodeApi';
import { t } from '../shared/l10n';

export class Header {
  readonly element: HTMLElement;
  private readonly modelButton: HTMLButtonElement;
  private readonly modelName: HTMLElement;
  readonly historyButton: HTMLButtonElement;

  constructor(host: HostChannel, onToggleHistory: () => void) {
    this.modelName = h('span', { className: 'model-name' });
    this.modelButton = h(
      'button',
      { className: 'button model-button', attrs: { type: 'button' } },
      icon('chat'),
      this.modelName,
      icon('chevron'),
    );
    const settings = button({ label: t('Conversation settings'), icon: 'gear' });
    const newButton = button({ label: t('New conversation'), text: t('New'), icon: 'plus' });
    this.historyButton = button({ label: t('History'), text: t('History'), icon: 'history' });
    this.historyButton.setAttribute('aria-expanded', 'false');
    this.element = h(
      'header',
      { className: 'chat-header' },
      this.modelButton,
      h('div', { className: 'header-actions' }, settings, newButton, this.historyButton),
    );
    this.modelButton.addEventListener('click', () => host.post({ type: 'pickModel' }));
    settings.addEventListener('click', () => host.post({ type: 'editSettings' }));
    newButton.addEventListener('click', () => host.post({ type: 'newConversation' }));
    this.historyButton.addEventListener('click', onToggleHistory);
  }

  setModel(model: string): void {
    this.modelName.textContent = model || t('No model');
    this.modelButton.setAttribute('aria-label', model ? t('Model: {0}. Pick another model', model) : t('Model: none. Pick another model'));
    this.modelButton.title = t('Pick the model for new messages');
  }

  setHistoryOpen(open: boolean): void {
    this.historyButton.setAttribute('aria-expanded', String(open));
    this.historyButton.classList.toggle('is-active', open);
  }
}
