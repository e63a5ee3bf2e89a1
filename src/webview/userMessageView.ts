/**
 * A message the user sent: plain text (never markdown, never HTML), with Edit (inline, then resend as a new branch),
 * Copy, and the pager of its branches when it was edited.
 * Long ones (attached files) show their start until expanded. Button clicks are handled by the message list's
 * delegation through `data-action`.
 */
import type { ChatMessage } from '../shared/types';
import { autoGrow, button, h } from './dom';
import { imageUrl } from './imageUrls';
import { messageImages } from './messageImages';
import { messageReferences } from './messageReferences';
import { messageShell } from './messageShell';
import { t } from '../shared/l10n';
import { QUESTION_BRANCHES, VersionPager } from './versionPager';

/** Beyond this a message is shown shortened until expanded. */
const LONG_CHARS = 1500;
const LONG_LINES = 15;

export class UserMessageView {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;
  private readonly editButton: HTMLButtonElement;
  private readonly expand: HTMLButtonElement;
  private images: HTMLElement | null = null;
  /** The images (and their URLs) the thumbnails were built from. */
  private imagesKey = '';
  private references: HTMLElement;
  private editor: HTMLElement | undefined;
  /** ‹ 1/2 › for a question that was edited: the conversation below follows the branch shown. */
  readonly branches = new VersionPager(QUESTION_BRANCHES);

  constructor(public message: ChatMessage) {
    const shell = messageShell(message, 'You');
    this.element = shell.element;
    this.text = h('div', { className: 'user-text' });
    this.expand = button({ label: t('Show all of the message'), text: t('Show more'), className: 'user-expand' });
    this.expand.setAttribute('aria-expanded', 'false');
    this.expand.addEventListener('click', () => this.setExpanded(!this.element.classList.contains('is-expanded')));
    this.references = messageReferences(message.references);
    shell.content.append(this.text, this.expand, this.references);
    this.editButton = button({ label: t('Edit message'), icon: 'edit', action: 'edit' });
    // Beside the actions, not among them: those show on hover, the pager always.
    shell.headerActions.before(this.branches.element);
    shell.headerActions.append(this.editButton, button({ label: t('Copy message'), icon: 'copy', action: 'copy-message' }));
    shell.footer.hidden = true;
    this.update(message);
  }

  update(message: ChatMessage): void {
    // A snapshot sends every message again: text set anew would be laid out anew.
    if (message.content !== this.text.textContent) this.text.textContent = message.content;
    if (JSON.stringify(message.references) !== JSON.stringify(this.message.references)) {
      const references = messageReferences(message.references);
      this.references.replaceWith(references);
      this.references = references;
    }
    this.message = message;
    this.element.dataset.status = message.status ?? 'complete';
    this.branches.update(message);
    const long = message.content.length > LONG_CHARS || message.content.split('\n', LONG_LINES + 1).length > LONG_LINES;
    this.element.classList.toggle('is-long', long);
    this.expand.hidden = !long;
    // Thumbnails are built anew only when the images (or the folder they load from) changed, not on every snapshot.
    const imagesKey = JSON.stringify((message.images ?? []).map((ref) => [ref, imageUrl(ref)]));
    if (imagesKey !== this.imagesKey) {
      this.imagesKey = imagesKey;
      const images = messageImages(message.images);
      if (this.images && images) this.images.replaceWith(images);
      else if (this.images) this.images.remove();
      else if (images) this.expand.after(images);
      this.images = images;
    }
  }

  private setExpanded(expanded: boolean): void {
    this.element.classList.toggle('is-expanded', expanded);
    this.expand.setAttribute('aria-expanded', String(expanded));
    this.expand.querySelector('.button-label')!.textContent = expanded ? t('Show less') : t('Show more');
  }

  /** Editing resends the conversation from here, which cannot happen while a reply streams. */
  setCanEdit(canEdit: boolean): void {
    this.editButton.hidden = !canEdit;
    this.branches.setEnabled(canEdit);
    if (!canEdit) this.stopEdit();
  }

  /** Replaces the text with a box to edit it; Enter submits, Shift+Enter adds a line, Escape cancels. */
  startEdit(): void {
    if (this.editor) return;
    const textarea = h('textarea', { className: 'edit-input', attrs: { 'aria-label': t('Edit message'), rows: '1' } });
    textarea.value = this.message.content;
    const cancel = button({ label: t('Cancel editing'), text: t('Cancel'), action: 'edit-cancel' });
    const submit = button({ label: t('Save and submit'), text: t('Submit'), action: 'edit-submit', className: 'button-primary' });
    textarea.addEventListener('input', () => {
      autoGrow(textarea);
      submit.disabled = textarea.value.trim() === '';
    });
    textarea.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        if (!submit.disabled) submit.click();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        cancel.click();
      }
    });
    this.editor = h('div', { className: 'edit-box' }, textarea, h('div', { className: 'edit-actions' }, cancel, submit));
    this.text.hidden = true;
    this.element.classList.add('is-editing');
    this.text.after(this.editor);
    autoGrow(textarea);
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  }

  /** The edited text, while editing. */
  get editedText(): string | undefined {
    return this.editor?.querySelector('textarea')?.value;
  }

  stopEdit(): void {
    if (!this.editor) return;
    const hadFocus = this.editor.contains(document.activeElement);
    this.editor.remove();
    this.editor = undefined;
    this.text.hidden = false;
    this.element.classList.remove('is-editing');
    if (hadFocus && !this.editButton.hidden) this.editButton.focus();
  }
}
