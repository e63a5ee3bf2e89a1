/**
 * "‹ 2/3 ›" under a reply that has other versions (Regenerate, Retry). The arrows ask the host to show another
 * version; the host saves the choice, so Copy and the next message use the version on screen.
 */
import { shownVersion, versionCount } from '../shared/replyVersions';
import type { ChatMessage } from '../shared/types';
import { button, h } from './dom';
import { t } from '../shared/l10n';

export class VersionPager {
  readonly element: HTMLElement;
  private readonly previous: HTMLButtonElement;
  private readonly next: HTMLButtonElement;
  private readonly label: HTMLElement;
  private position = 0;
  private count = 1;
  private enabled = true;

  constructor() {
    // `data-version` (set in `update`) is the version each arrow asks for; the message list's delegation posts it.
    this.previous = button({ label: t('Previous version of this reply'), text: '‹', action: 'select-version', className: 'version-step' });
    this.next = button({ label: t('Next version of this reply'), text: '›', action: 'select-version', className: 'version-step' });
    this.label = h('span', { className: 'version-label' });
    this.element = h('span', { className: 'version-pager', hidden: true, attrs: { role: 'group', 'aria-label': t('Versions of this reply') } },
      this.previous, this.label, this.next);
  }

  /** Shows where the message's shown version is among all of them; hidden for a reply with one version. */
  update(message: ChatMessage): void {
    this.count = versionCount(message);
    this.position = shownVersion(message);
    this.element.hidden = this.count < 2;
    this.label.textContent = `${this.position + 1}/${this.count}`;
    this.label.title = t('Version {0} of {1}', this.position + 1, this.count);
    this.previous.dataset.version = String(this.position - 1);
    this.next.dataset.version = String(this.position + 1);
    this.render();
  }

  /** The host does not switch versions while a reply streams, so the arrows are off meanwhile. */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.render();
  }

  private render(): void {
    this.previous.disabled = !this.enabled || this.position <= 0;
    this.next.disabled = !this.enabled || this.position >= this.count - 1;
  }
}
