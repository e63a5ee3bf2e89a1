/** The files that go with the next message, as chips above the input; each can be removed before sending. */
import type { AttachmentInfo } from '../shared/protocol';
import { button, h } from './dom';
import { formatChars } from './format';
import { icon } from './icons';
import type { HostChannel } from './vscodeApi';

export class AttachmentChips {
  readonly element = h('div', { className: 'attachments', attrs: { role: 'list', 'aria-label': 'Attached files' }, hidden: true });

  constructor(private readonly host: HostChannel) {}

  show(attachments: AttachmentInfo[]): void {
    this.element.hidden = attachments.length === 0;
    this.element.replaceChildren(...attachments.map((a) => this.chip(a)));
  }

  private chip(a: AttachmentInfo): HTMLElement {
    const size = a.readOnSend ? 'read when sent' : a.truncated ? `first part of ${formatChars(a.chars)}` : formatChars(a.chars);
    const remove = button({ label: `Remove attachment ${a.name}`, icon: 'close', className: 'chip-remove' });
    remove.addEventListener('click', () => this.host.post({ type: 'removeAttachment', id: a.id }));
    const chip = h(
      'div',
      { className: 'chip', attrs: { role: 'listitem', 'data-kind': a.kind ?? 'file', title: `${a.name} (${size}${a.truncated ? ': the file is too long to send whole' : ''})` } },
      icon('file'),
      h('span', { className: 'chip-name', text: a.name }),
      h('span', { className: 'chip-meta', text: size }),
      remove,
    );
    return chip;
  }
}
