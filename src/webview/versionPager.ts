/**
 * "‹ 2/3 ›" under a reply that has other versions (Regenerate, Retry), and on a question that was edited (its
 * branches). The arrows ask the host to show another one; the host saves the choice, so Copy and the next message use
 * what is on screen.
 */
import { branchCount, shownBranch } from '../shared/messageBranches';
import { shownVersion, versionCount } from '../shared/replyVersions';
import type { ChatMessage } from '../shared/types';
import { button, h } from './dom';
import { t } from '../shared/l10n';

/** What a pager pages through: its words, the `data-action` of its arrows, and where the message is among all. */
export interface PagerKind {
  action: 'select-version' | 'select-branch';
  /** Accessible names of the arrows and of the group. */
  previous: string;
  next: string;
  group: string;
  count(message: ChatMessage): number;
  shown(message: ChatMessage): number;
  /** The tooltip: where the message is (1-based `position` of `count`), and e.g. the model that wrote the version. */
  title(message: ChatMessage, position: number, count: number): string;
}

/** The versions of a reply. */
export const REPLY_VERSIONS: PagerKind = {
  action: 'select-version',
  // Getters: the words are looked up in the view's language when a pager is made, not when this module loads.
  get previous() {
    return t('Previous version of this reply');
  },
  get next() {
    return t('Next version of this reply');
  },
  get group() {
    return t('Versions of this reply');
  },
  count: versionCount,
  shown: shownVersion,
  title: (m, position, count) => (m.model ? t('Version {0} of {1}, written by {2}', position, count, m.model) : t('Version {0} of {1}', position, count)),
};

/** The branches that start at an edited question. */
export const QUESTION_BRANCHES: PagerKind = {
  action: 'select-branch',
  get previous() {
    return t('Previous branch: the question as it was before this edit');
  },
  get next() {
    return t('Next branch: the question as it was edited later');
  },
  get group() {
    return t('Branches of the conversation at this question');
  },
  count: branchCount,
  shown: shownBranch,
  title: (_m, position, count) => t('Branch {0} of {1}', position, count),
};

export class VersionPager {
  readonly element: HTMLElement;
  private readonly previous: HTMLButtonElement;
  private readonly next: HTMLButtonElement;
  private readonly label: HTMLElement;
  private position = 0;
  private count = 1;
  private enabled = true;

  constructor(private readonly kind: PagerKind = REPLY_VERSIONS) {
    // `data-position` (set in `update`) is what each arrow asks for; the message list's delegation posts it.
    this.previous = button({ label: kind.previous, text: '‹', action: kind.action, className: 'version-step' });
    this.next = button({ label: kind.next, text: '›', action: kind.action, className: 'version-step' });
    this.label = h('span', { className: 'version-label' });
    this.element = h('span', { className: 'version-pager', hidden: true, attrs: { role: 'group', 'aria-label': kind.group } },
      this.previous, this.label, this.next);
  }

  /** Shows where the message's shown version (or branch) is among all of them; hidden when there is only one. */
  update(message: ChatMessage): void {
    this.count = this.kind.count(message);
    this.position = this.kind.shown(message);
    this.element.hidden = this.count < 2;
    this.label.textContent = `${this.position + 1}/${this.count}`;
    this.label.title = this.kind.title(message, this.position + 1, this.count);
    this.previous.dataset.position = String(this.position - 1);
    this.next.dataset.position = String(this.position + 1);
    this.render();
  }

  /** The host does not switch versions or branches while a reply streams, so the arrows are off meanwhile. */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.render();
  }

  private render(): void {
    this.previous.disabled = !this.enabled || this.position <= 0;
    this.next.disabled = !this.enabled || this.position >= this.count - 1;
  }
}
