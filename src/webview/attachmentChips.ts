/** The files that go with the next message, as chips above the input; each can be removed before sending. */
import type { AttachmentInfo } from '../shared/protocol';
import { formatBytes } from '../shared/images';
import { button, h } from './dom';
import { formatChars } from './format';
import { icon } from './icons';
import { thumbnail } from './messageImages';
import type { HostChannel } from './vscodeApi';
import { t } from '../shared/l10n';

export class AttachmentChips {
  readonly element = h('div', { className: 'attachments', attrs: { role: 'list', 'aria-label': t('Attached files') }, hidden: true });

  constructor(private readonly host: HostChannel) {}

  show(attachments: AttachmentInfo[]): void {
    this.element.hidden = attachments.length === 0;
    this.element.replaceChildren(...attachments.map((a) => this.chip(a)));
  }

  private chip(a: AttachmentInfo): HTMLElement {
    if (a.kind === 'image' && a.image) return this.imageChip(a, a.image);
    const size = a.readOnSend ? t('read when sent') : a.truncated ? t('first part of {0}', formatChars(a.chars)) : formatChars(a.chars);
    const remove = button({ label: t('Remove attachment {0}', a.name), icon: 'close', className: 'chip-remove' });
    remove.addEventListener('click', () => this.host.post({ type: 'removeAttachment', id: a.id }));
    const chip = h(
      'div',
      { className: 'chip', attrs: { role: 'listitem', 'data-kind': a.kind ?? 'file', title: a.truncated ? t('{0} ({1}: the file is too long to send whole)', a.name, size) : `${a.name} (${size})` } },
      icon('file'),
      h('span', { className: 'chip-name', text: a.name }),
      h('span', { className: 'chip-meta', text: size }),
      remove,
    );
    return chip;
  }

  /** An image: its thumbnail, name and size; Remove (a button, so the keyboard reaches it). */
  private imageChip(a: AttachmentInfo, image: NonNullable<AttachmentInfo['image']>): HTMLElement {
    const remove = button({ label: t('Remove image {0}', a.name), icon: 'close', className: 'chip-remove' });
    remove.addEventListener('click', () => this.host.post({ type: 'removeAttachment', id: a.id }));
    return h(
      'div',
      { className: 'chip chip-image', attrs: { role: 'listitem', title: `${a.name} (${formatBytes(image.bytes)})` } },
      thumbnail(image, 'chip-thumb'),
      h('span', { className: 'chip-name', text: a.name }),
      h('span', { className: 'chip-meta', text: formatBytes(image.bytes) }),
      remove,
    );
  }
}
